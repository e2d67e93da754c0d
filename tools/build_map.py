"""Build organisation/data/osce-map.json, the country shapes of the events finder's map, from Natural
Earth 1:50m countries (public domain) as the npm package world-atlas 2.0.2 redistributes them. Run it
by hand when boundaries or countries change, with pycountry (26.2.16) installed: `npm pack
world-atlas@2.0.2`, untar it, then `python tools/build_map.py package/countries-50m.json`. It fails
unless the OSCE's boundaries hold and every OSCE country has a shape or is in OFF_MAP."""

import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import pycountry  # build time only

DATA = Path(__file__).resolve().parent.parent / "organisation" / "data"
OUTPUT = DATA / "osce-map.json"
COUNTRIES_CSV = DATA / "osce-countries.csv"

# 1:50m, not 1:110m: only the former has Andorra, Liechtenstein, Monaco, San Marino, the Holy See and Malta.
WIDTH = 1000
# Miller's cylindrical projection, centred so that the antimeridian, 169 deg W, runs through the
# Bering Strait: Alaska at the left edge, Chukotka at the right.
CENTRAL_MERIDIAN = 11.0
# North America, Russia, Europe, North Africa, the Middle East and Asia down to Thailand.
NORTH, SOUTH = 84.0, 5.0
# Each arc is simplified once (Douglas-Peucker), so that neighbours share their border exactly.
TOLERANCE = 0.3  # in viewBox units
MIN_RING_AREA = 0.4  # smaller rings (islets, after simplification) are dropped, in square units
MARKER_BELOW = 3.0  # an OSCE country whose shape is narrower and lower than this is a dot
MARKER_RADIUS = 3.0
CLIP_MARGIN = 2.0  # shapes are cut this far outside the frame, so that cut edges never show
MIN_RING_POINTS = 3  # fewer points enclose no area
LINE_POINTS = 2  # a line's two ends, which simplification always keeps

OFF_MAP = {"AU": "Australia lies far south of the rest of the OSCE area; the map would double in height for it."}

# Boundaries as the OSCE draws them, not Natural Earth's "de facto" view (BOUNDARY_CHECKS).
# Shapes without an ISO numeric id in world-atlas, or drawn with another country.
BY_NAME = {
    "Kosovo": "XK",
    "N. Cyprus": "CY",  # the OSCE recognises one Cyprus
    "Somaliland": "SO",
    "Siachen Glacier": "IN",  # administered by India; a grey context shape at this scale either way
    "Åland": "FI",
}
NOT_DRAWN = {"Indian Ocean Ter.", "Ashmore and Cartier Is."}  # outside the frame anyway
# Polygons moved to another country: (point inside the polygon, from, to).
MOVES = [((34.1, 45.0), "RU", "UA")]  # Crimea, which Natural Earth 4.1 draws as Russian
# Points that must lie in the given country once the shapes are built (lon, lat).
BOUNDARY_CHECKS = [
    ((34.1, 45.0), "UA"),  # Crimea
    ((33.52, 44.6), "UA"),  # Sevastopol
    ((41.02, 43.0), "GE"),  # Sukhumi
    ((43.96, 42.23), "GE"),  # Tskhinvali
    ((29.63, 46.84), "MD"),  # Tiraspol
    ((46.75, 39.82), "AZ"),  # Khankendi / Stepanakert
    ((33.6, 35.25), "CY"),  # north of the Green Line
    ((21.16, 42.66), "XK"),  # Prishtine / Pristina
    ((12.435, 41.902), "VA"),  # the Holy See (where the 1:50m shape puts it)
]
NAMES = {"XK": "Kosovo"}

SOURCE = (
    "Boundaries: Natural Earth 1:50m Admin 0 (public domain), via world-atlas 2.0.2; "
    "Crimea drawn as part of Ukraine and Northern Cyprus as part of Cyprus. "
    "Miller projection centred on 11\u00b0E, 5\u00b0N to 84\u00b0N, simplified (tools/build_map.py)."
)


# --- TopoJSON ---------------------------------------------------------------------------------

def decode_arcs(topology):
    """Absolute (lon, lat) points of every arc: the file stores quantized deltas. Longitudes
    are unwrapped: an arc that crosses 180 deg (Chukotka's coast does) goes on past it."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(unwrapped(x * sx + tx, points) + (y * sy + ty,))
        arcs.append(points)
    return arcs


def unwrapped(lon, previous):
    """lon plus whole turns, to be within half a turn of the previous point."""
    if previous:
        lon += 360.0 * round((previous[-1][0] - lon) / 360.0)
    return (lon,)


def directed(index, arcs):
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def arc_turns(ring, arcs):
    """Whole turns (in degrees) to add to each arc of a ring so that it starts where the arc
    before it ends: rings that cross 180 deg stay continuous."""
    turns, end = [], None
    for index in ring:
        arc = directed(index, arcs)
        turn = 0.0 if end is None else 360.0 * round((end - arc[0][0]) / 360.0)
        turns.append(turn)
        end = arc[-1][0] + turn
    return turns


def ring_points(ring, arcs):
    """The points (lon, lat) of a ring given as arc indices (~i: arc i backwards)."""
    points = []
    for index, turn in zip(ring, arc_turns(ring, arcs), strict=True):
        arc = directed(index, arcs)
        points.extend((lon + turn, lat) for lon, lat in (arc if not points else arc[1:]))
    return points


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def code_of(geometry):
    name = geometry["properties"]["name"]
    if name in BY_NAME:
        return BY_NAME[name]
    if name in NOT_DRAWN or "id" not in geometry:
        return None
    country = pycountry.countries.get(numeric=geometry["id"])
    if country is None:
        raise SystemExit(f"No ISO alpha-2 code for world-atlas id {geometry['id']} ({name})")
    return country.alpha_2


def point_in_ring(point, ring):
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


ENDS = {}  # arc index (either direction) -> (start, end) in quantized coordinates, by index_ends()


def merge(rings):
    """Rings (arc-index lists) of one country, with the borders between them removed: an arc
    used in both directions is inside the country. The rest is stitched back into rings,
    which evenodd filling draws correctly whichever are holes."""
    used = set(index for ring in rings for index in ring)
    edges = [index for ring in rings for index in ring if ~index not in used]
    return stitch(edges)


def stitch(edges):
    """Directed arcs joined end to start into closed rings."""
    starts = defaultdict(list)
    for index in edges:
        starts[ENDS[index][0]].append(index)
    rings = []
    remaining = set(edges)
    for first in edges:
        if first not in remaining:
            continue
        ring = [first]
        remaining.discard(first)
        while ENDS[ring[-1]][1] != ENDS[first][0]:
            following = next(i for i in starts[ENDS[ring[-1]][1]] if i in remaining)
            ring.append(following)
            remaining.discard(following)
        rings.append(ring)
    return rings


def index_ends(topology):
    for i, arc in enumerate(topology["arcs"]):
        x = y = 0
        start = (arc[0][0], arc[0][1])
        for dx, dy in arc:
            x += dx
            y += dy
        ENDS[i] = (start, (x, y))
        ENDS[~i] = ((x, y), start)


# --- Projection and simplification -------------------------------------------------------------

def miller_y(lat):
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


def shift_for(points):
    """Whole turns (in degrees) that put a ring's mean longitude within 180 deg of the centre."""
    mean = sum(lon for lon, _ in points) / len(points) - CENTRAL_MERIDIAN
    return -360.0 * math.floor((mean + 180.0) / 360.0)


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    if len(points) <= LINE_POINTS:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        distance, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > distance:
                distance, index = d, i
        if index is not None and distance > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_arc(points, tolerance):
    """A closed arc (an island) is split at its farthest point from its start first."""
    if len(points) > MIN_RING_POINTS and points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        return douglas_peucker(points[: far + 1], tolerance)[:-1] + douglas_peucker(points[far:], tolerance)
    return douglas_peucker(points, tolerance)


def clip(ring, left, top, right, bottom):
    """Sutherland-Hodgman against a rectangle (y grows downwards)."""
    def cut(points, inside, cross):
        out = []
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            if inside(b):
                if not inside(a):
                    out.append(cross(a, b))
                out.append(b)
            elif inside(a):
                out.append(cross(a, b))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, cross in (
        (lambda p: p[0] >= left, at_x(left)),
        (lambda p: p[0] <= right, at_x(right)),
        (lambda p: p[1] >= top, at_y(top)),
        (lambda p: p[1] <= bottom, at_y(bottom)),
    ):
        if not ring:
            break
        ring = cut(ring, inside, cross)
    return ring


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


# --- SVG paths ---------------------------------------------------------------------------------

def tenths(n):
    """An integer number of tenths as the shortest SVG number: 15 -> "1.5", -5 -> "-.5", 20 -> "2"."""
    sign = "-" if n < 0 else ""
    whole, tenth = divmod(abs(n), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def join(numbers):
    text = ""
    for number in numbers:
        text += number if not text or number.startswith("-") else " " + number
    return text


def ring_path(ring):
    """M x y, then relative steps between the points rounded to 0.1, so that rounding never adds
    up. Holes (Lesotho in South Africa) are rings of their own: the paths fill evenodd."""
    points = [(round(x * 10), round(y * 10)) for x, y in ring]
    points = [p for p, q in zip(points, points[1:] + points[:1], strict=True) if p != q]
    if len(points) < MIN_RING_POINTS:
        return ""
    steps = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        steps += [tenths(x2 - x1), tenths(y2 - y1)]
    return f"M{join([tenths(points[0][0]), tenths(points[0][1])])}l{join(steps)}z"


def marker_path(cx, cy, r):
    x, y, d = round(cx * 10), round(cy * 10), round(r * 10)
    return f"M{join([tenths(x - d), tenths(y)])}a{join([tenths(d), tenths(d)])} 0 1 0 {join([tenths(2 * d), '0'])}" \
        f"a{join([tenths(d), tenths(d)])} 0 1 0 {join([tenths(-2 * d), '0'])}z"


# --- The build ---------------------------------------------------------------------------------

def country_polygons(topology, arcs):
    """({code: polygons (lists of rings of arc indices)}, {code: name}), with MOVES applied."""
    polygons = defaultdict(list)
    names = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = code_of(geometry)
        if code is None:
            print(f"  not drawn: {geometry['properties']['name']}")
            continue
        polygons[code].extend(polygons_of(geometry))
        if code not in names:
            country = pycountry.countries.get(alpha_2=code)
            names[code] = NAMES.get(code) or getattr(country, "common_name", None) or country.name
    for point, source, target in MOVES:
        moving = [p for p in polygons[source] if point_in_ring(point, ring_points(p[0], arcs))]
        if len(moving) != 1:
            raise SystemExit(f"Expected one {source} polygon around {point}, found {len(moving)}")
        polygons[source].remove(moving[0])
        polygons[target].append(moving[0])
    return polygons, names


def check_boundaries(rings, arcs):
    """Fail the build unless every point of BOUNDARY_CHECKS lies in its country."""
    def country_at(point):
        return [code for code, rs in rings.items() if sum(point_in_ring(point, ring_points(r, arcs)) for r in rs) % 2]

    for point, expected in BOUNDARY_CHECKS:
        found = country_at(point)
        if found != [expected]:
            raise SystemExit(f"{point} should be in {expected}, is in {found}")


class Frame:
    """The map's frame, in projected radians; points projected into viewBox units."""

    def __init__(self, arcs):
        self.arcs = arcs
        self.left, right = math.radians(-180.0), math.radians(180.0)
        self.top, bottom = -miller_y(NORTH), -miller_y(SOUTH)
        self.scale = WIDTH / (right - self.left)
        self.height = round((bottom - self.top) * self.scale)
        self.simplified = {}

    def project(self, lon, lat):
        return (math.radians(lon - CENTRAL_MERIDIAN) - self.left) * self.scale, (-miller_y(lat) - self.top) * self.scale

    def degrees(self, turn):
        """A shift in degrees of longitude, in viewBox units."""
        return turn * self.scale * math.pi / 180

    def arc_xy(self, index):
        """Arc `index` projected and simplified (once for both directions)."""
        i = index if index >= 0 else ~index
        if i not in self.simplified:
            self.simplified[i] = simplify_arc([self.project(*p) for p in self.arcs[i]], TOLERANCE)
        return self.simplified[i] if index >= 0 else self.simplified[i][::-1]

    def drawn_ring(self, ring):
        """(the simplified ring clipped to the frame, the ring's full projected points)."""
        arcs = self.arcs
        shift = self.degrees(shift_for(ring_points(ring, arcs)))
        full = [(x + shift, y) for x, y in (self.project(*p) for p in ring_points(ring, arcs))]
        points = []
        for index, turn in zip(ring, arc_turns(ring, arcs), strict=True):
            xy, offset = self.arc_xy(index), self.degrees(turn)
            points.extend((x + offset, y) for x, y in (xy if not points else xy[1:]))
        points = [(x + shift, y) for x, y in points[:-1]]
        margin = CLIP_MARGIN
        return clip(points, -margin, -margin, WIDTH + margin, self.height + margin), full


def country_path(frame, code, country_rings, osce):
    """(SVG path, whether it is a dot): an OSCE country too small to see or click is a dot."""
    drawn, full = [], []
    for ring in country_rings:
        points, projected = frame.drawn_ring(ring)
        full.extend(projected)
        if len(points) >= MIN_RING_POINTS and area(points) >= MIN_RING_AREA:
            drawn.append(points)
    xs, ys = [x for x, _ in full], [y for _, y in full]
    if code in osce and max(xs) - min(xs) < MARKER_BELOW and max(ys) - min(ys) < MARKER_BELOW:
        return marker_path((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, MARKER_RADIUS), True
    return "".join(ring_path(points) for points in drawn), False


def build(topology_path):
    topology = json.loads(Path(topology_path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    index_ends(topology)
    polygons, names = country_polygons(topology, arcs)
    rings = {code: merge([ring for polygon in polys for ring in polygon]) for code, polys in polygons.items()}
    check_boundaries(rings, arcs)

    frame = Frame(arcs)
    csv_rows = list(csv.DictReader(COUNTRIES_CSV.open(encoding="utf-8", newline="")))
    osce = {row["iso_code"] for row in csv_rows}
    paths, markers = {}, []
    for code, country_rings in sorted(rings.items()):
        if code in OFF_MAP:
            continue
        path, is_marker = country_path(frame, code, country_rings, osce)
        if is_marker:
            markers.append(code)
        if path:
            paths[code] = path

    missing = sorted(osce - set(paths) - set(OFF_MAP))
    if missing:
        raise SystemExit(f"OSCE countries without a shape: {missing}")
    write(paths, names, markers, frame.height)


def write(paths, names, markers, height):
    data = {
        "viewBox": f"0 0 {WIDTH} {height}",
        "source": SOURCE,
        # For organisation/map.project(), which places a point (lon, lat) on the map the same way.
        "projection": {"name": "miller", "central_meridian": CENTRAL_MERIDIAN, "north": NORTH, "south": SOUTH, "width": WIDTH},
        "countries": paths,
        "names": {code: names[code] for code in sorted(paths)},
        "markers": sorted(markers),
        "off_map": OFF_MAP,
    }
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size:,} bytes, {len(paths)} countries, viewBox {data['viewBox']}")
    print(f"  drawn as dots: {', '.join(sorted(markers))}")
    print(f"  off the map: {', '.join(sorted(OFF_MAP))}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if len(arguments) != 1:
        raise SystemExit(__doc__)
    build(arguments[0])
