"""The FilterSet the events and news finders share: forgiving, with facet counts, chips and headline.

A finder page always answers: a parameter that is unknown, malformed or too long is left out
of the search and reported to the visitor in plain words, never a 500.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.formats import date_format, localize
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext, pgettext

from finders.filters import KeywordFilter
from search import counts
from search import index as search_index

DATE_FILTERS = ("when", "year", "from", "to")  # grouped under "Dates" in the form


def as_list(value):
    """A cleaned filter value as a list of its items ([] when the filter is not in use)."""
    if value in (None, "") or (hasattr(value, "model") and not value):
        return []
    if isinstance(value, (list, tuple)) or hasattr(value, "model"):
        return list(value)
    return [value]


def is_control(char):
    return unicodedata.category(char) == "Cc"


def without_control(text, replacement=" "):
    return "".join(replacement if is_control(char) else char for char in text)


def shown(value, limit=40):
    """A visitor's input, safe to echo back: no control characters (NUL...), cut short."""
    text = without_control(str(value), replacement="")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lower_first(text):
    return text[:1].lower() + text[1:]


def quoted(text):
    """A visitor's words or a parameter, quoted as the language quotes: “x”, «x»."""
    # Translators: quotation marks around a visitor's input, as your language writes them.
    return pgettext("quotation marks", "“%(text)s”") % {"text": text}


def and_list(items):
    """"a, b and c" in the active language (Django's get_text_list says "or" by default)."""
    # Translators: the word before the last item of a list: "Workshops and seminars".
    return get_text_list(items, pgettext("a list", "and"))


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    count_words: str = ""  # what a screen reader says after the count: "12 events"


# One choice of a facet, as the filter form lists it (templates/includes/finder_form.html).
FACET_OPTION_HTML = (
    '<li><input type="checkbox" name="{name}" value="{value}" id="{id}"{checked}>'
    '<label for="{id}">{label} <span class="count">({count}<span class="visually-hidden"> {words}</span>)</span></label></li>'
)


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def offers_a_choice(self):
        """Whether the facet is worth showing: two choices or more, or one the visitor has ticked
        (to untick it). A facet of one choice would only repeat the result count."""
        return len(self.options) > 1 or any(option.selected for option in self.options)

    def options_html(self):
        """The options' list items, made in Python, not by a template loop: a finder lists
        many choices, and a template loop over them was the slowest part of an uncached page."""
        return format_html_join("", FACET_OPTION_HTML, (
            {
                "name": self.name,
                "value": option.value,
                "id": f"f-{self.name}-{number}",
                "checked": " checked" if option.selected else "",
                "label": option.label,
                "count": localize(option.count),
                "words": option.count_words,
            }
            for number, option in enumerate(self.options, start=1)
        ))


@dataclass
class Chip:
    filter_label: str  # "Country"
    value_label: str  # "Albania"
    remove_url: str

    @property
    def label(self):
        return f"{self.filter_label}: {self.value_label}"


class ForgivingFilterSet(django_filters.FilterSet):
    """A FilterSet that never fails a page: input it cannot use (an unknown filter, a value
    that is no choice, a malformed date) is left out, and `problems()` says so in plain words.
    An empty field is no filter; among several choices only the unknown ones are left out.
    The finders' base (FinderFilterSet), and the filter of the units' index (portal/views.py)."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:  # "?country=&q=" is what an untouched form sends: nothing to filter by
            kept = QueryDict(mutable=True)
            for key, values in data.lists():
                if given := [value for value in values if value.strip()]:
                    kept.setlist(key, given)
            data = kept
        self.unknown_choices = {}  # filter name: the values left out
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.is_bound and self.without_unknown_choices(form):
                del self._form  # made again from the data that is left
                form = super().form
        return self._form

    def without_unknown_choices(self, form):
        """Leave out, from each multiple-choice filter that failed, the values that are no
        choice (keeping the others); whether anything was left out. Only on that failure:
        valid input costs nothing more."""
        if form.is_valid():
            return False
        data = self.data.copy()
        for name in form.errors:
            field = form.fields[name]
            if not isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                continue
            values = data.getlist(name)
            # Each checked alone (a query each for records): at most so many, whatever the address holds.
            known = [value for value in values[:MAX_CHOICES_CHECKED] if is_choice(field, value)]
            self.unknown_choices[name] = [value for value in values if value not in known]
            data.setlist(name, known)
        self.data = data
        return bool(self.unknown_choices)

    def is_valid(self):
        """Whether all the input could be used: a page shows what it could with a note; the API
        and downloads refuse (they would hold more than was asked)."""
        return super().is_valid() and not self.unknown_choices

    def input_errors(self):
        """{filter: [messages]} of the input left out, for the API's 400."""
        errors = {name: list(messages) for name, messages in self.form.errors.items()}
        for name, values in self.unknown_choices.items():
            errors.setdefault(name, []).extend(
                gettext("“%(value)s” is not one of the choices.") % {"value": shown(value)} for value in values
            )
        return errors

    def problems(self):
        """Plain-language notes on what was left out of the search, and why."""
        if not self.is_bound:
            return []
        self.is_valid()
        notes = []
        for name, values in self.unknown_choices.items():
            notes.append(ngettext(
                "%(filter)s: %(given)s is not one of its choices, so it was left out.",
                "%(filter)s: %(given)s are not among its choices, so they were left out.", len(values),
            ) % {"filter": self.form.fields[name].label, "given": and_list([quoted(shown(value)) for value in values[:5]])})
        for name, errors in self.form.errors.items():
            given = ", ".join(shown(value) for value in self.data.getlist(name))
            reason = " ".join(str(error).rstrip(".") for error in errors)
            notes.append(gettext("%(filter)s: %(given)s was ignored (%(reason)s).") % {
                "filter": self.form.fields[name].label, "given": quoted(given), "reason": reason,
            })
        unknown = sorted(set(self.data) - set(self.filters) - {"page"})
        if unknown:
            names = and_list([quoted(shown(name)) for name in unknown[:5]])
            notes.append(ngettext("Unknown filter %(names)s ignored.", "Unknown filters %(names)s ignored.",
                                  len(unknown[:5])) % {"names": names})
        start, end = self.form.cleaned_data.get("from"), self.form.cleaned_data.get("to")
        if start and end and start > end:
            notes.append(gettext("The “From” date (%(start)s) is after the “To” date (%(end)s).") % {
                "start": date_format(start, "DATE_FORMAT"), "end": date_format(end, "DATE_FORMAT"),
            })
        return notes


MAX_CHOICES_CHECKED = 100  # more than any facet offers


def is_choice(field, value):
    """Whether `value` alone is a valid choice of the multiple-choice form `field`."""
    try:
        field.clean([value])
    except forms.ValidationError:
        return False
    return True


class FinderFilterSet(ForgivingFilterSet):
    """Base for the public finders: their filters, facets from the search index, and their wording.

    Subclasses declare their filters, a `sort` SortFilter and the attributes below, each wording a
    translatable string read in the active language.
    """

    # The search index the page reads; its spec names the facets and the keys each counts
    # (finders/checks.py checks that each facet's filter reads those keys).
    index_model = None
    facets = ()  # the parameters of its facets, from index_model.spec
    noun = ""  # "Events", for the headline
    feed_name = ""  # "TNTD events": the unfiltered feed's title
    form_label = ""  # "Filter events": the filter form's accessible name
    headline_phrases = ()  # ((parameter, "%(subject)s in %(country)s"), ...)
    type_plurals = {}  # {type value: "Training courses"}
    parameter_names = {"date_from": "from", "date_to": "to"}  # "from" is a Python keyword

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.index_model is not None:
            cls.facets = tuple(cls.index_model.spec.facets)

    @classmethod
    def get_filters(cls):
        return {cls.parameter_names.get(name, name): filter_ for name, filter_ in super().get_filters().items()}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "sort" not in self.form.cleaned_data:  # an invalid sort: the default order still applies
            queryset = self.filters["sort"].filter(queryset, None)
        return queryset

    @cached_property
    def searched(self):
        """What the finder page's list, total and facets are read from: the published rows
        of its search index. Feeds, calendars and downloads read the records (`qs`): they need
        whole records, and a bounded number of them at a time."""
        return self.index_model.objects.published()

    def results(self):
        """The finder page's results: every valid filter applied, sorted."""
        self.is_valid()
        return self.filter_queryset(self.searched.all())

    def filtered(self, queryset, excluding=None):
        """`queryset` with every valid filter applied but `excluding`, from the values already
        cleaned (no new validation queries): what each choice of one facet would give."""
        self.is_valid()
        for name, value in self.form.cleaned_data.items():
            if name not in (excluding, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # --- the filters in effect -------------------------------------------------------------

    def parameter_value(self, name, item):
        """How one cleaned value is written in a URL: "AL", "policing", "2017-03-01"."""
        if hasattr(item, "_meta"):
            return str(getattr(item, self.filters[name].extra.get("to_field_name") or "pk"))
        if isinstance(item, date):
            return item.isoformat()
        return str(item)

    def value_label(self, name, item):
        """How one cleaned value is said to a person: "Albania", "1 March 2017", "Workshop"."""
        if hasattr(item, "_meta"):
            return str(item)
        if isinstance(item, date):
            return date_format(item, "DATE_FORMAT")
        return str(dict(getattr(self.form.fields[name], "choices", ())).get(item, item))

    def active_values(self):
        """[(parameter, value, label)] for every filter value in effect, sorting aside."""
        self.is_valid()
        return [
            (name, self.parameter_value(name, item), self.value_label(name, item))
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
            for item in as_list(value)
        ]

    def kept_params(self):
        """{parameter: [values]}: the valid filters, written canonically, for every link the
        page makes (pagination, chips, feeds, downloads). Invalid and unknown input is dropped."""
        self.is_valid()
        params = {}
        for name, value in self.form.cleaned_data.items():
            values = [self.parameter_value(name, item) for item in as_list(value)]
            if values:
                params[name] = values
        return params

    def chips(self, clear_url):
        """One removable chip per value in effect; each links to this search without it."""
        params = self.kept_params()
        chips = []
        for name, value, label in self.active_values():
            remaining = {key: [v for v in values if (key, v) != (name, value)] for key, values in params.items()}
            chips.append(Chip(self.form.fields[name].label, label, querystring(remaining) or clear_url))
        return chips

    def page_title(self):
        """"Training courses in Uzbekistan — Events", "Events on Policing", or "Events"."""
        headline, noun = self.headline(), str(self.noun)
        # Translators: a filtered finder's page title: "Training courses in Uzbekistan — Events".
        return headline if headline.startswith(noun) else pgettext("page title", "%(headline)s — %(noun)s") % {
            "headline": headline,
            "noun": noun,
        }

    def feed_title(self):
        """The title of this search's feeds and calendar: `feed_name` ("TNTD events"), or
        "TNTD: Training courses in Uzbekistan" when filtered."""
        if not self.active_values():
            return str(self.feed_name)
        return gettext("TNTD: %(headline)s") % {"headline": self.headline()}

    def headline(self):
        """"Training courses in Uzbekistan": the list's name and its filters in a few words."""
        active = self.active_values()
        labels = defaultdict(list)
        for name, _, label in active:
            labels[name].append(label)
        # Each filter in effect wraps the headline so far in its own whole phrase, so that a
        # language may reorder it: "%(subject)s in %(country)s" may be "%(subject)s — %(country)s".
        subject = str(self.noun)
        plurals = [str(self.type_plurals.get(value, label)) for name, value, label in active if name == "type"]
        if plurals:
            subject = and_list([plurals[0], *map(lower_first, plurals[1:])])
        if labels["when"]:
            # Translators: "Upcoming events", "Past training courses".
            subject = pgettext("headline", "%(when)s %(subject)s") % {"when": labels["when"][0], "subject": lower_first(subject)}
        for name, phrase in self.headline_phrases:
            if labels[name]:
                subject = str(phrase) % {"subject": subject, name: get_text_list(labels[name])}  # "A, B or C"
        if labels["from"] and labels["to"]:
            subject = gettext("%(subject)s from %(start)s to %(end)s") % {
                "subject": subject, "start": labels["from"][0], "end": labels["to"][0],
            }
        elif labels["from"]:
            subject = gettext("%(subject)s from %(start)s") % {"subject": subject, "start": labels["from"][0]}
        elif labels["to"]:
            subject = gettext("%(subject)s until %(end)s") % {"subject": subject, "end": labels["to"][0]}
        if labels["q"]:
            subject = gettext("%(subject)s matching %(keywords)s") % {"subject": subject, "keywords": quoted(labels["q"][0])}
        return subject

    # --- facet counts --------------------------------------------------------------------------

    def facet_list(self):
        """Each facet's choices with the count each would give beside the other filters.

        Choices that would give nothing are left out, unless selected (so that they can be
        unticked). One grouped query per facet, whatever the number of choices or rows.
        """
        self.is_valid()
        facets = []
        for name in self.facets:
            selected = {self.parameter_value(name, item): self.value_label(name, item)
                        for item in as_list(self.form.cleaned_data.get(name))}
            options = [FacetOption(value, label, count, value in selected) for value, label, count in self.facet_counts(name)]
            listed = {option.value for option in options}
            options += [FacetOption(value, label, 0, True) for value, label in selected.items() if value not in listed]
            # Chosen first, so that they are in sight in a long list.
            options.sort(key=lambda option: not option.selected)
            for option in options:
                option.count_words = self.item_words(option.count)
            facets.append(Facet(name=name, label=self.form.fields[name].label, options=options))
        return facets

    def facet_counts(self, name):
        """[(value, label, count)] of facet `name` over the results of every other filter.
        Counted once per page, however many parts of it show them (the facet, the map)."""
        made = self.__dict__.setdefault("_facet_counts", {})
        if name not in made:
            made[name] = self.indexed_facet(name)
        return made[name]

    def choices(self, name):
        """[(key, value, label)] of every choice of facet `name`, in the order and the language
        a visitor reads them: `key` as the search index's facet keys name it (an object's id, a
        choice's value), `value` as a URL writes it. One query for a filter of objects."""
        filter_ = self.filters[name]
        if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
            to_field = filter_.extra.get("to_field_name") or "pk"
            # Ordered again now: the filter's queryset was made at import, and its model's
            # ordering by name then named the English column (translations/fields.py).
            objects = filter_.queryset.order_by(*filter_.queryset.model._meta.ordering)
            return [(key, str(value), label) for key, value, label in objects.values_list("pk", to_field, "name")]
        return [(value, str(value), str(label)) for value, label in filter_.extra["choices"]]

    def item_words(self, count):
        """The words after a number of this finder's results: "event", "events" (subclasses)."""
        raise NotImplementedError

    def result_counts(self, name):
        """[(value, label, count)] of facet `name` over the results themselves, its own filter
        included: the list, counted per choice (the events map). When that filter is not in use
        these are the facet's counts, already made; else one more grouped query at most."""
        self.is_valid()
        if not as_list(self.form.cleaned_data.get(name)):
            return self.facet_counts(name)
        return self.indexed_facet(name, excluding=None)

    def total(self):
        """How many results there are: counted with the facets."""
        return self.index_key_counts(excluding=None).get(search_index.ALL, 0)

    # --- facet counts from the search index ------------------------------------------------------

    def index_key_counts(self, excluding):
        """{facet key: count} over the results of every filter but `excluding`, counted once
        per page: every facet whose own filter is not in effect shares the results of all the
        filters, so a page makes one such query, plus one per facet in use. Over the whole
        archive (no other filter), the counts the database keeps (search.counts)."""
        cache = self.__dict__.setdefault("_index_key_counts", {})
        if excluding not in cache and not self.in_effect(excluding=excluding):
            cache[excluding] = self.archive_key_counts
        if excluding not in cache:
            rows = self.filtered(self.counted_rows(), excluding=excluding)
            # Beside the other filters, a facet in use is all that is counted: its keys alone.
            cache[excluding] = rows.facet_key_counts(only=self.filters[excluding].field_name if excluding else None)
        return cache[excluding]

    def counted_rows(self):
        """What the facet counts read: the index's facet rows, much smaller than it, unless
        words are searched, which only its entries can match (search_index.SearchIndexFacets)."""
        self.is_valid()
        if any(isinstance(self.filters[name], KeywordFilter) and value for name, value in self.form.cleaned_data.items()):
            return self.searched.all()
        return self.index_model.facets_model.objects.published()

    def indexed_facet(self, name, excluding="itself"):
        """[(value, label, count)] of facet `name`, in its choices' order, from the key counts:
        over the results of the other filters, or of all of them with `excluding=None`."""
        self.is_valid()
        filter_ = self.filters[name]
        in_use = bool(as_list(self.form.cleaned_data.get(name)))
        counts = self.index_key_counts(excluding=name if in_use and excluding == "itself" else None)
        return [
            (value, label, n)
            for key, value, label in self.choices(name)
            if (n := counts.get(search_index.facet_key(filter_.field_name, key)))
        ]

    def in_effect(self, excluding=None):
        """Whether any filter but `excluding` (and the sort order) narrows the results."""
        self.is_valid()
        return any(as_list(value) for name, value in self.form.cleaned_data.items() if name not in (excluding, "sort"))

    @cached_property
    def archive_key_counts(self):
        """The whole archive's key counts, read once per page."""
        return counts.key_counts(self.index_model)


# --- Links ------------------------------------------------------------------------------------


def querystring(params, **changes):
    """"?a=1&b=2" from {name: [values]}, with some parameters replaced by a value or a list of
    values (None removes them); "" when nothing is left."""
    merged = {key: list(values) for key, values in params.items() if values}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = list(value) if isinstance(value, list | tuple) else [value]
    return "?" + urlencode(merged, doseq=True) if merged else ""
