"""Maps drawn at build time as inline SVG: the finder's map of coaches and a profile's locator map.

No tiles and nothing fetched: the land is Natural Earth's outlines (places/outlines.py), with the borders
between the regions of a coach's country where the site knows its regions (the UK's four nations). The
projection is equirectangular with its standard parallel at the middle of the view, which is close
enough for the size of a country or a continent. assets/coach-map.js reads the projection from the
<svg>'s data-* attributes to draw a searched town and its radius, and hides markers the finder's filters
leave out.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from coachblog.coaches.fields import Coach
from coachblog.places import outlines as ol
from coachblog.templating import render

KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360  # along a meridian; coach-map.js uses the same
FINDER_WIDTH = 440  # the finder map's viewBox width; it is drawn at the column's width
MIN_ASPECT, MAX_ASPECT = 0.5, 1.1  # height / width of the finder map
PADDING = 0.08  # of the view on each side, around the coaches
MIN_SPAN_DEGREES = 2.0  # the smallest view (north to south), so a lone coach is not drawn at street level
MARKER_RADIUS = 7
HIT_RADIUS = 12  # a marker's clickable area (a transparent circle around the dot)
GROUP_DISTANCE = 2 * HIT_RADIUS  # markers closer than this on the drawn map are grouped
LOCATOR_SIZE = (200, 160)
LOCATOR_NEAR_DEGREES = 5.0  # the locator shows the country's pieces this close to the coach's one
LOCATOR_MIN_SPAN = 3.0
_EDGE = 4.0  # px of outline drawn outside the view, so clipped edges never show a border
_STEP = 0.6  # px: outline points closer than this to the last one kept are left out
LOCATOR_STEP = 1.2  # the same for the small locator map, drawn on every profile


class MapPoint(NamedTuple):
    """A coach on a map: `id` is the profile's slug (data-coach-id), `href` the profile's address and
    `list_href` the list of coaches around them (a group's link). `country` is ISO 3166-1 alpha-2."""

    id: str
    name: str
    town: str
    lat: float
    lon: float
    href: str
    list_href: str = ""
    country: str = ""


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x grows east from the view's centre longitude, y grows south from `north`."""

    center_lon: float
    north: float
    kx: float  # px per degree of longitude
    ky: float  # px per degree of latitude
    width: float
    height: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Screen position; longitudes wrap, so a point past the 180th meridian lands by its neighbours."""
        return self.width / 2 + _wrap(lon - self.center_lon) * self.kx, (self.north - lat) * self.ky

    def shift(self, west: float, east: float) -> float:
        """The multiple of 360 degrees that brings a ring spanning west..east nearest the view's centre."""
        return -360.0 * round(((west + east) / 2 - self.center_lon) / 360)

    def attributes(self) -> dict[str, float]:
        """The data-* attributes coach-map.js projects with (names without data-, values rounded)."""
        values = {
            "center-lon": self.center_lon,
            "north": self.north,
            "kx": self.kx,
            "ky": self.ky,
        }
        return {name: round(value, 6) for name, value in values.items()}


def _wrap(degrees: float) -> float:
    """Into [-180, 180)."""
    return (degrees + 540.0) % 360.0 - 180.0


def _lon_range(lons: Sequence[float]) -> tuple[float, float]:
    """(centre, span) of the shortest arc of longitude holding every point, across the 180th meridian too."""
    ordered = sorted(_wrap(lon) for lon in lons)
    gaps = [(b - a, i) for i, (a, b) in enumerate(itertools.pairwise(ordered))]
    gaps.append((ordered[0] + 360 - ordered[-1], len(ordered) - 1))
    gap, index = max(gaps)
    west = ordered[(index + 1) % len(ordered)]
    span = 360 - gap if len(ordered) > 1 else 0.0
    return _wrap(west + span / 2), span


def fit(
    lons: Sequence[float],
    lats: Sequence[float],
    width: float,
    height: float | None = None,
    padding: float = PADDING,
    min_span: float = MIN_SPAN_DEGREES,
) -> Projection:
    """The projection that shows every point, with `padding` around them; height from the points' shape
    (between MIN_ASPECT and MAX_ASPECT of the width) unless given."""
    center_lon, lon_span = _lon_range(lons)
    south, north = min(lats), max(lats)
    mid_lat = (south + north) / 2
    squeeze = max(math.cos(math.radians(mid_lat)), 0.2)  # km per degree east, relative to north
    wide = max(lon_span * squeeze, min_span) * (1 + 2 * padding)  # in degrees of latitude
    tall = max(north - south, min_span) * (1 + 2 * padding)
    if height is None:
        aspect = min(max(tall / wide, MIN_ASPECT), MAX_ASPECT)
        height = round(width * aspect)
    scale = min(width / wide, height / tall)  # px per degree of latitude
    top = mid_lat + height / scale / 2
    return Projection(center_lon, top, scale * squeeze, scale, float(width), float(height))


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _clip(
    points: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the polygon cut to the box (left, top, right, bottom), one edge at a time."""
    left, top, right, bottom = box
    for axis, bound, keep_above in ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False)):
        if not points:
            break
        result = []
        previous = points[-1]
        was_in = (previous[axis] >= bound) == keep_above
        for point in points:
            is_in = (point[axis] >= bound) == keep_above
            if is_in != was_in:
                result.append(_crossing(previous, point, axis, bound))
            if is_in:
                result.append(point)
            previous, was_in = point, is_in
        points = result
    return points


def _crossing(a: tuple[float, float], b: tuple[float, float], axis: int, bound: float) -> tuple[float, float]:
    """Where the segment a-b meets the line `axis` = bound."""
    t = (bound - a[axis]) / (b[axis] - a[axis])
    return (bound, a[1] + (b[1] - a[1]) * t) if axis == 0 else (a[0] + (b[0] - a[0]) * t, bound)


def _land_paths(projection: Projection, home: Iterable[str], step: float) -> tuple[str, str]:
    """Path data of the land in view: (the given countries, every other country)."""
    home = set(home)
    box = (-_EDGE, -_EDGE, projection.width + _EDGE, projection.height + _EDGE)
    half_w = (projection.width / 2 + _EDGE) / projection.kx
    top, bottom = (
        projection.north + _EDGE / projection.ky,
        projection.north - (projection.height + _EDGE) / projection.ky,
    )
    parts: dict[bool, list[str]] = {True: [], False: []}
    for code, outline in ol.outlines().items():
        if outline.south > top or outline.north < bottom:
            continue
        for ring, (west, south, east, north) in zip(outline.rings, outline.extents, strict=True):
            if south > top or north < bottom:
                continue
            shift = projection.shift(west, east)
            left = west + shift - projection.center_lon
            if left > half_w or east + shift - projection.center_lon < -half_w:
                continue
            path = _ring_path(ring, shift, projection, box, step)
            if path:
                parts[code in home].append(path)
    return "".join(parts[True]), "".join(parts[False])


def _ring_path(
    ring: ol.Ring, shift: float, projection: Projection, box: tuple[float, float, float, float], step: float
) -> str:
    x0, north, kx, ky = projection.width / 2, projection.north, projection.kx, projection.ky
    center = projection.center_lon - shift
    points = _clip([(x0 + (lon - center) * kx, (north - lat) * ky) for lon, lat in ring], box)
    kept: list[tuple[float, float]] = []
    for x, y in points:
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + " ".join(f"{_num(x)} {_num(y)}" for x, y in kept) + "Z"


def _border_paths(projection: Projection, home: Iterable[str], step: float) -> str:
    """Path data of the borders between regions (the UK's nations) of the given countries, in view."""
    box = (-_EDGE, -_EDGE, projection.width + _EDGE, projection.height + _EDGE)
    parts = []
    for code in sorted(set(home)):
        for line in ol.region_borders(code):
            lons = [lon for lon, _ in line]
            center = projection.center_lon - projection.shift(min(lons), max(lons))
            x0, north, kx, ky = projection.width / 2, projection.north, projection.kx, projection.ky
            drawn = [(x0 + (lon - center) * kx, (north - lat) * ky) for lon, lat in line]
            for piece in _clip_line(drawn, box):
                kept = [piece[0]]
                for x, y in piece[1:-1]:
                    if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
                        kept.append((x, y))
                kept.append(piece[-1])  # the ends stay: they are where the border meets the coast
                if kept[0] != kept[-1]:
                    parts.append("M" + " ".join(f"{_num(x)} {_num(y)}" for x, y in kept))
    return "".join(parts)


def _clip_line(
    points: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[list[tuple[float, float]]]:
    """An open line cut to the box (left, top, right, bottom): the pieces of it inside."""
    pieces: list[list[tuple[float, float]]] = []
    for a, b in itertools.pairwise(points):
        segment = _clip_segment(a, b, box)
        if segment is None:
            continue
        if pieces and pieces[-1][-1] == segment[0]:
            pieces[-1].append(segment[1])
        else:
            pieces.append(list(segment))
    return pieces


def _clip_segment(
    a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Liang-Barsky: the part of the segment a-b inside the box, its ends a and b themselves when inside."""
    left, top, right, bottom = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    enter, leave = 0.0, 1.0
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q < 0:
                return None
        elif p < 0:
            enter = max(enter, q / p)
        else:
            leave = min(leave, q / p)
    if enter > leave:
        return None
    start = a if enter == 0 else (a[0] + enter * dx, a[1] + enter * dy)
    end = b if leave == 1 else (a[0] + leave * dx, a[1] + leave * dy)
    return start, end


def _background(projection: Projection, home: Iterable[str], step: float = _STEP) -> Markup:
    """Sea, land, the home countries' land over it, and the borders between their regions."""
    home = set(home)
    home_d, other_d = _land_paths(projection, home, step)
    border_d = _border_paths(projection, home, step)
    w, h = _num(projection.width), _num(projection.height)
    return Markup(render("map_land.svg", width=w, height=h, land=other_d, home=home_d, borders=border_d))


class _Placed(NamedTuple):
    point: MapPoint
    x: float
    y: float


def cluster(placed: Sequence[_Placed], distance: float = GROUP_DISTANCE) -> list[list[_Placed]]:
    """Markers grouped by distance on the drawn map: each joins the nearest group leader closer than
    `distance`, or leads a group of its own; then groups whose drawn circles would overlap are merged.
    Leaders are taken in id order, so the same coaches group the same way whatever order they come in."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    leaders: list[_Placed] = []
    groups: list[list[_Placed]] = []
    for item in sorted(placed, key=lambda p: p.point.id):
        cx, cy = int(item.x // distance), int(item.y // distance)
        best, best_gap = -1, distance
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for index in cells[cx + dx, cy + dy]:
                    gap = math.hypot(leaders[index].x - item.x, leaders[index].y - item.y)
                    if gap < best_gap:
                        best, best_gap = index, gap
        if best < 0:
            cells[cx, cy].append(len(leaders))
            leaders.append(item)
            groups.append([item])
        else:
            groups[best].append(item)
    while _merge_overlapping(groups):
        pass
    return groups


def radius(count: int) -> float:
    """How far from its centre a marker (count 1) or a group of `count` can be clicked."""
    return HIT_RADIUS if count == 1 else HIT_RADIUS - 1 + 2 * len(str(count))


def centre(group: Sequence[_Placed]) -> tuple[float, float]:
    return sum(m.x for m in group) / len(group), sum(m.y for m in group) / len(group)


def _merge_overlapping(groups: list[list[_Placed]]) -> bool:
    """One pass merging groups whose circles overlap (a group's centre moves as it grows); True if any did."""
    size = 2 * max(radius(len(g)) for g in groups) if groups else 1.0
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    centres = [centre(g) for g in groups]
    for index, (x, y) in enumerate(centres):
        cells[int(x // size), int(y // size)].append(index)
    gone: set[int] = set()
    for index, (x, y) in enumerate(centres):
        if index in gone:
            continue
        cx, cy = int(x // size), int(y // size)
        for other in sorted(o for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in cells[cx + dx, cy + dy]):
            if other <= index or other in gone:
                continue
            ox, oy = centres[other]
            if math.hypot(ox - x, oy - y) < radius(len(groups[index])) + radius(len(groups[other])):
                groups[index] += groups[other]
                gone.add(other)
                break
    groups[:] = [g for i, g in enumerate(groups) if i not in gone]
    return bool(gone)


def _label(point: MapPoint) -> str:
    return f"{point.name}, {point.town}" if point.town else point.name


def _group_label(count: int, town: str) -> str:
    noun = "coach" if count == 1 else "coaches"
    return f"{count} {noun} near {town}" if town else f"{count} {noun}"


@dataclass(frozen=True)
class _Marker:
    """One link on the finder's map, as map_finder.svg draws it: a coach (`ids` None) or a group."""

    href: str
    label: str
    x: str
    y: str
    radius: str
    id: str = ""
    ids: str | None = None
    town: str = ""
    members: int = 1


def _marker(point: MapPoint, x: float, y: float) -> _Marker:
    return _Marker(point.href, _label(point), _num(x), _num(y), str(MARKER_RADIUS), id=point.id)


def _group(members: list[_Placed], fallback_href: str) -> _Marker:
    x, y = centre(members)
    nearest = min(members, key=lambda m: (math.hypot(m.x - x, m.y - y), m.point.id)).point
    return _Marker(
        nearest.list_href or fallback_href,
        _group_label(len(members), nearest.town),
        _num(x),
        _num(y),
        _num(radius(len(members))),
        ids=" ".join(sorted(m.point.id for m in members)),
        town=nearest.town,
        members=len(members),
    )


class FinderMap(NamedTuple):
    """The finder's map in parts: the SVG (a file of its own on the site), the figure's style (its width
    following the map's shape) and the credit line under it."""

    svg: Markup
    style: str
    credit: Markup

    @property
    def size(self) -> tuple[str, str]:
        """The map's width and height (its viewBox), so the room it takes is kept before its file arrives."""
        found = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', self.svg)
        return (found[1], found[2]) if found else ("400", "300")

    def figure(self) -> Markup:
        return Markup('<figure class="cb-map cb-map--finder" style="{}">{}{}</figure>').format(
            self.style, self.svg, self.credit
        )


def finder_map_parts(
    points: Iterable[MapPoint],
    width: int = FINDER_WIDTH,
    label: str = "Map of coaches",
    fallback_href: str = "#cb-directory",
) -> FinderMap | None:
    """The finder's map: land around the coaches, a named link per coach and one per group of coaches
    too close together to tell apart (to `list_href`, the list of coaches there). None without points."""
    points = [p for p in points if math.isfinite(p.lat) and math.isfinite(p.lon)]
    if not points:
        return None
    projection = fit([p.lon for p in points], [p.lat for p in points], width)
    placed = [_Placed(p, *projection.xy(p.lon, p.lat)) for p in points]
    markers = [
        _marker(group[0].point, group[0].x, group[0].y) if len(group) == 1 else _group(group, fallback_href)
        # North to south, then west to east: the order Tab visits them in.
        for group in sorted(cluster(placed), key=lambda g: (round(centre(g)[1]), centre(g)[0]))
    ]
    svg = render(
        "map_finder.svg",
        width=_num(projection.width),
        height=_num(projection.height),
        label=label,
        projection=projection.attributes(),
        href_template=_href_template(points),
        land=_background(projection, {p.country.upper() for p in points}),
        markers=markers,
        hit_radius=HIT_RADIUS,
    )
    credit = render(
        "map_credit.html", source_url=ol.SOURCE_URL, source_name=ol.SOURCE_NAME, licence=ol.LICENCE
    )
    # At most 70% of the window's height, its width following the map's shape; the caption under it.
    style = f"max-width:min(100%,{_num(70 * projection.width / projection.height)}vh)"
    return FinderMap(Markup(svg), style, Markup(credit))  # the templates escape every value


def _href_template(points: Sequence[MapPoint]) -> str | None:
    """The profiles' address with "{id}" for the coach's id, when every point's follows it: the script
    links a group the filters leave one coach in straight to that coach (coach-map.js)."""
    first = points[0]
    if first.href.count(first.id) != 1:
        return None
    template = first.href.replace(first.id, "{id}")
    return template if all(template.replace("{id}", p.id) == p.href for p in points) else None


def finder_map(
    points: Iterable[MapPoint],
    width: int = FINDER_WIDTH,
    label: str = "Map of coaches",
    fallback_href: str = "#cb-directory",
) -> Markup:
    """The finder's map as one figure (see finder_map_parts); empty without points."""
    parts = finder_map_parts(points, width, label, fallback_href)
    return parts.figure() if parts else Markup("")


def locator_map(point: MapPoint, country_name: str = "") -> Markup:
    """A small map for a profile: the coach's country (the part they are in), its neighbours, and a dot."""
    width, height = LOCATOR_SIZE
    view = _locator_view(point.country.upper(), point.lon, point.lat)
    projection, background = _locator_background(point.country.upper(), view)
    x, y = projection.xy(point.lon, point.lat)
    if not (0 <= x <= width and 0 <= y <= height):  # a place off the simplified coast: centre on it
        around = (point.lon, point.lat, point.lon, point.lat)
        projection, background = _locator_background(point.country.upper(), around)
        x, y = projection.xy(point.lon, point.lat)
    where = f"{point.town} in {country_name}" if point.town and country_name else point.town or country_name
    label = f"Map showing {where}" if where else "Map showing where the coach is"
    svg = render(
        "map_locator.svg",
        width=width,
        height=height,
        label=label,
        land=background,
        x=_num(x),
        y=_num(y),
        radius=MARKER_RADIUS - 1,
    )
    return Markup(svg)  # the template escapes every value


def _locator_view(code: str, lon: float, lat: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) to show: the piece of the country around the point (the smallest whose
    extent holds it, else the nearest), with the country's other pieces close to it."""
    outline = ol.outline(code)
    if outline is None:
        return lon, lat, lon, lat

    def fit_to(index: int) -> tuple[float, float]:
        west, south, east, north = outline.extents[index]
        shift = -360.0 * round(((west + east) / 2 - lon) / 360)
        gap = max(west + shift - lon, lon - east - shift, 0) + max(south - lat, lat - north, 0)
        return gap, (east - west) * (north - south)

    best = min(range(len(outline.extents)), key=fit_to)
    west, _, east, _ = outline.extents[best]
    return _pieces_around(code, best, -360.0 * round(((west + east) / 2 - lon) / 360))


@functools.lru_cache(maxsize=1024)
def _pieces_around(code: str, index: int, shift: float) -> tuple[float, float, float, float]:
    """The extent of piece `index` of the country, moved by `shift` degrees east, and of the country's
    pieces within LOCATOR_NEAR_DEGREES of it."""
    outline = ol.outlines()[code]
    west, south, east, north = outline.extents[index]
    box = [west + shift, south, east + shift, north]
    near = LOCATOR_NEAR_DEGREES
    for w, s, e, n in outline.extents:
        sh = shift - 360.0 * round(((w + e) / 2 - (west + east) / 2) / 360)
        if w + sh < box[2] + near and e + sh > box[0] - near and s < box[3] + near and n > box[1] - near:
            box = [min(box[0], w + sh), min(box[1], s), max(box[2], e + sh), max(box[3], n)]
    return box[0], box[1], box[2], box[3]


@functools.lru_cache(maxsize=256)
def _locator_background(code: str, view: tuple[float, float, float, float]) -> tuple[Projection, Markup]:
    """The projection and land of one locator view: shared by every coach in the same piece of a country."""
    west, south, east, north = view
    projection = fit([west, east], [south, north], LOCATOR_SIZE[0], LOCATOR_SIZE[1], 0.06, LOCATOR_MIN_SPAN)
    return projection, _background(projection, {code}, LOCATOR_STEP)


def coach_point(coach: Coach, href: str, list_href: str = "") -> MapPoint | None:
    """The coach as a map point, or None for a coach with no position."""
    if coach.latitude is None or coach.longitude is None:
        return None
    return MapPoint(
        coach.slug, coach.name, coach.place, coach.latitude, coach.longitude, href, list_href, coach.country
    )


def profile_map(coach: Coach) -> Markup | None:
    """The locator map for the coach's profile, or None for a coach with no position."""
    point = coach_point(coach, "")
    return locator_map(point, coach.country_name) if point else None
