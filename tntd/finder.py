"""What the events and news finders share: a forgiving FilterSet with facet counts and
removable filter chips, pagination that keeps the filters, keyword search, and the
CSV/JSON downloads.

A finder page always answers: a parameter that is unknown, malformed or too long is left
out of the search and reported to the visitor in plain words, never a 500.
"""

import csv
import datetime
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import get_text_list

PAGE_SIZE = 20
MAX_QUERY_STRING = 2000  # no visitor types more; longer ones are ignored with a message
SEARCH_CONFIG = "english"


# --- Keyword search -------------------------------------------------------------------------


def search_vector(*fields):
    """The full-text expression. The GIN indexes in the migrations index exactly this SQL."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def keyword_search(queryset, fields, value):
    """PostgreSQL full-text search (stemmed, web-search syntax); a contains search on SQLite."""
    value = value.strip()
    if not value:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(search=search_vector(*fields)).filter(
            search=SearchQuery(value, config=SEARCH_CONFIG, search_type="websearch")
        )
    matches = Q()
    for name in fields:
        matches |= Q(**{f"{name}__icontains": value})
    return queryset.filter(matches)


# --- Filters ------------------------------------------------------------------------------


class UpperCaseCodesField(django_filters.fields.ModelMultipleChoiceField):
    """Country codes may come as "al" or "AL"."""

    def clean(self, value):
        return super().clean([str(v).upper() for v in value] if value else value)


class CountryCodeFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = UpperCaseCodesField


def related_ids(through_model, owner_field, target_field, targets):
    """Ids of the records linked to any of `targets`: filters many-to-many links without
    joining, so a record tagged with two chosen themes is not listed twice."""
    return through_model.objects.filter(**{f"{target_field}__in": targets}).values(owner_field)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)


@dataclass
class Chip:
    label: str
    remove_url: str


class FinderFilterSet(django_filters.FilterSet):
    """Base for public finders.

    Subclasses declare their filters, `sort_options` ({value: (label, ordering)}),
    `default_sort`, and for each name in `facets` a `count_<name>(queryset)` method that
    returns {parameter value: count} in one grouped query.
    """

    facets = ()
    sort_options = {}
    default_sort = ""

    sort = django_filters.ChoiceFilter(label="Sort by", method="apply_sort", empty_label=None)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["sort"].extra["choices"] = [(key, label) for key, (label, _) in self.sort_options.items()]
        self.form.fields["sort"].choices = self.filters["sort"].extra["choices"]
        self.form.fields["sort"].required = False

    def apply_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that it always applies

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or self.default_sort
        return queryset.order_by(*self.sort_options[sort][1])

    # --- what the page tells the visitor ---------------------------------------------------

    @property
    def unknown_parameters(self):
        return sorted(set(self.data) - set(self.filters) - {"page"}) if self.is_bound else []

    def problems(self):
        """Plain-language notes on what was left out of the search."""
        if not self.is_bound:
            return []
        self.is_valid()
        notes = []
        for name, errors in self.form.errors.items():
            given = ", ".join(value[:40] for value in self.data.getlist(name))
            reason = " ".join(str(e).rstrip(".") for e in errors)
            notes.append(f"{self.form.fields[name].label}: “{given}” was ignored ({reason}).")
        if self.unknown_parameters:
            names = get_text_list([f"“{name[:40]}”" for name in self.unknown_parameters[:5]], "and")
            notes.append(f"Unknown filter {names} ignored.")
        return notes

    def kept_params(self):
        """The parameters worth keeping in links: known, valid, non-empty, not the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        params = {}
        for name in self.filters:
            if name in self.form.errors:
                continue
            values = [value for value in self.data.getlist(name) if value != ""]
            if values:
                params[name] = values
        return params

    def active_filters(self):
        """(parameter, value, label) for each value in effect, "sort" and search aside."""
        self.is_valid()
        active = []
        for name, form_field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, "", []) or (hasattr(value, "exists") and not value):
                continue
            for item in value if isinstance(value, (list, tuple)) or hasattr(value, "model") else [value]:
                active.append((name, *self.describe(name, form_field, item)))
        return active

    def describe(self, name, form_field, item):
        """The parameter value and the human label of one active filter value."""
        if hasattr(item, "_meta"):
            to_field = self.filters[name].extra.get("to_field_name") or "pk"
            return str(getattr(item, to_field)), f"{form_field.label}: {item}"
        if isinstance(item, datetime.date):
            return item.isoformat(), f"{form_field.label}: {date_format(item, 'j F Y')}"
        choices = dict(getattr(form_field, "choices", []))
        return str(item), f"{form_field.label}: {choices.get(item, item)}"

    def chips(self):
        params = self.kept_params()
        chips = []
        for name, value, label in self.active_filters():
            remaining = {
                key: [v for v in values if not (key == name and v.lower() == value.lower())]
                for key, values in params.items()
            }
            chips.append(Chip(label=label, remove_url=querystring({k: v for k, v in remaining.items() if v})))
        return chips

    # --- facet counts --------------------------------------------------------------------------

    def without(self, name):
        """The same search without one filter: what each of its choices would give."""
        data = QueryDict(mutable=True)
        for key, values in self.kept_params().items():
            if key != name:
                data.setlist(key, values)
        return type(self)(data, queryset=self.queryset, request=self.request)

    def facet_list(self):
        self.is_valid()
        facets = []
        for name in self.facets:
            counts = getattr(self, f"count_{name}")(self.without(name).qs.order_by())
            selected = {v.lower() for v in self.kept_params().get(name, [])}
            facet = Facet(name=name, label=self.form.fields[name].label)
            for value, label in self.facet_choices(name):
                count = counts.get(value, 0)
                if count or value.lower() in selected:
                    facet.options.append(FacetOption(value, label, count, value.lower() in selected))
            facets.append(facet)
        return facets

    def facet_choices(self, name):
        """(parameter value, label) for every choice of a facet, in display order."""
        filter_ = self.filters[name]
        if "queryset" in filter_.extra:
            to_field = filter_.extra.get("to_field_name") or "pk"
            return [(str(getattr(obj, to_field)), str(obj)) for obj in filter_.extra["queryset"]]
        return [(str(value), str(label)) for value, label in filter_.extra["choices"]]


def count_by(queryset, field_name):
    """{value: count} of a field over a queryset, in one grouped query."""
    rows = queryset.order_by().values_list(field_name).annotate(n=Count("pk"))
    return {str(value): n for value, n in rows}


def count_related(related_model, key, relation, queryset):
    """{key of related object: number of records in `queryset` linked to it}, one grouped query."""
    rows = (
        related_model.objects.filter(**{f"{relation}__in": queryset.values("pk")})
        .order_by()
        .values_list(key)
        .annotate(n=Count(relation))
    )
    return {str(value): n for value, n in rows}


# --- Pages, links, downloads -------------------------------------------------------------------


def querystring(params, **changes):
    """A query string from {name: [values]}, with some parameters replaced (None removes)."""
    merged = {key: list(values) for key, values in params.items()}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = [value]
    return "?" + urlencode(merged, doseq=True) if merged else "?"


def paginate(request, queryset, per_page=PAGE_SIZE):
    """(page, note): a page past the end is a 404; a malformed number shows page 1 with a note."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number), None
    except PageNotAnInteger:
        return paginator.page(1), f"“{number[:20]}” is not a page number; showing page 1."
    except EmptyPage:
        if paginator.count == 0 and str(number) == "1":
            return paginator.page(1), None
        if str(number).isdigit() and int(number) > 1:
            raise Http404(f"There is no page {int(number)}: these results end on page {paginator.num_pages}.") from None
        return paginator.page(1), f"There is no page “{number[:20]}”; showing page 1."


def bounded_query(request):
    """The request's GET parameters, or none at all (with a note) when absurdly long."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return QueryDict(), "The address was too long to be a search, so all filters were ignored."
    return request.GET, None


def bind(filterset_class, request, queryset):
    """(FilterSet over `queryset` for this request, note about the request or None)."""
    params, note = bounded_query(request)
    return filterset_class(params, queryset=queryset, request=request), note


def finder_page(request, template, filterset, note, items_name):
    """Render a finder: a page of results with facets, chips, notes and links kept."""
    page, page_note = paginate(request, filterset.qs.with_related())
    params = filterset.kept_params()
    chips = filterset.chips()
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "form": filterset.form,
            "facets": filterset.facet_list(),
            "facet_names": filterset.facets,
            "chips": chips,
            "notes": [n for n in (note, page_note) if n] + filterset.problems(),
            "page_obj": page,
            items_name: page.object_list,
            "query": querystring(params),
            "page_query": querystring(params, page=None),
            "subtitle": describe(chips),
        },
    )


def describe(chips):
    """"Uzbekistan · Policing": the active filters in a few words, for titles."""
    return " · ".join(chip.label.split(": ", 1)[1] for chip in chips)


class FinderFeed(Feed):
    """An Atom feed of a finder's results, honouring the same filters as its page.

    Subclasses set `filter` (a function request -> (FilterSet, note)), `list_url_name`
    and `title_prefix`.
    """

    feed_type = Atom1Feed
    size = 50

    def get_object(self, request):
        filterset, _ = self.filter(request)
        return filterset

    def title(self, filterset):
        subtitle = describe(filterset.chips())
        return self.title_prefix + (f": {subtitle}" if subtitle else "")

    def link(self, filterset):
        query = querystring(filterset.kept_params())
        return reverse(self.list_url_name) + (query if query != "?" else "")

    def items(self, filterset):
        return filterset.qs.with_related()[: self.size]

    def item_updateddate(self, item):
        return item.updated_at


def csv_download(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def json_download(filename, records):
    response = JsonResponse({"count": len(records), "results": records}, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DateInput(forms.DateInput):
    input_type = "date"
