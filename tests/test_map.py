"""The events map: its shapes (organisation/data/osce-map.json), organisation/map.py and its template.

None of these tests may touch the database (none is marked for it: pytest-django would fail
any query), which is how they check that drawing the map costs no query."""

import csv
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from organisation import map as event_map
from organisation.map import SHAPES_FILE, STEPS, legend, map_data, osce_map, project, shade, shapes_file

SVG = "{http://www.w3.org/2000/svg}"


def listed_rows():
    with event_map.COUNTRIES_CSV.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def url_for(code):
    return f"/en/events/?country={code}&page=1"


def rings(path):
    """The rings of an SVG path as this project writes them (M x y, then relative l steps, z)."""
    found = []
    for match in re.finditer(r"M([^a-zMz]+)l([^Mz]*)z", path):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", match[1] + " " + match[2])]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        found.append(ring)
    return found


def contains(path, point):
    """Even-odd rule, as the stylesheet fills the shapes."""
    x, y = point
    inside = False
    for ring in rings(path):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def render(the_map, **context):
    return render_to_string("includes/event_map.html", {"event_map": the_map, **context})


def parse(html):
    """The partial is well-formed XML as well as HTML: parse it whole."""
    return ET.fromstring(f"<root>{html}</root>")


# --- The shapes -------------------------------------------------------------------------------

def test_every_listed_country_has_a_shape_or_is_named_as_off_the_map():
    data = map_data()
    for row in listed_rows():
        code = row["iso_code"]
        assert code in data["countries"] or code in data["off_map"], code
        if row["osce_status"] == "participating State":
            assert code in data["countries"], f"participating State {code} is not drawn"
    assert set(data["off_map"]) == {"AU"}
    assert all(data["off_map"].values()), "each country off the map says why"


def test_the_shapes_are_svg_paths_within_a_frame_about_1000_units_wide():
    margin = 2  # shapes cut by the frame are cut a little outside it
    data = map_data()
    _, _, width, height = (float(n) for n in data["viewBox"].split())
    assert width == 1000 and 200 < height < 600
    assert "Natural Earth" in data["source"]
    assert len(data["countries"]) > 100  # the grey context too, not only the OSCE
    for code, path in data["countries"].items():
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert re.fullmatch(r"(M[-\d. ]+[la][-\d. ]+(a[-\d. ]+)?z)+", path), code
    for code in ("UZ", "UA", "DE", "US", "RU", "CA", "CN", "BR"):
        xs, ys = zip(*(point for ring in rings(data["countries"][code]) for point in ring), strict=True)
        assert -margin <= min(xs) and max(xs) <= width + margin and -margin <= min(ys) and max(ys) <= height + margin, code
    assert event_map.MAP_JSON.stat().st_size < 250_000


@pytest.mark.parametrize(
    "code, lon, lat",
    [
        ("AT", 16.37, 48.21),  # Vienna
        ("UZ", 69.24, 41.3),  # Tashkent
        ("UA", 34.1, 44.95),  # Simferopol: Crimea is Ukraine
        ("UA", 30.52, 50.45),  # Kyiv
        ("GE", 41.02, 43.0),  # Sukhumi
        ("CY", 33.6, 35.25),  # north of the Green Line
        ("XK", 21.16, 42.66),  # Prishtine / Pristina
        ("US", -149.9, 61.2),  # Anchorage, at the map's left edge
        ("RU", 135.07, 48.48),  # Khabarovsk
        ("RU", 172.0, 66.5),  # Chukotka, by the right edge
        ("RU", -172.0, 66.0),  # Chukotka, east of 180 degrees: still by the right edge
        ("TH", 100.5, 13.75),  # Bangkok
        ("MA", -7.6, 33.57),  # Casablanca
        ("CA", -75.7, 45.42),  # Ottawa
    ],
)
def test_places_fall_in_their_country(code, lon, lat):
    paths = map_data()["countries"]
    point = project(lon, lat)
    assert contains(paths[code], point)
    assert [other for other, path in paths.items() if other != code and contains(path, point)] == []


def test_crimea_is_not_drawn_as_russian():
    assert not contains(map_data()["countries"]["RU"], project(34.1, 44.95))


def test_the_shapes_are_read_once_per_process():
    assert map_data() is map_data()
    first = osce_map({"UZ": 1}, url_for)
    second = osce_map({"UZ": 1}, url_for)
    assert next(c for c in first.countries if c.code == "UZ").path is next(c for c in second.countries if c.code == "UZ").path


# --- Shading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("top", [1, 2, 3, 5, 6, 7, 10, 32, 100, 243, 1000, 12345])
def test_shades_run_from_none_to_the_top_class_in_order(top):
    assert shade(0, top) == 0
    assert shade(top, top) == STEPS
    assert shade(1, top) >= 1
    classes = [shade(count, top) for count in range(1, top + 1)]
    assert classes == sorted(classes)
    assert set(classes) <= set(range(1, STEPS + 1))


def test_small_maxima_give_each_count_its_own_class():
    assert [shade(c, 5) for c in range(6)] == [0, 1, 2, 3, 4, 5]
    assert [shade(c, 2) for c in range(3)] == [0, 3, 5]


def test_large_maxima_grow_the_steps_geometrically():
    assert [shade(c, 100) for c in (1, 2, 3, 6, 7, 15, 16, 39, 40, 100)] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert [step.label for step in legend(100)] == [
        "No events", "1\u20132 events", "3\u20136 events", "7\u201315 events", "16\u201339 events", "40\u2013100 events"
    ]


@pytest.mark.parametrize("top", [0, 1, 2, 4, 6, 9, 100, 999])
def test_the_legend_names_the_range_of_each_class_shown(top):
    steps = legend(top)
    assert steps[0].shade == 0 and steps[0].label == "No events"
    covered = []
    for step in steps[1:]:
        numbers = [int(n.replace(",", "")) for n in re.findall(r"[\d,]+", step.label)]
        low, high = numbers[0], numbers[-1]
        assert {shade(c, top) for c in range(low, high + 1)} == {step.shade}
        covered += range(low, high + 1)
    assert covered == list(range(1, top + 1))


def test_countries_are_shaded_by_their_counts():
    the_map = osce_map({"AT": 120, "UZ": 12, "MT": 1, "CN": 0}, url_for)
    by_code = {c.code: c for c in the_map.countries}
    assert by_code["AT"].shade == STEPS
    assert by_code["MT"].shade == 1
    assert 1 < by_code["UZ"].shade < STEPS
    assert by_code["DE"].shade == 0  # listed, no events
    assert by_code["CN"].shade is None  # grey context
    assert the_map.top == 120


# --- Links and names ------------------------------------------------------------------------

def test_countries_with_events_link_where_url_for_says():
    asked = []

    def spy(code):
        asked.append(code)
        return f"/somewhere/{code.lower()}/"

    the_map = osce_map({"UZ": 12, "KZ": 3, "AU": 2, "de": 0}, spy)
    assert sorted(asked) == ["AU", "KZ", "UZ"]
    by_code = {c.code: c for c in the_map.countries}
    assert by_code["UZ"].url == "/somewhere/uz/"
    assert by_code["UZ"].label == "Uzbekistan: 12 events"
    assert by_code["DE"].url == "" and by_code["DE"].label == "Germany: no events"
    assert by_code["CN"].url == ""
    assert [(c.code, c.count, c.url) for c in the_map.off_map] == [("AU", 2, "/somewhere/au/")]
    assert [(c.code, c.count) for c in the_map.rows] == [("UZ", 12), ("KZ", 3), ("AU", 2)]


def test_names_come_from_the_list_or_from_the_caller():
    the_map = osce_map({"TR": 2, "MN": 1}, url_for, names={"MN": "Mongolia (test)"})
    labels = {c.code: c.label for c in the_map.countries}
    assert labels["TR"] == "Türkiye: 2 events"
    assert labels["MN"] == "Mongolia (test): 1 event"


def test_names_are_in_the_active_language():
    with translation.override("ru"):
        the_map = osce_map({"TR": 2, "AU": 1}, url_for)
        rows = str(the_map.table_rows())
    labels = {c.code: c.label for c in the_map.countries}
    assert labels["TR"] == "Турция: 2 мероприятия"
    assert "Турция" in rows and [c.name for c in the_map.off_map] == ["Австралия"]


def test_a_country_outside_the_list_with_events_is_linked_too():
    the_map = osce_map({"LB": 4}, url_for)
    lebanon = next(c for c in the_map.countries if c.code == "LB")
    assert lebanon.shade == STEPS and lebanon.url == url_for("LB") and lebanon.label == "Lebanon: 4 events"


def test_a_country_off_the_map_is_named_only_with_events():
    the_map = osce_map({}, url_for)
    assert the_map.off_map == [] and the_map.rows == [] and the_map.top == 0
    assert [(c.code, c.count) for c in osce_map({"AU": 1}, url_for).off_map] == [("AU", 1)]


# --- The template ------------------------------------------------------------------------------

def test_the_partial_draws_an_accessible_svg():
    counts = {"UZ": 12, "AT": 120, "SM": 3, "AU": 2}
    html = render(osce_map(counts, url_for))
    root = parse(html)
    figure = root.find("figure")
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") is None  # it holds links
    assert svg.get("viewBox") == map_data()["viewBox"]
    assert "width" not in svg.attrib and "height" not in svg.attrib
    label_id = svg.get("aria-labelledby")
    assert root.find(f".//*[@id='{label_id}']").text == "Events by country"
    assert figure.find("figcaption") is not None

    links = svg.findall(f"{SVG}a")
    assert sorted(a.get("href") for a in links) == sorted(url_for(code) for code in ("UZ", "AT", "SM"))
    for a in links:
        shape = a.find(f"{SVG}use")
        assert a.get("aria-label") == shape.find(f"{SVG}title").text
        assert re.fullmatch(r"[^:]+: \d+ events?", a.get("aria-label"))
        assert shape.get("href") == f"/static/map/osce-shapes.svg#{shape.get('data-code')}"
    uzbekistan = next(a for a in links if a.get("href") == url_for("UZ"))
    assert uzbekistan.get("aria-label") == "Uzbekistan: 12 events"
    assert "event-map__shade-%d" % STEPS in next(a for a in links if a.get("href") == url_for("AT")).find(f"{SVG}use").get("class")

    # Every other shape is hidden from assistive technology; the countries in the list keep a tooltip.
    for shape in svg.findall(f"{SVG}use"):
        assert shape.get("aria-hidden") == "true"
    assert len(svg.findall(f"{SVG}use")) + len(links) == len(map_data()["countries"])

    # Australia, off the map, is named under it with its link, and the table has every row.
    off_map = figure.find(".//p[@class='event-map__off-map']")
    assert off_map.find("a").get("href") == url_for("AU") and off_map.find("a").text == "Australia"
    rows = [(tr.find("th/a").text, tr.find("td").text) for tr in root.iter("tr") if tr.find("th/a") is not None]
    assert rows == [("Austria", "120"), ("Uzbekistan", "12"), ("San Marino", "3"), ("Australia", "2")]


def test_the_partial_obeys_the_content_security_policy():
    root = parse(render(osce_map({"UZ": 12}, url_for)))
    elements = list(root.iter())
    assert not [element.tag for element in elements if element.tag.rsplit("}", 1)[-1] in ("style", "script")]
    assert not [element.tag for element in elements if "style" in element.attrib]
    assert not [element.tag for element in elements if any(name.startswith("on") for name in element.attrib)]


def test_the_legend_uses_the_same_classes_as_the_shapes():
    root = parse(render(osce_map({"AT": 100, "UZ": 1}, url_for)))
    swatches = [span.get("class") for span in root.iter("span") if "legend__swatch" in (span.get("class") or "")]
    assert [s.split()[-1] for s in swatches] == [
        "event-map__shade-0", "event-map__shade-1", "event-map__shade-2", "event-map__shade-3",
        "event-map__shade-4", "event-map__shade-5", "event-map__context",
    ]


def test_the_table_can_be_left_out():
    the_map = osce_map({"UZ": 12}, url_for)
    assert "<table" in render(the_map)
    assert "<table" not in render(the_map, map_table=False)


def test_names_and_links_are_escaped():
    hostile_name = '<script>alert("x")</script>Uzbekistan & co'
    hostile_url = '/en/events/?country=UZ&q="><script>alert(1)</script>'
    the_map = osce_map({"UZ": 12, "AU": 1}, lambda code: hostile_url, names={"UZ": hostile_name, "AU": "<b>Australia</b>"})
    html = render(the_map)
    assert "<script" not in html and "<b>" not in html
    root = parse(html)  # still well-formed: nothing broke out of its attribute or element
    link = root.find(f".//{SVG}a")
    assert link.get("href") == hostile_url
    assert link.get("aria-label") == f"{hostile_name}: 12 events"
    assert link.find(f"{SVG}use/{SVG}title").text == f"{hostile_name}: 12 events"
    assert root.find(".//p[@class='event-map__off-map']/a").text == "<b>Australia</b>"


def test_the_css_styles_every_class_the_partial_uses():
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    html = render(osce_map({"AT": 100, "UZ": 1, "SM": 50}, url_for))
    used = {name for value in re.findall(r'class="([^"]+)"', html) for name in value.split() if name.startswith("event-map")}
    assert {"event-map__shade-0", "event-map__shade-5", "event-map__context", "event-map__marker", "event-map__link"} <= used
    for name in used:
        assert f".{name}" in css, name
    assert re.search(r"\.event-map__link:focus-visible [^{]*\{[^}]*stroke", css)


def test_the_shapes_file_the_maps_use_holds_every_outline_as_the_data_gives_it():
    # After a change of organisation/data/osce-map.json: manage.py shell -c "from organisation import map; map.write_shapes_file()"
    assert SHAPES_FILE.read_text(encoding="utf-8") == shapes_file()
    root = ET.fromstring(SHAPES_FILE.read_bytes())
    assert {path.get("id"): path.get("d") for path in root.iter(f"{SVG}path")} == map_data()["countries"]
