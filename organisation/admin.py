"""The back office of the organisation's records: themes, countries, regions, the department, its units, links and budgets."""


from django.contrib import admin
from django.db import models
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from backoffice import widgets
from backoffice.model_admins import AuditedAdmin, AuditedInline, RevisionsAdmin, TranslatedAdmin
from organisation.models import (
    Budget,
    Country,
    Department,
    DepartmentLink,
    OsceStructure,
    PartnerOrganisation,
    Region,
    Theme,
    Unit,
)


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "slug", "updated_at"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "code", "osce_status", "partner_group"]
    list_filter = ["osce_status", "partner_group", "regions"]
    search_fields = ["name", "code"]
    ordering = ["name"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin, TranslatedAdmin):
    """The OSCE's groupings of countries (organisation/data/osce-regions.csv). Changing a region's
    countries changes which events and news the region's filter finds, at once."""

    list_display = ["name", "slug", "display_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["countries"]


class UnitInline(AuditedInline, TranslationTabularInline):
    model = Unit
    fields = ["name", "acronym", "slug", "display_order"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0


class DepartmentLinkInline(AuditedInline, TranslationTabularInline):
    model = DepartmentLink
    fields = ["label", "url", "display_order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "www.osce.org/..." means https
    extra = 0


class BudgetInline(AuditedInline, admin.TabularInline):
    model = Budget
    fields = ["year", "unified_budget", "extrabudgetary_pledges", "staff_total", "staff_extrabudgetary"]
    formfield_overrides = {models.DecimalField: {"form_class": widgets.MoneyField}}  # "EUR 2,955,500.00"
    ordering = ["-year"]
    extra = 0

    def get_queryset(self, request):
        # Each row is titled "TNTD 2017", which names the department.
        return super().get_queryset(request).select_related("department")


@admin.register(Department)
class DepartmentAdmin(RevisionsAdmin, AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "acronym", "head_name", "updated_at"]
    search_fields = ["name", "acronym", "head_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline, DepartmentLinkInline, BudgetInline]


@admin.register(DepartmentLink)
class DepartmentLinkAdmin(AuditedAdmin, TranslatedAdmin):
    list_display = ["label", "url", "department", "display_order"]
    list_filter = ["department"]
    list_select_related = ["department"]
    search_fields = ["label", "url"]
    autocomplete_fields = ["department"]
    formfield_overrides = DepartmentLinkInline.formfield_overrides


@admin.register(Unit)
class UnitAdmin(RevisionsAdmin, AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "acronym", "department", "display_order"]
    list_filter = ["department", "themes"]
    list_select_related = ["department"]
    search_fields = ["name", "acronym", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["department", "themes"]


@admin.register(OsceStructure)
class OsceStructureAdmin(AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["country"]
    search_fields = ["name", "country__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(AuditedAdmin, TranslatedAdmin):
    list_display = ["name", "acronym"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


def euros_and_cents(amount):
    """"EUR 3,250,000.00": an amount as finance staff check it, to the cent, in the active
    language's way ("3 250 000,00 евро")."""
    return gettext("EUR %(amount)s") % {"amount": number_format(amount, decimal_pos=2, force_grouping=True)}


@admin.register(Budget)
class BudgetAdmin(RevisionsAdmin, AuditedAdmin):
    """Edited by Finance (organisation/migrations/0005_finance_group.py) and superusers."""

    # The department by its acronym: the amounts stay in view on a narrow screen.
    list_display = ["department_short", "year", "unified", "extrabudgetary", "staff_total", "staff_extrabudgetary"]
    list_display_links = ["department_short", "year"]
    list_filter = ["department", "year"]
    list_select_related = ["department"]
    search_fields = ["department__name", "department__acronym", "year"]
    autocomplete_fields = ["department"]
    ordering = ["department", "-year"]
    formfield_overrides = BudgetInline.formfield_overrides

    @admin.display(description=_("department"), ordering="department__name")
    def department_short(self, budget):
        department = budget.department
        if not department.acronym:
            return str(department)
        return format_html('<abbr title="{}">{}</abbr>', department, department.acronym)

    def get_changeform_initial_data(self, request):
        """A new budget is the department's when there is only one."""
        initial = super().get_changeform_initial_data(request)
        if "department" not in initial:
            departments = list(Department.objects.values_list("pk", flat=True)[:2])
            if len(departments) == 1:
                initial["department"] = departments[0]
        return initial

    @admin.display(description=_("unified budget"), ordering="unified_budget")
    def unified(self, budget):
        return euros_and_cents(budget.unified_budget)

    @admin.display(description=_("extrabudgetary pledges"), ordering="extrabudgetary_pledges")
    def extrabudgetary(self, budget):
        return euros_and_cents(budget.extrabudgetary_pledges)
