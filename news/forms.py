"""One publishing control for a news item: "Now" (dated today, public once published) or "At" a
day and time (dated that day, kept off the public site until then), from which the form derives
both `published_on` and `publish_at` (docs/editorial-workflow.md, "news/forms.py")."""

import dataclasses
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from backoffice import widgets
from photos.models import PhotoAdminForm

NOW, AT = "now", "at"
KEEP = object()  # the form leaves `publish_at` as it is


@dataclasses.dataclass(frozen=True)
class Publication:
    """What the control says: now, or at a moment (a date, or an aware date and time)."""

    now: bool
    at: datetime.date | None = None


def start_of_day(day):
    """Midnight of `day` in the site's time zone: when a news item of that day becomes public."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def stored_publication(record, with_time):
    """The control's value for a saved news item: at its embargo if it has one, else at its day."""
    if not with_time:
        return Publication(now=False, at=record.published_on)
    if record.publish_at is not None:
        return Publication(now=False, at=timezone.localtime(record.publish_at).replace(second=0, microsecond=0))
    return Publication(now=False, at=start_of_day(record.published_on))


def next_full_hour():
    moment = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    return moment + datetime.timedelta(hours=1)


class PublicationWidget(forms.Widget):
    """Two radio buttons, "Now" and "At", and the browser's date (or date-and-time) input.

    The input is named after the field ("published_on"), the choice `<name>_when`: a form posted
    without the choice (a script, an older page) and with a date means "at" that date."""

    def __init__(self, with_time=False, attrs=None):
        super().__init__(attrs)
        self.with_time = with_time
        self.moment = widgets.DateTimeInput() if with_time else widgets.DateInput()

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}_when"), self.moment.value_from_datadict(data, files, name)]

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_when" not in data and name not in data

    def id_for_label(self, id_):
        return id_  # the field's label names the date input

    @staticmethod
    def split(value):
        """(choice, moment) from what the form holds: posted data, a Publication, or a date."""
        if isinstance(value, (list, tuple)):
            when, at = (list(value) + [None, None])[:2]
            return (when if when in (NOW, AT) else (AT if at else NOW)), at
        if isinstance(value, Publication):
            return (NOW if value.now else AT), value.at
        return (AT, value) if value else (NOW, None)

    def render(self, name, value, attrs=None, renderer=None):
        when, at = self.split(value)
        if when == NOW and not at:  # today by default, should they choose "At"
            at = next_full_hour() if self.with_time else timezone.localdate()
        attrs = self.build_attrs(self.attrs, attrs)
        id_ = attrs.pop("id", f"id_{name}")
        today = date_format(timezone.localdate(), "DATE_FORMAT")
        moment_attrs = {
            **attrs,
            "id": id_,
            "class": "publication-moment",
            "aria-label": gettext("Publication date and time") if self.with_time else gettext("Publication date"),
        }
        return format_html(
            '<div class="publication-control" id="{id}_control">'
            '<label class="publication-now"><input type="radio" name="{name}_when" value="now" id="{id}_now"{now}> {now_label}</label>'
            '<span class="publication-at"><label><input type="radio" name="{name}_when" value="at" id="{id}_at"{at}> {at_label}</label> '
            "{moment}</span></div>",
            id=id_,
            name=name,
            now=" checked" if when == NOW else "",
            at=" checked" if when == AT else "",
            now_label=gettext("Now: dated today, %(today)s") % {"today": today},
            at_label=pgettext("publishing a news item", "At") if self.with_time else pgettext("publishing a news item", "On"),
            moment=self.moment.render(name, at, moment_attrs, renderer),
        )


class PublicationField(forms.Field):
    """The publication control's field: a Publication."""

    default_error_messages = {
        "invalid_choice": _("Choose “Now” or a date."),
        "no_moment": _("Enter when to publish it, or choose “Now”."),
    }

    def __init__(self, *, with_time=False, **kwargs):
        self.with_time = with_time
        self.moment_field = widgets.DateTimeField() if with_time else forms.DateField(input_formats=[widgets.ISO_DATE])
        super().__init__(widget=PublicationWidget(with_time=with_time), **kwargs)

    def to_python(self, value):
        when, at = value if isinstance(value, (list, tuple)) else (None, value)
        if isinstance(at, Publication):
            return at
        if when == NOW:
            return Publication(now=True)
        if when not in (None, "", AT):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        if at in self.empty_values:
            code = "no_moment" if when == AT else "required"
            raise ValidationError(self.error_messages[code], code=code)
        return Publication(now=False, at=self.moment_field.clean(at))

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


class NewsItemForm(PhotoAdminForm):
    """A news item's form in the back office: its publishing date given by the publication control
    (PublicationField, made by news.admin.NewsItemAdmin), from which it derives `published_on` and,
    for a Publisher, `publish_at` (docs/editorial-workflow.md, "news/forms.py")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.publish_at = KEEP
        self.stored_publication = None
        field = self.fields.get("published_on")
        if not isinstance(field, PublicationField):
            return  # the translation page, say: not on this form
        if self.instance.pk is not None and self.instance.published_on:
            self.stored_publication = stored_publication(self.instance, field.with_time)
            self.initial["published_on"] = self.stored_publication
        elif not self.initial.get("published_on"):
            self.initial["published_on"] = Publication(now=True)

    def clean_published_on(self):
        """Return the day the control names; on a Publisher's form, also set `publish_at` (none for
        "Now" or a moment past). The value the form was opened with changes nothing, so that
        opening and saving a record never reschedules it."""
        publication = self.cleaned_data["published_on"]
        field = self.fields["published_on"]
        if self.stored_publication is not None and publication == self.stored_publication:
            return self.instance.published_on
        if publication.now:
            day, publish_at = timezone.localdate(), None
        elif isinstance(publication.at, datetime.datetime):
            day = timezone.localtime(publication.at).date()
            publish_at = publication.at if publication.at > timezone.now() else None
        else:
            day, publish_at = publication.at, KEEP
        if field.with_time:  # a Publisher's form: the time is theirs to set
            self.publish_at = publish_at
        return day

    def _post_clean(self):
        if self.publish_at is not KEEP:
            self.instance.publish_at = self.publish_at
        super()._post_clean()
