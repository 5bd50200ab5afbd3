from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents.models import (
    Attachment,
    CalendarOverride,
    CaseFile,
    ControlCard,
    ControlExtension,
    ControlPause,
    DeadlinePolicy,
    Document,
    Journal,
)
from documents.services.calendar import calendar_override_delete, calendar_override_save


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    """Saving or deleting an override goes through the service, which rebuilds the calendar and
    recomputes the open cards it affects."""

    list_display = ["date", "country", "is_working", "legal_reference"]
    list_filter = ["country", "is_working"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        saved = calendar_override_save(country=obj.country, day=obj.date, is_working=obj.is_working,
                                       legal_reference=obj.legal_reference, actor=request.user)
        obj.pk = saved.pk
        messages.info(request, _("Open deadlines affected by this day are being recomputed."))

    def delete_model(self, request, obj):
        calendar_override_delete(override=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for override in queryset:
            calendar_override_delete(override=override, actor=request.user)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "organisation", "term_value", "term_unit", "max_extension_value", "legal_basis"]
    list_filter = ["country", "term_unit", "is_active"]
    search_fields = ["code", "name", "legal_basis"]


class ExtensionInline(admin.TabularInline):
    model = ControlExtension
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "value", "unit", "previous_due", "new_due", "reason", "legal_basis", "extended_by"]

    def has_add_permission(self, request, obj=None):
        return False


class PauseInline(admin.TabularInline):
    model = ControlPause
    extra = 0
    can_delete = False
    readonly_fields = ["started_at", "ended_at", "reason", "paused_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ControlCard)
class ControlCardAdmin(SimpleHistoryAdmin):
    """Read-only here: cards change through their services (extend, pause, resume, close)."""

    list_display = ["title", "policy", "responsible_unit", "executor", "due", "state"]
    list_filter = ["state", "policy"]
    search_fields = ["title"]
    list_select_related = ["policy", "responsible_unit", "executor"]
    inlines = [ExtensionInline, PauseInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ControlCard._meta.fields] + ["co_executors"]

    def has_add_permission(self, request):
        return False


@admin.register(Journal)
class JournalAdmin(SimpleHistoryAdmin):
    """Journals and their number formats, e.g. "{index}/{seq}-{yy}" gives "12-3/145-26"."""

    list_display = ["name", "code", "organisation", "direction", "number_format"]
    list_filter = ["direction"]


@admin.register(CaseFile)
class CaseFileAdmin(SimpleHistoryAdmin):
    list_display = ["index", "title", "unit", "year", "retention_years", "closed_at", "legal_hold"]
    list_filter = ["year", "legal_hold"]
    search_fields = ["index", "title"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    """Documents are registered through the portal's pages or API (numbering, idempotency); here they are read."""

    list_display = ["number", "direction", "registered_at", "correspondent", "subject", "unit", "state"]
    list_filter = ["direction", "state", "access_level"]
    search_fields = ["number", "subject", "correspondent"]
    date_hierarchy = "registered_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "mime_type", "size", "content_type", "object_id", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
