#!/usr/bin/env python3
"""Write N made-up coach files, spread over Great Britain, for load tests and benchmarks.

    scripts/gen_coaches.py 5000 /tmp/bench-site/docs/coaches [--seed 1]

Every file passes scripts/check_coaches.py: places are real, unambiguous GeoNames places, names,
websites and emails are all different. Nothing here is a real person; websites are on example.org.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from coachblog.coaches import schema
from coachblog.places.gazetteer import load_gazetteer
from coachblog.text import slugify

FIRST = (
    "Alex Ash Bea Cal Dee Eli Fen Gus Hal Isla Jo Kit Lee Max Ned Ola Pip Rae Sam Tam Uma Vic Wyn Zoe "
    "Ada Ben Cai Dot Eve Fay Gil Hope Ivo Jem Kay Lou Mo Nia Oz Pru Ray Sol Ted Val"
)
LAST = (
    "Ridge Brook Fell Moor Dale Crag Beck Heath Combe Tarn Scar Holt Leigh Mere Pike Shaw Wold Carr "
    "Gill Knott Ness Rigg Slack Thwaite Cleugh Den Hope Law Mains Strath"
)
BIO = (
    "Generated for load tests, not a real coach. Coaches {what} runners around {place}, "
    "from first steps to race day."
)


def generate(count: int, dest: Path, seed: int = 1) -> list[Path]:
    """Write `count` coach files into `dest` (a coaches folder) and return their paths."""
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    places = [p for p in gazetteer.places_in("GB") if gazetteer.label(p) == p.name and gazetteer.region(p)]
    rng.shuffle(places)
    dest.mkdir(parents=True, exist_ok=True)
    specialties = list(schema.SPECIALTIES)
    first, last = FIRST.split(), LAST.split()
    written = []
    for n in range(count):
        place = places[n % len(places)]
        lap = n // len(places)
        name = f"{rng.choice(first)} {rng.choice(last)}-{_word(n)}"
        coaching = rng.choice(
            [
                ["online"],
                ["in-person"],
                ["in-person", "groups"],
                ["groups"],
                ["in-person", "online"],
                ["in-person", "groups", "online"],
            ]
        )
        values: dict[str, object] = {
            "name": name,
            "place": place.name,
            "country": "GB",
            "specialties": rng.sample(specialties, rng.randint(1, 3)),
            "coaching": coaching,
            "website": f"https://example.org/coach-{n}",
            "email": f"coach-{n}@example.org",
            "bio": BIO.format(what=rng.choice(["trail", "road", "club", "new"]), place=place.name),
            "joined": dt.date(2025, 1, 1) + dt.timedelta(days=n % 300),
        }
        if lap:  # more coaches than places: later laps sit a little off, by coordinates
            values["latitude"] = round(place.latitude + 0.01 * lap, 4)
            values["longitude"] = round(place.longitude + 0.01 * lap, 4)
            values["place"] = f"Near {place.name} ({lap})"
        path = dest / f"{slugify(name)}{schema.SUFFIX}"
        path.write_text(schema.to_yaml(values), encoding="utf-8")
        written.append(path)
    return written


def _word(n: int) -> str:
    """A made-up word unique to n, so no two names look alike."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    letters = []
    for _ in range(3):
        n, c = divmod(n, len(consonants))
        n, v = divmod(n, len(vowels))
        letters.append(consonants[c] + vowels[v])
    return "".join(letters).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path, help="the coaches folder to write into, e.g. docs/coaches")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"Wrote {len(generate(args.count, args.dest, args.seed))} coach files to {args.dest}")


if __name__ == "__main__":
    main()
