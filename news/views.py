"""Public news pages: the finder, a news item, and the downloads."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext

from finders.download_limits import ensure_answerable
from finders.downloads import in_chunks, json_download, records_csv_download, with_links_listed
from finders.pages import bind, finder_page
from news.filters import NewsFilterSet
from news.models import NewsItem


def filtered_news(request):
    """The FilterSet over published news for this request, and any note about its input."""
    return bind(NewsFilterSet, request, NewsItem.objects.published())


def news_list(request):
    filterset, note = filtered_news(request)
    return finder_page(
        request,
        "news/news_list.html",
        filterset,
        note,
        description=gettext("News and press releases of the OSCE Transnational Threats Department"),
    )


def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.with_related().visible_to(request.user), slug=slug)
    related_events = item.related_events.published().select_related("venue_country").order_by("-start_date")
    return render(
        request,
        "news/news_detail.html",
        {"item": item, "breadcrumbs": [(gettext("News"), reverse("news_list"))], "related_events": related_events},
    )


# The same names as the events' columns for the same things (activities/views.py).
EXPORT_COLUMNS = ["title", "url", "type", "published_on", "osce_structures", "themes", "countries", "summary"]


def export_record(request, item):
    """A news item as the downloads and the API give it (`item` with its links listed)."""
    return {
        "title": item.title,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "type": item.get_kind_display(),
        "published_on": item.published_on.isoformat(),
        "osce_structures": [str(s) for s in item.listed_structures],
        "themes": [str(t) for t in item.listed_themes],
        "countries": [str(c) for c in item.listed_countries],
        "summary": item.summary,
    }


def export_records(request, whole_archive):
    """The filtered news items' records, one at a time as the download is written."""
    filterset, _ = filtered_news(request)
    ensure_answerable(request, filterset, filterset.qs, full_download=whole_archive)
    items = with_links_listed(filterset.qs.defer("body"), "structures", "themes", "countries")
    return (export_record(request, item) for item in in_chunks(items))


def news_export_csv(request):
    return records_csv_download("tntd-news.csv", EXPORT_COLUMNS, export_records(request, "news_export_csv"))


def news_export_json(request):
    return json_download("tntd-news.json", export_records(request, "news_export_json"))
