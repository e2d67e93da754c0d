from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Sitemap sections of the organisation's pages: {section: model}.
SITEMAP_SECTIONS = {"departments": "Department", "units": "Unit", "themes": "Theme", "structures": "OsceStructure",
                    "regions": "Region"}
PUBLIC_CONTENT = ["Theme", "Country", "Region", "Department", "DepartmentLink", "Unit", "OsceStructure",
                  "PartnerOrganisation", "Budget"]


class OrganisationConfig(AppConfig):
    """The department, its units, themes, countries, OSCE structures and budgets."""

    name = "organisation"
    # The label its tables, permissions, content types and history were made under, when
    # these models lived in the project package: kept, so that moving them renamed nothing.
    label = "tntd"
    verbose_name = _("Organisation")

    def ready(self):
        from website import caching, redirects, sitemaps

        caching.register_public_content(*map(self.get_model, PUBLIC_CONTENT))
        redirects.keep_old_addresses(*map(self.get_model, ("Department", "Unit", "Theme", "OsceStructure", "Region")))
        for section, name in SITEMAP_SECTIONS.items():
            sitemaps.register(section, sitemaps.changed_pages(partial(self.get_model(name).objects.order_by, "pk")))
