from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from units.models import Acting, Clause, Membership, Position, Regulation, ServiceDesignation, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_az", "name_ru", "name_en", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_az", "name_ru", "name_en", "short_name"]
    readonly_fields = ["path", "depth"]
    list_select_related = ["parent"]


class ClauseInline(admin.TabularInline):
    model = Clause
    fields = ["number", "kind", "unit", "text", "is_repealed"]
    extra = 0
    show_change_link = True


@admin.register(Regulation)
class RegulationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "language", "is_model", "approval_date", "imported_at"]
    list_filter = ["language", "is_model"]
    search_fields = ["title"]
    readonly_fields = ["source_hash", "imported_at", "warnings"]
    list_select_related = ["unit"]


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["number", "kind", "unit", "regulation", "is_repealed"]
    list_filter = ["kind", "is_repealed", "regulation__language"]
    search_fields = ["number", "text"]
    list_select_related = ["unit", "regulation"]
    readonly_fields = ["search_text", "sort_key", "key"]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "unit"]
    list_filter = ["kind"]
    list_select_related = ["unit"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "position", "start", "end"]
    list_select_related = ["user", "position__unit"]
    autocomplete_fields = ["user"]


@admin.register(Acting)
class ActingAdmin(SimpleHistoryAdmin):
    list_display = ["user", "position", "start", "end", "reason"]
    list_select_related = ["user", "position__unit"]


@admin.register(ServiceDesignation)
class ServiceDesignationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "function", "unit"]
    list_filter = ["function"]
    list_select_related = ["organisation", "unit"]
