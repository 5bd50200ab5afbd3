from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import Notification, OutboundEmail, PortalIdentity, User
from core.services.outbox import outbox_deliver


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Preferences"), {"fields": ("preferred_language",)}),)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    actions = ["deliver_now"]

    @admin.action(description=_("Try to deliver now"))
    def deliver_now(self, request, queryset):
        sent = sum(outbox_deliver(email_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%(count)d e-mail delivered.", "%(count)d e-mails delivered.", sent) % {"count": sent})


@admin.register(PortalIdentity)
class PortalIdentityAdmin(admin.ModelAdmin):
    """One row: who the portal belongs to, as the header and footer show it."""

    list_display = ["name_az", "name_ru", "name_en", "phone", "email"]

    def has_add_permission(self, request):
        return not PortalIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
