"""Old addresses of renamed pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.audit import VersionField
from publishing.validation import PlainUniqueErrors


class MovedPage(PlainUniqueErrors, models.Model):
    """A public page's old address, kept when its slug changes (website/redirects.py).

    Not django.contrib.redirects: it needs django.contrib.sites, which would make the feeds and the
    sitemap write the Site's domain instead of the request's."""

    old_path = models.CharField(
        _("old address"), max_length=300, unique=True, help_text=_("The old address, such as /events/old-slug/.")
    )
    new_path = models.CharField(_("new address"), max_length=300, help_text=_("Where it moved: /events/new-slug/."))
    moved_at = models.DateTimeField(_("moved"), auto_now=True)
    version = VersionField(_("version"))

    class Meta:
        db_table = "tntd_movedpage"  # made by the organisation app (label tntd), before this one
        ordering = ["-moved_at"]
        verbose_name = _("moved page")
        verbose_name_plural = _("moved pages")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
