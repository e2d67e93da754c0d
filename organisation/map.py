"""The events finder's map of the OSCE area, drawn on the server as SVG: each country shaded by
its number of events, each country with events a link. The shapes are organisation/data/osce-map.json
(made by tools/build_map.py), read once per process; osce_map() makes no query: the caller counts
the events and says where each link goes. The template is templates/includes/event_map.html."""

import csv
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.templatetags.static import static
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from translations.fields import active_language

DATA = Path(__file__).resolve().parent / "data"
MAP_JSON = DATA / "osce-map.json"
COUNTRIES_CSV = DATA / "osce-countries.csv"
STEPS = 5
SHAPES_STATIC = "map/osce-shapes.svg"  # every country's outline, by code: shapes_file() made it
SHAPES_FILE = Path(__file__).resolve().parent.parent / "static" / SHAPES_STATIC


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    path: str  # SVG path data; "" for a country that is not on the map
    count: int
    shade: int | None  # 0 (no events) to STEPS; None for context: neither in the list of countries nor with events
    url: str  # "" unless the country has events
    label: str  # "Uzbekistan: 12 events", the link's accessible name and the shape's tooltip
    marker: bool = False  # drawn as a dot: too small to see at this scale

    @property
    def kind(self):
        # A class of the "Map" section of static/css/site.css: the CSP forbids inline styles.
        return "context" if self.shade is None else "shade-%d" % self.shade

    def svg(self, shapes_url):
        """The shape's markup: a link with an accessible name for a country with events (a link to
        an empty list would only be one more stop for keyboard users); a shape hidden from assistive
        technology otherwise. The outline is a `<use>` of the shapes file (`shapes_url`), which every
        finder page shares and the browser keeps, so the outlines are not sent with each page."""
        classes = f"event-map__shape event-map__{self.kind}" + (" event-map__marker" if self.marker else "")
        shape = f"{shapes_url}#{self.code}"
        if self.url:
            return format_html(
                '<a href="{}" aria-label="{}" class="event-map__link"><use href="{}" class="{}" data-code="{}"><title>{}</title></use></a>',
                self.url, self.label, shape, classes, self.code, self.label,
            )
        if self.shade is None:
            return format_html('<use href="{}" class="{}" aria-hidden="true"/>', shape, classes)
        return format_html(
            '<use href="{}" class="{}" data-code="{}" aria-hidden="true"><title>{}</title></use>',
            shape, classes, self.code, self.label,
        )


@dataclass(frozen=True)
class LegendStep:
    shade: int
    label: str


@dataclass(frozen=True)
class EventMap:
    view_box: str
    source: str
    countries: list  # MapCountry in painting order: context, without events, with events by name; dots last
    legend: list  # LegendStep, lightest first, starting with "No events"
    rows: list  # MapCountry with events, most first: the table
    off_map: list  # MapCountry not drawn (Australia; any code the shapes lack) that the page must still name
    top: int  # the largest count

    def shapes(self):
        """Every shape's markup, in painting order: built in Python, as a template loop over every
        shape is slow on a page's first, uncached view."""
        shapes_url = static(SHAPES_STATIC)
        return mark_safe("\n".join(country.svg(shapes_url) for country in self.countries))  # noqa: S308 (each part is format_html)

    def table_rows(self):
        """The table's rows (the map's text alternative), made in Python for the same reason."""
        return format_html_join("\n", '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td></tr>', (
            (country.url, country.name, number_format(country.count)) for country in self.rows
        ))


@cache
def map_data():
    """The shapes, read once per process."""
    return json.loads(MAP_JSON.read_text(encoding="utf-8"))


def shapes_file():
    """The SVG file of every country's outline, `<path id="AL" .../>`, that the maps `<use>`:
    static/map/osce-shapes.svg, written by write_shapes_file() when the shapes change (a test
    compares the two). Only the stroke's non-scaling is set here: it is not inherited through
    `<use>`, and the page's CSS colours everything else."""
    paths = "\n".join(
        f'<path id="{code}" d="{path}" vector-effect="non-scaling-stroke"/>' for code, path in sorted(map_data()["countries"].items())
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{map_data()["viewBox"]}"><defs>\n{paths}\n</defs></svg>\n'


@cache
def listed_countries(language):
    """{code: name in `language`} of organisation/data/osce-countries.csv: the participating States, the
    Partners and Kosovo, the countries that the finder filters by. They are drawn as part of
    the map (white when they have no events); the rest is grey context."""
    column = f"name_{language}"
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as rows:
        return {
            row["iso_code"].strip().upper(): (row.get(column) or row["name"]).strip() for row in csv.DictReader(rows)
        }


def project(lon, lat):
    """(x, y) in the map's viewBox of a point, projected as tools/build_map.py projected
    the shapes (Miller, centred on the meridian the data names); for placing a venue, say."""
    p = map_data()["projection"]

    def miller(latitude):
        return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(latitude)))

    scale = p["width"] / (2 * math.pi)
    relative = (lon - p["central_meridian"] + 180) % 360 - 180
    return (math.radians(relative) + math.pi) * scale, (miller(p["north"]) - miller(lat)) * scale


def _fifth_root_floor(value):
    """The largest integer r with r**STEPS <= value."""
    root = int(round(value ** (1 / STEPS)))
    while root**STEPS > value:
        root -= 1
    while (root + 1) ** STEPS <= value:
        root += 1
    return root


def shade(count, top):
    """The class, 0 to STEPS, of `count` events when the largest count is `top`. A few host
    countries hold most events, so the steps grow geometrically: the smallest k with
    count**STEPS <= top**k (1-2, 3-6, 7-15, 16-39, 40-100 for a top of 100). With STEPS or fewer
    at the top, each count has a class of its own, spread over the ramp."""
    if count <= 0 or top <= 0:
        return 0
    if top <= STEPS:
        return math.ceil(STEPS * count / top)
    return next(k for k in range(1, STEPS + 1) if count**STEPS <= top**k)


def legend(top):
    """One step per class that some count from 1 to top falls in, with its range of counts."""
    steps = [LegendStep(0, gettext("No events"))]
    if top <= 0:
        return steps
    if top <= STEPS:
        return steps + [LegendStep(shade(c, top), events(c)) for c in range(1, top + 1)]
    low = 1
    for k in range(1, STEPS + 1):
        high = _fifth_root_floor(top**k)
        if high >= low:
            steps.append(LegendStep(k, events(low) if low == high else events_between(low, high)))
            low = high + 1
    return steps


def events(count):
    """"no events", "1 event", "1,234 events", in the active language."""
    if count == 0:
        return gettext("no events")
    return ngettext("%(count)s event", "%(count)s events", count) % {"count": number_format(count, force_grouping=True)}


def events_between(low, high):
    """"3–6 events": a step of the legend."""
    # Translators: a range of numbers of events; the form follows the higher number.
    return ngettext("%(low)s–%(high)s event", "%(low)s–%(high)s events", high) % {
        "low": number_format(low, force_grouping=True),
        "high": number_format(high, force_grouping=True),
    }


def osce_map(counts: Mapping[str, int], url_for: Callable[[str], str], names: Mapping[str, str] | None = None) -> EventMap:
    """The map for `counts` ({alpha-2 code: number of events}); `url_for(code)` is the link of a
    country with events. `names` ({code: name}) overrides the names of organisation/data/osce-countries.csv."""
    data = map_data()
    listed = listed_countries(active_language())
    names = names or {}
    counts = {code.upper(): int(n) for code, n in counts.items() if n and int(n) > 0}
    top = max(counts.values(), default=0)
    markers = set(data["markers"])

    def country(code, path):
        count = counts.get(code, 0)
        name = names.get(code) or listed.get(code) or data["names"].get(code) or code
        in_scope = count > 0 or code in listed
        return MapCountry(
            code=code,
            name=name,
            path=path,
            count=count,
            shade=shade(count, top) if in_scope else None,
            url=url_for(code) if count > 0 else "",
            label=f"{name}: {events(count)}",
            marker=code in markers,
        )

    drawn = [country(code, path) for code, path in data["countries"].items()]
    # Painting order is also the order of the links for the Tab key: grey context first, then
    # the countries without events (so that the white borders of their shaded neighbours are
    # drawn over their grey outlines), then the links by name; dots last, over the countries
    # around them (San Marino and the Holy See lie inside Italy).
    drawn.sort(key=lambda c: (c.marker, -1 if c.shade is None else min(c.shade, 1), c.name))
    # Named under the map only with events: "Australia (no events)" told a visitor nothing.
    off_map_codes = {code for code, count in counts.items() if count and code not in data["countries"]}
    off_map = sorted((country(code, "") for code in off_map_codes), key=lambda c: c.name)
    rows = sorted((c for c in drawn + off_map if c.count), key=lambda c: (-c.count, c.name))
    return EventMap(
        view_box=data["viewBox"],
        source=data["source"],
        countries=drawn,
        legend=legend(top),
        rows=rows,
        off_map=off_map,
        top=top,
    )


def write_shapes_file():
    """(Re)write static/map/osce-shapes.svg: `manage.py shell -c "from organisation import map; map.write_shapes_file()"`."""
    SHAPES_FILE.parent.mkdir(exist_ok=True)
    SHAPES_FILE.write_text(shapes_file(), encoding="utf-8")
