"""A coach's place on the map: looked up in the gazetteer, or their coordinates checked against it."""

from __future__ import annotations

from coachblog.coaches.fields import Coach
from coachblog.errors import Problem
from coachblog.places.gazetteer import Gazetteer, Place, distance_km

MAX_COORDINATE_KM = 60  # coordinates further than this from any known place are probably wrong


def locate(coach: Coach, gazetteer: Gazetteer) -> Problem | None:
    """Fill in the coach's position and region from their place or coordinates, or say what is wrong."""
    coach.country_name = gazetteer.country_names.get(coach.country, coach.country)
    if coach.latitude is not None and coach.longitude is not None:
        near = gazetteer.nearest(coach.latitude, coach.longitude, coach.country)
        if near is None or near[1] > MAX_COORDINATE_KM:
            far = f"{near[1]:.0f} km from" if near else "far from"
            return Problem(
                coach.label,
                "latitude",
                f"puts you {far} any town in {coach.country_name}",
                coach.lines.get("latitude"),
                (coach.latitude, coach.longitude),
                f"a position in {coach.country_name}",
                "Check that latitude (north-south) comes first; west is negative",
            )
        coach.region = gazetteer.region(near[0])
        named = gazetteer.lookup(coach.place, coach.country, suggest=False).place  # a label may be no place
        if (
            named is not None
            and (km := distance_km(coach.latitude, coach.longitude, named.latitude, named.longitude))
            > MAX_COORDINATE_KM
        ):
            return Problem(
                coach.label,
                "latitude",
                f"puts you {km:.0f} km from {gazetteer.label(named)}",
                coach.lines.get("latitude"),
                (coach.latitude, coach.longitude),
                f"a position near {coach.place}",
                "Copy the numbers for your place from a map, or delete both lines",
            )
        return None
    found = gazetteer.lookup(coach.place, coach.country)
    if found.place is not None:
        coach.latitude, coach.longitude = found.place.latitude, found.place.longitude
        coach.region = gazetteer.region(found.place)
        coach.found_as = gazetteer.label(found.place)
        return None
    how = "add 'latitude:' and 'longitude:' lines (from any online map) to give your exact spot"
    line = coach.lines.get("place")
    if found.ambiguous:
        names = [gazetteer.label(p) for p in found.candidates[:8]]
        typed = [n for n in names if "(" not in n]
        example = f"write 'place: {typed[0]}'" if typed else ""
        return Problem(
            coach.label,
            "place",
            f"matches {len(found.candidates)} places in {coach.country_name}",
            line,
            coach.place,
            "; ".join(names),
            f"Pick one: {example}{' or ' if example else ''}{how}",
        )
    return _unknown_place(coach, gazetteer, found.candidates, how)


def _unknown_place(coach: Coach, gazetteer: Gazetteer, close_places: tuple[Place, ...], how: str) -> Problem:
    """A place not found: close spellings, then towns near an area named in it, all in the coach's
    country; another country only when nothing in theirs comes close."""
    close = [gazetteer.label(p) for p in close_places]
    hint = f"Did you mean '{close[0]}'? " if close else ""
    allowed = "; ".join(close)
    area = gazetteer.places_named_like(coach.place, coach.country)
    if area and not close:
        towns = [
            gazetteer.label(p)
            for p in gazetteer.towns_near(area[0].latitude, area[0].longitude, coach.country)
        ]
        allowed = "; ".join(towns)
        hint = (
            f"If '{coach.place}' is an area, write the town or village you coach from: "
            f"towns near {gazetteer.label(area[0])} are {', '.join(towns)}. "
        )
    elsewhere = (
        [c for c in gazetteer.countries_with(coach.place) if c != coach.country] if not allowed else []
    )
    if elsewhere:
        hint += f"There is a place of that name in {', '.join(elsewhere[:5])}: is 'country' right? "
    hint += f"Use the nearest town or village with 500+ people, or {how}"
    return Problem(
        coach.label,
        "place",
        f"is not a town or village we know in {coach.country_name}",
        coach.lines.get("place"),
        coach.place,
        allowed or "a town or village of 500+ people",
        hint,
    )
