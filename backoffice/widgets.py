"""The back office's inputs for dates, times and money: the browser's own date pickers in place of
the admin's calendar, date-times in the site's time zone, and amounts with their thousands
separators and currency (docs/back-office.md)."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, get_format, number_format
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class ShownInSiteFormat:
    """A date input followed by its date in the site's words ("12 March 2025"), whatever way the
    browser writes it in the box (mm/dd/yyyy in an American browser): the script keeps it in step
    with the box (static/js/back_office.js)."""

    site_format = "DATE_FORMAT"

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        shown = self.in_site_format(value)
        return format_html('{}<span class="date-shown" data-format="{}">{}</span>', box, self.site_format, shown)

    def in_site_format(self, value):
        if isinstance(value, str):  # as typed: shown if it is a date
            try:
                value = parse_datetime(value) if self.site_format == "DATETIME_FORMAT" else parse_date(value)
            except ValueError:  # 2025-02-30
                value = None
        if value is None:
            return ""
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, self.site_format)


class DateInput(ShownInSiteFormat, forms.DateInput):
    """The browser's date picker; the value is ISO, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class DateTimeInput(ShownInSiteFormat, forms.DateTimeInput):
    """The browser's date-and-time picker, in the site's time zone, to the minute."""

    input_type = "datetime-local"
    site_format = "DATETIME_FORMAT"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME)

    def format_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(ISO_DATETIME)


class DateTimeField(forms.DateTimeField):
    """A date and time typed in the site's time zone (also accepts a date alone: its midnight)."""

    widget = DateTimeInput


# The site's time zones as people name them; another zone is named by its identifier.
TIME_ZONE_NAMES = {"Europe/Vienna": pgettext_lazy("a time zone", "Vienna time")}


def time_zone_label(moment=None):
    """The site's time zone as people name it: "Vienna time (CET)", or "(CEST)" in summer."""
    name = TIME_ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)
    abbreviation = timezone.localtime(moment or timezone.now(), timezone.get_default_timezone()).tzname()
    return f"{name} ({abbreviation})"


# --- Money ------------------------------------------------------------------------------------


def currency_around():
    """(before, after) the amount, as the active language writes euros: ("EUR ", "") in
    English, ("", " евро") in Russian (the list's own wording, organisation.admin.euros_and_cents)."""
    before, _, after = gettext("EUR %(amount)s").partition("%(amount)s")
    return before, after


def grouped(amount):
    """"2,955,500.00": an amount to the cent with its thousands separators, in the active language."""
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def parse_amount(text):
    """"2,955,500", "2955500", "2 955 500,50" (Russian) or "2955500.5" as the plain "2955500.5";
    anything else is returned as it is, for the field to refuse. Thousands are grouped with the
    language's separator or spaces, by threes; the decimals follow its decimal separator or a point."""
    text = re.sub(r"\s", " ", text.strip())  # no-break and narrow spaces too
    thousands = get_format("THOUSAND_SEPARATOR")
    decimal = get_format("DECIMAL_SEPARATOR")
    groups = "|".join(re.escape(separator) for separator in dict.fromkeys([thousands if thousands.strip() else " ", " "]))
    points = "".join(re.escape(point) for point in dict.fromkeys([decimal, "."]) if point != thousands)
    match = re.fullmatch(rf"(-?)(\d+|\d{{1,3}}(?:(?:{groups})\d{{3}})+)(?:[{points}](\d*))?", text)
    if match is None:
        return text
    sign, whole, cents = match.groups()
    digits = re.sub(r"\D", "", whole)
    return f"{sign}{digits}.{cents or '0'}"


class MoneyInput(forms.TextInput):
    """An amount in euros, shown with its thousands separators and the currency beside it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "class": "money-input", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return grouped(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        before, after = currency_around()
        # The language's separators, for the script that groups the digits once typed (back_office.js).
        attrs = {**(attrs or {}), "data-thousands": get_format("THOUSAND_SEPARATOR"),
                 "data-decimal": get_format("DECIMAL_SEPARATOR")}
        return format_html(
            '<span class="money">{}{}{}</span>',
            format_html('<span class="currency">{}</span>', before.strip()) if before.strip() else "",
            super().render(name, value, attrs, renderer),
            format_html('<span class="currency">{}</span>', after.strip()) if after.strip() else "",
        )


class MoneyField(forms.DecimalField):
    """An amount to the cent, typed with or without thousands separators."""

    widget = MoneyInput

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_amount(value)
        return super().to_python(value)
