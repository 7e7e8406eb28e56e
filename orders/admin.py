"""Django admin for every model; parties and docket entries inline on a case."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .http import client_ip
from .models import (
    AuditEvent,
    Case,
    ChambersMembership,
    Court,
    CourtHoliday,
    DocketEntry,
    DocketUpload,
    Judge,
    LocalRule,
    Order,
    OrderComment,
    OrderDocketEntry,
    Party,
    SignedPdf,
)
from .services import ERROR_ORDER_SIGNED


class ThroughServices(admin.ModelAdmin):
    """Every save and delete of the admin goes through ``services.admin_edits``: checked (an
    order's status is never set here) and audited, field by field, inlines included."""

    def save_model(self, request, obj, form, change):
        changes = {name: (form.initial.get(name), form.cleaned_data.get(name)) for name in form.changed_data}
        services.admin_record_save(
            user=request.user, obj=obj, changes=changes, created=not change, ip=client_ip(request)
        )

    def delete_model(self, request, obj):
        services.admin_record_delete(user=request.user, obj=obj, ip=client_ip(request))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.admin_record_delete(user=request.user, obj=obj, ip=client_ip(request))
        changed = {obj.pk: fields for obj, fields in formset.changed_objects}
        for obj in instances:
            fields = changed.get(obj.pk, [])
            services.admin_record_save(
                user=request.user,
                obj=obj,
                changes={name: ("", getattr(obj, name, "")) for name in fields},
                created=obj in formset.new_objects,
                ip=client_ip(request),
            )
        formset.save_m2m()


class LocalRuleInline(admin.TabularInline):
    """The court's rule table: what order types may cite for this court, each with its source."""

    model = LocalRule
    extra = 0
    fields = ["key", "position", "citation", "source"]


class CourtHolidayInline(admin.TabularInline):
    """The court's own legal holidays besides the federal ones (``orders.deadlines``)."""

    model = CourtHoliday
    extra = 0
    fields = ["date", "name", "source"]


@admin.register(CourtHoliday)
class CourtHolidayAdmin(admin.ModelAdmin):
    """Days a court is closed beyond the U.S. federal holidays: deadlines computed under Fed. R.
    Civ. P. 6(a) move past them."""

    list_display = ["date", "name", "court"]
    list_filter = ["court"]
    search_fields = ["name", "court__code"]
    date_hierarchy = "date"


@admin.register(Court)
class CourtAdmin(ThroughServices):
    """The court table (loaded from courts-db by migration 0011 / ``load_courts``): the heading
    and the paper its orders print, and its local rules."""

    list_display = ["name", "code", "citation", "paper", "font_size_pt", "closing", "case_number_style"]
    search_fields = ["name", "code", "citation"]
    list_filter = ["paper", "circuit", "case_number_style"]
    inlines = [LocalRuleInline, CourtHolidayInline]
    fieldsets = [
        (None, {"fields": ["name", "code", "citation", "circuit", "case_number_style"]}),
        ("Heading", {"fields": ["heading_line_1", "heading_line_2"]}),
        (
            "Paper (the court's profile)",
            {
                "fields": [
                    "paper",
                    "font_size_pt",
                    "case_number_label",
                    "closing",
                    "prints_division",
                    "profile_source",
                ]
            },
        ),
    ]


@admin.register(Judge)
class JudgeAdmin(ThroughServices):
    list_display = ["full_name", "initials", "signature_title", "court", "active"]
    search_fields = ["full_name", "initials"]
    list_filter = ["court", "active", "signature_title"]
    list_select_related = ["court"]


@admin.register(ChambersMembership)
class ChambersMembershipAdmin(ThroughServices):
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
class CaseAdmin(ThroughServices):
    list_display = ["number", "short_caption", "court", "assigned_judge", "pro_se", "prisoner", "sealed"]
    search_fields = ["number", "number_key", "short_caption", "parties__name"]
    list_filter = ["court", "assigned_judge", "pro_se", "prisoner", "sealed", "case_type", "year"]
    list_select_related = ["court", "assigned_judge"]
    readonly_fields = ["number_key", "office", "year", "case_type", "sequence", "judge_initials", "suffix"]
    autocomplete_fields = ["assigned_judge", "referred_judge"]
    inlines = [PartyInline, DocketEntryInline]
    date_hierarchy = "date_filed"


@admin.register(Party)
class PartyAdmin(ThroughServices):
    list_display = ["name", "role", "case", "pro_se", "institution", "terminated"]
    search_fields = ["name", "caption_name", "case__number", "case__short_caption", "institution"]
    list_filter = ["role", "pro_se", "terminated"]
    list_select_related = ["case"]
    autocomplete_fields = ["case"]


@admin.register(DocketEntry)
class DocketEntryAdmin(ThroughServices):
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

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_signed)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_signed)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_signed)


class OrderAdminForm(forms.ModelForm):
    """Refuses any change to a signed order (its fields are read-only too, this is the backstop)."""

    def clean(self):
        if (
            self.instance.pk
            and Order.objects.filter(pk=self.instance.pk, status__in=["signed", "filed"]).exists()
        ):
            raise ValidationError(ERROR_ORDER_SIGNED)
        return super().clean()


@admin.register(Order)
class OrderAdmin(ThroughServices, SimpleHistoryAdmin):
    list_display = ["title", "case", "judge", "order_type", "status", "date", "created_by", "created_at"]
    search_fields = ["title", "body", "case__number", "case__short_caption"]
    list_filter = ["status", "order_type", "judge"]
    list_select_related = ["case", "judge", "created_by"]
    autocomplete_fields = ["case", "judge"]
    # The status changes only through the workflow services (send, sign, file), never here.
    readonly_fields = ["status", "created_by", "created_at", "updated_at", "version", "amends"]
    inlines = [OrderDocketEntryInline]
    date_hierarchy = "created_at"
    form = OrderAdminForm

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_signed:
            return [field.name for field in Order._meta.fields]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_signed)


@admin.register(DocketUpload)
class DocketUploadAdmin(admin.ModelAdmin):
    list_display = ["filename", "uploaded_by", "case", "created_at", "imported_at"]
    search_fields = ["filename", "sha256", "uploaded_by__username", "case__number"]
    list_filter = ["imported_at"]
    list_select_related = ["uploaded_by", "case"]
    readonly_fields = ["uploaded_by", "filename", "sha256", "notes", "case", "imported_at", "created_at"]
    exclude = ["html"]  # large; the preview page shows what it says


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits by hand: viewable, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "order_ref", "order_repr", "judge", "ip_address"]
    list_filter = ["action", "judge"]
    search_fields = ["username", "order_repr", "detail", "=order_ref"]
    list_select_related = ["judge"]
    date_hierarchy = "at"


@admin.register(SignedPdf)
class SignedPdfAdmin(ReadOnlyAdmin):
    list_display = ["order", "signature", "signed_by", "signed_at", "sha256"]
    list_select_related = ["order", "order__case", "signed_by"]
    exclude = ["pdf"]


@admin.register(OrderComment)
class OrderCommentAdmin(ReadOnlyAdmin):
    list_display = ["order", "author", "created_at", "text"]
    list_select_related = ["order", "order__case", "author"]
