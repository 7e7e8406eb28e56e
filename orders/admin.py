"""Django admin for every model; parties and docket entries inline on a case."""

from django.contrib import admin

from .models import (
    Case,
    ChambersMembership,
    Court,
    DocketEntry,
    DocketUpload,
    Judge,
    Order,
    OrderDocketEntry,
    Party,
)


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "case_number_style"]
    search_fields = ["name", "code"]
    list_filter = ["case_number_style"]


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "initials", "signature_title", "court", "active"]
    search_fields = ["full_name", "initials"]
    list_filter = ["court", "active", "signature_title"]
    list_select_related = ["court"]


@admin.register(ChambersMembership)
class ChambersMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "judge", "role"]
    search_fields = ["user__username", "user__last_name", "judge__full_name"]
    list_filter = ["role", "judge"]
    list_select_related = ["user", "judge"]
    autocomplete_fields = ["judge"]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    fields = [
        "caption_position",
        "name",
        "caption_name",
        "role",
        "pro_se",
        "prisoner_number",
        "institution",
        "pronoun",
        "terminated",
    ]


class DocketEntryInline(admin.TabularInline):
    model = DocketEntry
    fk_name = "case"
    extra = 0
    fields = ["number", "date_filed", "kind", "description", "filing_party", "pending", "terminated_by"]
    raw_id_fields = ["terminated_by"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only this case's parties as the filing party.
        if db_field.name == "filing_party":
            case_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Party.objects.filter(case_id=case_id) if case_id else Party.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "short_caption", "court", "assigned_judge", "pro_se", "prisoner", "sealed"]
    search_fields = ["number", "number_key", "short_caption", "parties__name"]
    list_filter = ["court", "assigned_judge", "pro_se", "prisoner", "sealed", "case_type", "year"]
    list_select_related = ["court", "assigned_judge"]
    readonly_fields = ["number_key", "office", "year", "case_type", "sequence", "judge_initials", "suffix"]
    autocomplete_fields = ["assigned_judge", "referred_judge"]
    inlines = [PartyInline, DocketEntryInline]
    date_hierarchy = "date_filed"


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "case", "pro_se", "institution", "terminated"]
    search_fields = ["name", "caption_name", "case__number", "case__short_caption", "institution"]
    list_filter = ["role", "pro_se", "terminated"]
    list_select_related = ["case"]
    autocomplete_fields = ["case"]


@admin.register(DocketEntry)
class DocketEntryAdmin(admin.ModelAdmin):
    list_display = ["number", "case", "date_filed", "kind", "pending"]
    search_fields = ["description", "case__number", "case__short_caption"]
    list_filter = ["kind", "pending"]
    list_select_related = ["case"]
    autocomplete_fields = ["case", "filing_party"]
    raw_id_fields = ["terminated_by"]


class OrderDocketEntryInline(admin.TabularInline):
    model = OrderDocketEntry
    extra = 0
    autocomplete_fields = ["docket_entry"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["title", "case", "judge", "order_type", "status", "date", "created_by", "created_at"]
    search_fields = ["title", "body", "case__number", "case__short_caption"]
    list_filter = ["status", "order_type", "judge"]
    list_select_related = ["case", "judge", "created_by"]
    autocomplete_fields = ["case", "judge"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [OrderDocketEntryInline]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(DocketUpload)
class DocketUploadAdmin(admin.ModelAdmin):
    list_display = ["filename", "uploaded_by", "case", "created_at", "imported_at"]
    search_fields = ["filename", "sha256", "uploaded_by__username", "case__number"]
    list_filter = ["imported_at"]
    list_select_related = ["uploaded_by", "case"]
    readonly_fields = ["uploaded_by", "filename", "sha256", "notes", "case", "imported_at", "created_at"]
    exclude = ["html"]  # large; the preview page shows what it says
