"""Where the public may find a record: its page, the lists, feeds, downloads, calendars, the
sitemap, the home page and the API. Tests ask each, as an anonymous visitor would."""

from activities.models import Event

EVENT_SURFACES = {
    "page": "{url}",
    "list": "/en/events/",
    "keyword search": "/en/events/?q={word}",
    "feed": "/en/events/feed/",
    "calendar": "/en/events/calendar.ics",
    "csv": "/en/events/export.csv",
    "json": "/en/events/export.json",
    "sitemap": "/sitemap-events-en.xml",
    "api list": "/api/v1/events/",
    "api record": "/api/v1/events/{slug}/",
}
NEWS_SURFACES = {
    "page": "{url}",
    "list": "/en/news/",
    "keyword search": "/en/news/?q={word}",
    "feed": "/en/news/feed/",
    "csv": "/en/news/export.csv",
    "json": "/en/news/export.json",
    "sitemap": "/sitemap-news-en.xml",
    "api list": "/api/v1/news/",
    "api record": "/api/v1/news/{slug}/",
}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def surfaces_showing(client, record, text=None):
    """The names of the public surfaces that show `text`, or by default `record` (its title or its
    address), asked anonymously."""
    client.logout()
    surfaces = EVENT_SURFACES if isinstance(record, Event) else NEWS_SURFACES
    wanted = [text.encode()] if text else [record.title.encode(), f"/{record.slug}/".encode()]
    word = (text or record.title).split()[-1]
    showing = set()
    for name, address in surfaces.items():
        response = client.get(address.format(url=record.get_absolute_url(), slug=record.slug, word=word))
        content = body(response)
        if response.status_code == 200 and any(found in content for found in wanted):
            showing.add(name)
    return showing


def everywhere(record):
    return set(EVENT_SURFACES if isinstance(record, Event) else NEWS_SURFACES)
