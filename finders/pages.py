"""Answer a finder's requests, as its page or its Atom feed, from the request bound to its FilterSet.

Bad input is reported, never a 500; pages read ids first and keep the filters. The FilterSet itself
is finders/filtersets.py; downloads are finders/downloads.py."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from finders.filtersets import DATE_FILTERS, is_control, querystring, quoted, shown, without_control
from website.views import PastTheLastPage

PAGE_SIZE = 20
MAX_QUERY_STRING = 2000  # no visitor types more; longer ones are ignored with a message


class IdsFirstPaginator(Paginator):
    """Reads a page's ids first, then those rows: the ids of page 2,000 come from skipping
    40,000 entries of an index, where reading whole rows would skip 40,000 rows of the table.
    The rows are then read from `rows` (by default the same queryset) in the same order, so
    the ids may come from a search index and the rows from the records."""

    def __init__(self, object_list, per_page, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list if rows is None else rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = self.rows.filter(pk__in=ids).order_by(*self.object_list.query.order_by)
        return self._get_page(rows, number, self)


def paginate(params, queryset, per_page=PAGE_SIZE, count=None, rows=None):
    """(page, note): a page past the end is a 404; a malformed number shows page 1 with a note.
    `count`, when known, saves counting the results again; `rows`: see IdsFirstPaginator."""
    paginator = IdsFirstPaginator(queryset, per_page, rows=rows)
    if count is not None:
        paginator.count = count
    number = params.get("page") or "1"  # "?page=" is the first page, as no number is
    try:
        return paginator.page(number), None
    except PageNotAnInteger:
        return paginator.page(1), gettext("%(given)s is not a page number; showing page 1.") % {
            "given": quoted(shown(number, 20))
        }
    except EmptyPage:
        if number.isdigit() and int(number) > 1:
            raise PastTheLastPage(gettext("There is no page %(number)s: these results end on page %(last)s.") % {
                "number": int(number), "last": paginator.num_pages,
            }) from None
        return paginator.page(1), gettext("There is no page %(given)s; showing page 1.") % {
            "given": quoted(shown(number, 20))
        }


def bind(filterset_class, request, queryset):
    """Return (FilterSet over `queryset` for this request, note about the request or None).

    An absurdly long query string is ignored whole; control characters (NUL...), which break
    PostgreSQL queries and would be echoed into the form, are removed. Each gets a note."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        note = gettext("The address was too long to be a search, so all filters were ignored.")
        return filterset_class(QueryDict(), queryset=queryset, request=request), note
    params, note = request.GET, None
    if any(is_control(char) for key, values in params.lists() for text in (key, *values) for char in text):
        params = QueryDict(mutable=True)
        for key, values in request.GET.lists():
            params.setlist(without_control(key), [without_control(value) for value in values])
        note = gettext("Control characters in the address were replaced by spaces.")
    return filterset_class(params, queryset=queryset, request=request), note


def described(description, headline):
    """"Events of the department: Workshops in 2017.": one full stop, also after a headline that
    ends with an abbreviation ("… 2017 г.")."""
    text = f"{description}: {headline}" if headline else str(description)
    return text if text.endswith(".") else f"{text}."


def finder_page(request, template, filterset, note, description, extra=None):
    """Render a finder: a page of results with facets, chips, notes and links that keep the
    filters; `extra` is more context for its template."""
    page, page_note = paginate(
        filterset.data, filterset.results(), count=filterset.total(), rows=filterset.queryset.for_lists()
    )
    params = filterset.kept_params()
    query = querystring(params)
    form = filterset.form
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "form": form,
            "facets": filterset.facet_list(),
            "other_fields": [form[name] for name in form.fields if name not in (*filterset.facets, *DATE_FILTERS, "q", "sort")],
            "date_fields": [form[name] for name in DATE_FILTERS if name in form.fields],
            "form_label": filterset.form_label,
            "no_match_message": filterset.no_match_message,
            "nothing_yet_message": filterset.nothing_yet_message,
            "item_words": filterset.item_words(page.paginator.count),  # after the number of results
            "description": described(description, filterset.headline() if filterset.active_values() else ""),
            "chips": filterset.chips(clear_url=request.path),
            "headline": filterset.headline(),
            "feed_title": filterset.feed_title(),
            "page_title": filterset.page_title(),
            "notes": [n for n in (note, page_note) if n] + filterset.problems(),
            "page_obj": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "results": page.object_list,
            "query": query,  # "" or "?country=AL&theme=policing"
            # The address search engines keep: the default order is no parameter ("?sort=-date" is "").
            "canonical_query": querystring(
                params, page=str(page.number) if page.number > 1 else None,
                sort=None if params.get("sort") == [filterset.filters["sort"].default] else params.get("sort"),
            ),
            "page_prefix": querystring(params, page=None) + "&" if query else "?",
            "clear_url": request.path,
            # Whether the downloads may hold this selection (finders/download_limits.py).
            "downloadable": not params or page.paginator.count <= settings.DOWNLOAD_MAX_ROWS,
            "download_max_rows": settings.DOWNLOAD_MAX_ROWS,
            **(extra or {}),
        },
    )


class FinderFeed(Feed):
    """An Atom feed of a finder's newest results, honouring the same filters as its page.

    Subclasses set `filter` (a function request -> (FilterSet, note)), `list_url_name`,
    and `feed_url_name`; the title is the FilterSet's `feed_title()`.
    """

    feed_type = Atom1Feed
    size = 50

    def get_object(self, request):
        filterset, _ = self.filter(request)
        return filterset

    def title(self, filterset):
        return filterset.feed_title()

    def link(self, filterset):
        return reverse(self.list_url_name) + querystring(filterset.kept_params())

    def feed_url(self, filterset):
        return reverse(self.feed_url_name) + querystring(filterset.kept_params())

    def items(self, filterset):
        return filterset.qs.with_related()[: self.size]

    def item_updateddate(self, item):
        return item.updated_at
