"""What the back office keeps about each member of staff."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """What the back office keeps about a member of staff besides Django's user: when their grace
    period to set up a second factor ends (backoffice/sign_in.py), and the language the back office
    speaks to them (backoffice/staff_language.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    second_factor_due = models.DateTimeField(
        _("second factor due"),
        help_text=_("Until then, they may sign in without a one-time code, to set one up.")
    )
    language = models.CharField(
        _("language of the back office"), max_length=10, blank=True, choices=settings.LANGUAGES,
        help_text=_("Blank: the language your browser asks for."),
    )

    class Meta:
        db_table = "tntd_staffprofile"  # made by the organisation app (label tntd), before this one
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        """`user`'s profile, made the first time it is asked for: their grace period to set up
        a second factor starts then (their first sign-in since second factors became required)."""
        due = timezone.now() + datetime.timedelta(days=settings.SECOND_FACTOR_GRACE_DAYS)
        return cls.objects.get_or_create(user=user, defaults={"second_factor_due": due})[0]
