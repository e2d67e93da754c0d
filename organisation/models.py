"""The organisation: departments and their units, themes, countries, OSCE structures,
partner organisations and yearly budgets. Events live in `activities`, news in `news`."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from publishing.audit import AuditedModel
from publishing.validation import ConstraintErrorsOnFields
from richtext import markdown as rich_text


class Theme(AuditedModel):
    """A field of work, shown as "What we do" (policing, countering terrorism...)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=rich_text.HELP_TEXT)

    class Meta:
        ordering = ["name", "name_en"]  # name_en: for names not translated (translations/fields.py)
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", args=[self.slug])


class Country(ConstraintErrorsOnFields, AuditedModel):
    """A country by its ISO 3166-1 alpha-2 code, with its relation to the OSCE."""

    class OsceStatus(models.TextChoices):
        PARTICIPATING_STATE = "participating", _("Participating State")
        PARTNER = "partner", _("Partner for Co-operation")
        OTHER = "other", pgettext_lazy("a country's relation to the OSCE", "Other")

    class PartnerGroup(models.TextChoices):
        MEDITERRANEAN = "mediterranean", _("Mediterranean")
        ASIAN = "asian", _("Asian")

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2, in capitals (XK is the code in common use for Kosovo)."),
    )
    name = models.CharField(_("name"), max_length=120)
    osce_status = models.CharField(_("OSCE status"), max_length=20, choices=OsceStatus.choices, default=OsceStatus.OTHER)
    partner_group = models.CharField(
        _("partner group"),
        max_length=20,
        choices=PartnerGroup.choices,
        blank=True,
        help_text=_("Only for Partners for Co-operation."),
    )

    constraint_fields = {
        "country_code_two_capitals": "code",
        "country_partner_group_only_for_partners": "partner_group",
    }

    class Meta:
        ordering = ["name", "name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_two_capitals",
                violation_error_message=_("The ISO code is two capital letters, such as AL."),
            ),
            models.CheckConstraint(
                condition=(Q(osce_status="partner") & ~Q(partner_group=""))
                | (~Q(osce_status="partner") & Q(partner_group="")),
                name="country_partner_group_only_for_partners",
                violation_error_message=_("A Partner for Co-operation needs its group; other countries have none."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country_detail", args=[self.code.lower()])


class Region(AuditedModel):
    """A group of countries as the OSCE speaks of them: the regions of its field operations
    (South-Eastern Europe, Eastern Europe, South Caucasus, Central Asia) and its two groups of
    Partners for Co-operation. Shipped as organisation/data/osce-regions.csv; staff may edit them.

    Choosing a region in a finder means any of its countries (EventQuerySet.in_regions)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=rich_text.HELP_TEXT)
    countries = models.ManyToManyField(Country, related_name="regions", blank=True, verbose_name=_("countries"))
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=0, help_text=_("Regions are listed in this order.")
    )

    class Meta:
        ordering = ["display_order", "name", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("region_detail", args=[self.slug])


class Department(AuditedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=rich_text.HELP_TEXT)

    class Meta:
        ordering = ["name", "name_en"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("department_detail", args=[self.slug])


class DepartmentLink(AuditedModel):
    """One of a department's web links ("Cyber/ICT security", www.osce.org/...)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="links", verbose_name=_("department"))
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["department", "display_order", "label", "label_en"]
        verbose_name = _("department link")
        verbose_name_plural = _("department links")

    def __str__(self):
        return self.label


class Unit(AuditedModel):
    """A part of a department: one of its thematic units, or its co-ordination cell."""

    class Kind(models.TextChoices):
        THEMATIC_UNIT = "thematic_unit", _("Thematic unit")
        COORDINATION_CELL = "coordination_cell", _("Co-ordination cell")

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="units", verbose_name=_("department"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.THEMATIC_UNIT)
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=rich_text.HELP_TEXT)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0, help_text=_("Lower numbers come first."))
    themes = models.ManyToManyField(Theme, blank=True, related_name="units", verbose_name=_("themes"))

    class Meta:
        ordering = ["display_order", "name", "name_en"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("unit_detail", args=[self.slug])


class OsceStructure(AuditedModel):
    """An OSCE body, shown as "Where we are": a Secretariat department, a field operation..."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        SECRETARIAT_DEPARTMENT = "secretariat_department", _("Secretariat department")
        FIELD_OPERATION = "field_operation", _("Field operation")
        INSTITUTION = "institution", _("Institution")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="osce_structures",
        verbose_name=_("country"),
        help_text=_("Where it has one: the host country of a field operation."),
    )

    class Meta:
        ordering = ["name", "name_en"]
        verbose_name = _("OSCE structure")
        verbose_name_plural = _("OSCE structures")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("structure_detail", args=[self.slug])


class PartnerOrganisation(AuditedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name", "name_en"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Budget(ConstraintErrorsOnFields, AuditedModel):
    """A department's resources for one year, as the Annual Report states them."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("department"))
    year = models.PositiveSmallIntegerField(_("year"))
    unified_budget = models.DecimalField(_("unified budget (EUR)"), max_digits=14, decimal_places=2)
    extrabudgetary_pledges = models.DecimalField(_("extrabudgetary pledges (EUR)"), max_digits=14, decimal_places=2)
    staff_total = models.PositiveIntegerField(_("staff"))
    staff_extrabudgetary = models.PositiveIntegerField(
        _("staff under extrabudgetary projects"), help_text=_("Included in the staff figure.")
    )

    constraint_fields = {
        "budget_one_per_department_and_year": "year",
        "budget_year_plausible": "year",
        "budget_extrabudgetary_staff_within_total": "staff_extrabudgetary",
    }

    class Meta:
        ordering = ["department", "-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"],
                name="budget_one_per_department_and_year",
                violation_error_message=_("This department already has a budget for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="budget_year_plausible",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(unified_budget__gte=0) & Q(extrabudgetary_pledges__gte=0),
                name="budget_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(staff_extrabudgetary__lte=F("staff_total")),
                name="budget_extrabudgetary_staff_within_total",
                violation_error_message=_("Staff under extrabudgetary projects cannot exceed the total staff."),
            ),
        ]

    def __str__(self):
        return f"{self.department.acronym or self.department.name} {self.year}"
