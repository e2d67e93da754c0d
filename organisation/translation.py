"""The organisation's translated fields (translations/fields.py says how they work)."""

from organisation.models import Country, Department, DepartmentLink, OsceStructure, PartnerOrganisation, Region, Theme, Unit
from translations.fields import register

register(Theme, ["name", "description"], unique=["name"])
register(Country, ["name"])
register(Region, ["name", "description"], unique=["name"])
register(Department, ["name", "acronym", "head_name", "head_title", "description"], unique=["name"])
register(DepartmentLink, ["label"])
register(Unit, ["name", "description"], unique=["name"])
register(OsceStructure, ["name"], unique=["name"])  # it has no description
register(PartnerOrganisation, ["name"], unique=["name"])
