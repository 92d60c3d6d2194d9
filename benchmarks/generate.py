"""Generate a SYNTHETIC Quadrant database for the benchmarks.

    python benchmarks/generate.py --articles 10000 [--out PATH] [--seed 7] [--check]

Nothing in the output is real reporting: the meta title says "SYNTHETIC benchmark data - not real
articles", every article is tagged "synthetic" and has an `example.invalid` URL. The shape is
what matters: ~3 KB articles of defence-cooperation prose, about N/10 entities (at least 100) and
N/100 agreements (at least 30) with names, aliases and acronyms (the real records of the bundled
db.json first, then synthetic ones), and each article naming 5-20 of them. Mentions are not
invented: the project's own Extractor finds them in the generated text, so every offset is exact
and the ratio of mentions to text is what a real import would produce.

The output is deterministic for a given --articles and --seed. Articles are generated in chunks,
each with its own seeded random generator, so the work can be split over processes without
changing a byte of the result.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import orjson

from tui.core.document import empty_database
from tui.core.models import Agreement, Article, Entity, Role, slugify, text_digest
from tui.knowledge.extract import NOT_LINKED, Extractor
from tui.storage.files import write_atomic
from tui.storage.store import Store

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BUNDLED = HERE.parent / "db.json"
TITLE = "SYNTHETIC benchmark data - not real articles"
CREATED = "2026-01-01T00:00:00+00:00"  # fixed, so the same seed gives the same bytes
CHUNK = 1000

# -- word lists ---------------------------------------------------------------------------------

FIRST_NAMES = (
    "Arjun Priya Rahul Anita Vikram Meera Sanjay Kavita Rohan Sunita Aditya Neha Karan Pooja "
    "Ravi Deepa Amit Lakshmi Suresh Nisha James Sarah Michael Emily David Laura Robert Karen "
    "Daniel Rachel Thomas Megan Kenji Yuki Hiroshi Aiko Takeshi Naomi Liam Chloe Oliver Grace "
    "Jack Isla Mateo Sofia Omar Leila Samuel Hannah Victor Elena Marcus Julia Anand Farah "
    "Nikhil Shreya Gaurav Divya"
).split()
SURNAME_HEADS = (
    "Ka Ve Ra Shi Mo Ta Lu Da Pri Na Ko Ha Be Zo Ar Ish Yu Fe Gor Mal Tre Vo Si Qua Elo"
).split()
SURNAME_MIDS = ("", "", "", "la", "ri", "sha", "to", "ven", "mi", "dra", "ko")
SURNAME_TAILS = (
    "mar ndra lov sato wala rin ston vich nath kura berg dell moto lani pur sky tani ford varma "
    "ley rao gupta field mura"
).split()
REGIONS = (
    "Eastern Western Northern Southern Central Andaman Coastal Pacific Himalayan Peninsular "
    "Island Frontier Arabian Bengal Strategic Joint Combined Integrated Forward Allied"
).split()
DOMAINS = (
    "Naval",
    "Maritime",
    "Aerospace",
    "Logistics",
    "Cyber",
    "Space",
    "Signals",
    "Missile",
    "Armoured",
    "Amphibious",
    "Surveillance",
    "Engineering",
    "Medical",
    "Training",
    "Ordnance",
    "Hydrographic",
    "Communications",
    "Air Defence",
    "Submarine",
    "Special Operations",
    "Electronic Warfare",
    "Intelligence",
    "Procurement",
    "Research",
    "Shipbuilding",
)
ORG_TYPES = (
    "Command",
    "Directorate",
    "Agency",
    "Board",
    "Institute",
    "Centre",
    "Corps",
    "Wing",
    "Task Force",
    "Council",
    "Laboratory",
    "Office",
    "Authority",
    "Bureau",
    "Division",
    "Flotilla",
    "Squadron",
    "Academy",
    "Group",
    "Fleet",
)
CODEWORDS = (
    "Kestrel Varuna Trident Garuda Sentinel Tarang Vajra Harrier Monsoon Cobra Falcon Astra "
    "Nimbus Shakti Orion Typhoon Indra Meridian Halcyon Tempest Surya Bastion Lancer Arrow "
    "Prahar Sagar Kavach Agni Vayu Prithvi"
).split()
SYSTEM_TYPES = (
    "radar",
    "patrol aircraft",
    "maritime drone",
    "frigate",
    "corvette",
    "howitzer",
    "air-defence system",
    "satellite",
    "torpedo",
    "transport aircraft",
    "helicopter",
    "sonar suite",
    "loitering munition",
    "armoured vehicle",
    "cruise missile",
)
INITIATIVES = ("Initiative", "Programme", "Partnership", "Mission")
GROUPS = ("Working Group", "Steering Group", "Expert Group", "Contact Group", "Task Group")
PLACE_TYPES = ("Strait", "Island", "Naval Base", "Port", "Atoll", "Air Station", "Bay", "Pass")
PARTY_ADJECTIVES = (
    "Indo-US",
    "Indo-Japanese",
    "Indo-Australian",
    "Indo-French",
    "US-Japan",
    "Trilateral",
    "Quadrilateral",
    "Indo-Pacific",
    "Bilateral",
    "Multilateral",
    "Indo-Israeli",
    "US-Australia",
    "Indo-British",
    "Indo-Korean",
)
QUALIFIERS = (
    "Reciprocal",
    "Comprehensive",
    "Enhanced",
    "Strategic",
    "Interim",
    "Cooperative",
    "Joint",
    "Technical",
    "Extended",
    "Mutual",
    "Standing",
    "Long-Term",
)
AGREEMENT_TYPES = (
    "Agreement",
    "Framework",
    "Memorandum of Understanding",
    "Arrangement",
    "Protocol",
    "Roadmap",
    "Exchange Agreement",
    "Support Agreement",
    "Cooperation Accord",
    "Compact",
)
AGREEMENT_KINDS = ("agreement", "framework", "memorandum", "arrangement", "roadmap", "protocol")
AGREEMENT_STATUS = ("in force", "signed", "under negotiation", "announced", "expired", "renewed")
ROLE_TITLES = (
    "Defence Secretary",
    "Under Secretary of Defense",
    "Chief of Naval Staff",
    "Vice Admiral",
    "Joint Secretary",
    "Ambassador",
    "National Security Adviser",
    "Deputy NSA",
    "Director General",
    "Air Marshal",
    "Lieutenant General",
    "Assistant Secretary",
    "Minister of State for Defence",
    "Chief of Defence Staff",
    "Defence Attache",
)
TOPICS = (
    "maritime domain awareness",
    "logistics exchange",
    "undersea surveillance",
    "jet engine co-production",
    "supply-chain resilience",
    "space situational awareness",
    "counter-terrorism cooperation",
    "humanitarian assistance and disaster relief",
    "defence industrial cooperation",
    "critical and emerging technology",
    "cyber security",
    "artificial intelligence",
    "drone co-development",
    "ship repair",
    "secure communications",
    "information sharing",
    "training exchanges",
    "military medicine",
    "hydrography",
    "spares co-production",
    "interoperability",
    "joint exercises",
    "technology transfer",
    "export controls",
    "missile defence",
    "anti-submarine warfare",
    "satellite navigation",
    "border infrastructure",
    "coastal security",
    "liaison officers",
)
MEETINGS = (
    "ministerial dialogue",
    "working group meeting",
    "summit",
    "strategic dialogue",
    "intersessional meeting",
    "industry roundtable",
    "joint commission",
    "staff talks",
    "track-two dialogue",
)
CITIES = (
    "Honolulu",
    "Mumbai",
    "Visakhapatnam",
    "Singapore",
    "Bengaluru",
    "San Diego",
    "Kochi",
    "Paris",
    "Hyderabad",
    "Guam",
    "Chennai",
    "Yokosuka",
    "Darwin",
    "Port Blair",
    "Pune",
)
VERBS = (
    "deepen",
    "expand",
    "accelerate",
    "review",
    "strengthen",
    "formalise",
    "broaden",
    "institutionalise",
    "fast-track",
    "streamline",
    "resume",
    "operationalise",
)
ADJECTIVES = (
    "closer",
    "sustained",
    "practical",
    "long-term",
    "reciprocal",
    "wider",
    "deeper",
    "regular",
    "structured",
    "high-level",
    "technical",
    "operational",
)
QUALITIES = ("productive", "candid", "substantive", "forward-looking", "constructive", "frank")
THINK_TANKS = (
    "a Delhi think tank",
    "a US research institute",
    "the university's security programme",
    "an Australian policy centre",
    "a Japanese foundation",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = (
    "January February March April May June July August September October November December"
).split()
SOURCES = (
    "The Hindu",
    "Reuters",
    "Defense News",
    "The Diplomat",
    "Press Information Bureau",
    "Hindustan Times",
    "The Economic Times",
    "Breaking Defense",
    "Times of India",
    "Indian Express",
    "Nikkei Asia",
    "U.S. DoD News",
)
TITLE_VERBS = (
    "Agree to Deepen",
    "Review Progress on",
    "Sign Pact on",
    "Discuss",
    "Expand Cooperation in",
    "Hold Talks on",
    "Launch Initiative on",
    "Push for Closer",
    "Step Up",
    "Chart Roadmap for",
)

# A sentence template names its slots: {e} an entity, {a} an agreement, the rest filler.
NAMED_SENTENCES = (
    "{e} and {e2} agreed to {verb} {adj} cooperation on {topic}, officials said on {day}.",
    "Under the {a}, the two sides will {verb} {topic} and review progress at the next {meeting}.",
    '{e} told reporters that the talks with {e2} had been "{quality}" and that a decision on '
    "{topic} was expected by {month} {year}.",
    "The {meeting} in {city} also discussed {topic}, {topic2} and {topic3}, according to {e}.",
    "Officials from {e} said the {a} had already helped {verb} {topic} with {e2}.",
    "{e} welcomed the progress made under the {a} and called for {adj} work on {topic}.",
    "A joint statement issued after the {meeting} said {e} and {e2} would {verb} {topic}.",
    "{e} is expected to visit {city} in {month} to take the {topic} agenda forward.",
    "Analysts at {tank} said the role of {e} in {topic} had grown since {year}.",
    "The {a}, signed in {year}, remains the basis for {adj} {topic} between the partners.",
    "{e}'s delegation met counterparts from {e2} to {verb} plans for {topic}.",
    "According to {e}, the {a} will be reviewed alongside {topic} at the {meeting}.",
)
# Once every target is named, the chance that a sentence names one again: about 20 mentions per
# article in all (the bundled founding article is denser: 56 in 5 KB).
REPEAT_ENTITY, REPEAT_AGREEMENT = 0.2, 0.06
WITH_AGREEMENT = tuple(t for t in NAMED_SENTENCES if "{a}" in t)
WITHOUT_AGREEMENT = tuple(t for t in NAMED_SENTENCES if "{a}" not in t)
FILLER_SENTENCES = (
    "The ministry said {num} officers would take part in {topic} exercises later this year.",
    "Officials described the {meeting} as {quality} and said follow-up talks were planned.",
    "Both sides noted the need to {verb} {topic} in the face of new challenges.",
    "The discussions covered {topic}, {topic2} and the timelines for {topic3}.",
    "A working group on {topic} will meet in {city} before the end of {year}.",
    "Industry representatives pressed for {adj} rules on {topic} and faster approvals.",
    "The statement did not give a timeline for {topic}, but officials said work had begun.",
    "Experts said {adj} engagement on {topic} would take years to show results.",
    # News text is typeset: curly quotes and dashes make a text non-ASCII, which search must
    # handle as fast as plain ASCII.
    "Officials called the {meeting} \u201c{quality}\u201d \u2014 a sign that {topic} was back "
    "on the agenda.",
    "The ministry\u2019s note on {topic} runs to {num} pages \u2013 longer than expected.",
)


# -- names --------------------------------------------------------------------------------------


@dataclass
class Names:
    """Every name handed out so far, so that no two targets share a name, alias or acronym."""

    taken: set[str]

    def claim(self, name: str) -> bool:
        key = name.casefold()
        if key in self.taken:
            return False
        self.taken.add(key)
        return True


def _surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_MIDS) + rng.choice(SURNAME_TAILS)


def _acronym(name: str) -> str:
    """Initials of the capitalised words, each part of a hyphenated word counted: 'ENLC'."""
    parts = name.replace("-", " ").split()
    return "".join(p[0] for p in parts if p[0].isupper())


def _unique(rng: random.Random, names: Names, make) -> str:
    """Call `make(rng)` until it gives a name nobody has yet; number it once the pattern is
    running out of combinations ("Joint Cyber Initiative 23")."""
    for tries in range(1_000_000):
        name = make(rng) if tries < 20 else f"{make(rng)} {tries}"
        if names.claim(name):
            return name
    raise RuntimeError("no unique name left")


# -- entities -----------------------------------------------------------------------------------

ENTITY_MIX = (
    ("person", 45),
    ("organization", 25),
    ("group", 8),
    ("initiative", 7),
    ("system", 7),
    ("place", 5),
    ("event", 3),
)


def _person(rng: random.Random, names: Names, number: int) -> Entity:
    first = rng.choice(FIRST_NAMES)
    name = _unique(rng, names, lambda r: f"{first} {_surname(r)}")
    short = f"{first[0]}. {name.split()[1]}"
    aliases = (short,) if names.claim(short) else ()
    role = Role(
        rng.choice(ROLE_TITLES),
        rng.choice(DOMAINS) + " " + rng.choice(ORG_TYPES),
        f"{rng.randint(2000, 2024)}",
    )
    return _entity(
        rng,
        number,
        name,
        "person",
        aliases,
        f"{role.title} ({role.organization}); a synthetic person.",
        (role,),
    )


def _organization(rng: random.Random, names: Names, number: int) -> Entity:
    name = _unique(
        rng, names, lambda r: f"{r.choice(REGIONS)} {r.choice(DOMAINS)} {r.choice(ORG_TYPES)}"
    )
    acronym = _acronym(name)
    aliases = (acronym,) if len(acronym) >= 4 and names.claim(acronym) else ()
    return _entity(
        rng,
        number,
        name,
        "organization",
        aliases,
        f"A synthetic {name.split()[-1].lower()} working on {rng.choice(TOPICS)}.",
    )


def _named_thing(rng: random.Random, names: Names, number: int, kind: str) -> Entity:
    """Groups, initiatives, systems, places and events: a name pattern per kind."""
    patterns = {
        "group": lambda r: f"{r.choice(PARTY_ADJECTIVES)} {r.choice(DOMAINS)} {r.choice(GROUPS)}",
        "initiative": lambda r: (
            f"{r.choice(QUALIFIERS)} {r.choice(DOMAINS)} {r.choice(INITIATIVES)}"
        ),
        "system": lambda r: f"{r.choice(CODEWORDS)}-{r.randint(1, 99)} {r.choice(SYSTEM_TYPES)}",
        "place": lambda r: f"{_surname(r)} {r.choice(PLACE_TYPES)}",
        "event": lambda r: f"Exercise {r.choice(CODEWORDS)} {r.choice(CODEWORDS)}",
    }
    name = _unique(rng, names, patterns[kind])
    short = name.split()[0] if kind == "system" else _acronym(name)
    aliases = (short,) if len(short) >= 4 and names.claim(short) else ()
    return _entity(
        rng,
        number,
        name,
        kind,
        aliases,
        f"A synthetic {kind} associated with {rng.choice(TOPICS)}.",
    )


def _entity(
    rng: random.Random,
    number: int,
    name: str,
    kind: str,
    aliases: tuple[str, ...],
    description: str,
    roles: tuple[Role, ...] = (),
) -> Entity:
    status = "candidate" if rng.random() < 0.1 else "confirmed"
    return Entity(
        id=f"{slugify(name)}-s{number}",
        name=name,
        kind=kind,
        aliases=aliases,
        description=description,
        roles=roles,
        tags=("synthetic",),
        status=status,
    )


def make_entities(
    rng: random.Random,
    count: int,
    real: Sequence[Entity],
    names: Names,
) -> list[Entity]:
    """The real entities first (they are the most named), then synthetic ones up to `count`."""
    entities = list(real)
    kinds, weights = zip(*ENTITY_MIX, strict=True)
    for number in range(len(entities), count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "person":
            entities.append(_person(rng, names, number))
        elif kind == "organization":
            entities.append(_organization(rng, names, number))
        else:
            entities.append(_named_thing(rng, names, number, kind))
    return entities


# -- agreements ---------------------------------------------------------------------------------


def _date(rng: random.Random, first: int = 2000, last: int = 2026) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _agreement(
    rng: random.Random, names: Names, number: int, parties: Sequence[str], earlier: Sequence[str]
) -> Agreement:
    name = _unique(
        rng,
        names,
        lambda r: (
            f"{r.choice(PARTY_ADJECTIVES)} {r.choice(QUALIFIERS)} "
            f"{r.choice(DOMAINS)} {r.choice(AGREEMENT_TYPES)}"
        ),
    )
    acronym = _acronym(name)
    acronym = acronym if len(acronym) >= 4 and names.claim(acronym) else ""
    short = " ".join(name.split()[1:])
    aliases = (short,) if names.claim(short) else ()
    signed = _date(rng)
    related = tuple(rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2))))
    return Agreement(
        id=f"{slugify(acronym or name)}-s{number}",
        name=name,
        acronym=acronym,
        kind=rng.choice(AGREEMENT_KINDS),
        signed=signed,
        place=rng.choice(CITIES),
        parties=tuple(rng.sample(parties, k=rng.randint(2, 3))),
        domains=(rng.choice(TOPICS),),
        status=rng.choice(AGREEMENT_STATUS),
        summary=f"A synthetic {name.split()[-1].lower()} on {rng.choice(TOPICS)} signed in "
        f"{signed[:4]}.",
        aliases=aliases,
        related=related,
        tags=("synthetic",),
        review="candidate" if rng.random() < 0.1 else "confirmed",
    )


def make_agreements(
    rng: random.Random,
    count: int,
    real: Sequence[Agreement],
    entities: Sequence[Entity],
    names: Names,
) -> list[Agreement]:
    """The real agreements first, then synthetic ones between countries and organisations."""
    agreements = list(real)
    parties = [e.id for e in entities if e.kind in ("country", "organization")][:200]
    for number in range(len(agreements), count):
        earlier = [a.id for a in agreements[-50:]]
        agreements.append(_agreement(rng, names, number, parties, earlier))
    return agreements


# -- articles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """The names an article may use: one tuple of linkable names per entity and agreement."""

    entities: tuple[tuple[str, ...], ...]
    agreements: tuple[tuple[str, ...], ...]


def _linkable(names: Sequence[str]) -> tuple[str, ...]:
    """Names the Extractor links (so a name put in the text becomes a mention)."""
    usable = tuple(n for n in names if len(n) > 2 and n not in NOT_LINKED)
    return usable or tuple(names[:1])


def make_targets(entities: Sequence[Entity], agreements: Sequence[Agreement]) -> Targets:
    return Targets(
        tuple(_linkable(e.names) for e in entities), tuple(_linkable(a.names) for a in agreements)
    )


def _popular(rng: random.Random, pool: Sequence, count: int) -> list:
    """`count` distinct picks, skewed to the front of `pool` (a few targets are named a lot)."""
    picks: dict[int, None] = {}
    while len(picks) < min(count, len(pool)):
        picks[int(len(pool) * rng.random() ** 3)] = None
    return [pool[i] for i in picks]


def _say(rng: random.Random, names: tuple[str, ...]) -> str:
    """The main name most of the time, else an alias or acronym."""
    return names[0] if len(names) == 1 or rng.random() < 0.6 else rng.choice(names[1:])


class _Slots(dict):
    """Template slots, each drawn only when the template asks for it (most are unused)."""

    def __init__(self, rng: random.Random, **names: str) -> None:
        super().__init__(names)
        self.rng = rng

    def __missing__(self, slot: str):
        return (
            self.rng.randint(*SLOT_RANGES[slot])
            if slot in SLOT_RANGES
            else self.rng.choice(SLOT_WORDS[slot])
        )


SLOT_WORDS = {
    "verb": VERBS,
    "adj": ADJECTIVES,
    "topic": TOPICS,
    "topic2": TOPICS,
    "topic3": TOPICS,
    "day": WEEKDAYS,
    "meeting": MEETINGS,
    "quality": QUALITIES,
    "month": MONTHS,
    "city": CITIES,
    "tank": THINK_TANKS,
}
SLOT_RANGES = {"year": (2000, 2026), "num": (20, 900)}


def _fill(rng: random.Random, template: str, e: str = "", e2: str = "", a: str = "") -> str:
    return template.format_map(_Slots(rng, e=e, e2=e2, a=a))


def _sentences(
    rng: random.Random, people: list[tuple[str, ...]], pacts: list[tuple[str, ...]]
) -> Iterator[str]:
    """Endless sentences: every target named at least once, then repeats and filler."""
    queue_e, queue_a = list(people), list(pacts)
    while True:
        if queue_a or (pacts and rng.random() < REPEAT_AGREEMENT):
            a = queue_a.pop() if queue_a else rng.choice(pacts)
            template = rng.choice(WITH_AGREEMENT)
        elif queue_e or rng.random() < REPEAT_ENTITY:
            a, template = (), rng.choice(WITHOUT_AGREEMENT)
        else:
            yield _fill(rng, rng.choice(FILLER_SENTENCES))
            continue
        e = queue_e.pop() if queue_e else rng.choice(people)
        e2 = queue_e.pop() if queue_e and "{e2}" in template else rng.choice(people)
        yield _fill(rng, template, _say(rng, e), _say(rng, e2), _say(rng, a) if a else "")


def _body(rng: random.Random, title: str, people: list, pacts: list) -> str:
    """The title, then paragraphs of 3-5 sentences until the text is about 3 KB."""
    size, parts, paragraph = rng.randint(2600, 3400), [title], []
    length = len(title)
    for sentence in _sentences(rng, people, pacts):
        paragraph.append(sentence)
        length += len(sentence) + 1
        if len(paragraph) >= rng.randint(3, 5):
            parts.append(" ".join(paragraph))
            paragraph = []
            if length >= size:
                break
    return "\n\n".join(parts)


def make_article(rng: random.Random, number: int, targets: Targets) -> Article:
    """One article naming 5-20 entities and agreements."""
    total = rng.randint(5, 20)
    pacts = _popular(rng, targets.agreements, rng.choice((0, 1, 1, 2, 2, 3)))
    people = _popular(rng, targets.entities, total - len(pacts))
    title = (
        f"{people[0][0]} and {people[1][0]} {rng.choice(TITLE_VERBS)} {rng.choice(TOPICS).title()}"
    )
    text = _body(rng, title, people, pacts)
    published = _date(rng)
    authors = tuple(f"{rng.choice(FIRST_NAMES)} {_surname(rng)}" for _ in range(rng.randint(0, 2)))
    return Article(
        id=f"{slugify(title)[:56]}-{number}",
        title=title,
        text=text,
        source=rng.choice(SOURCES),
        url=f"https://example.invalid/synthetic/{number}",
        published=published,
        authors=authors,
        tags=("synthetic",),
        added=f"{published}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+00:00",
        sha256=text_digest(text),
    )


# -- chunks of articles, in worker processes ----------------------------------------------------

_WORKER: dict = {}


def _start_worker(targets: Targets, entities: list[Entity], agreements: list[Agreement]) -> None:
    """Each process builds its own Extractor once (an automaton cannot be pickled)."""
    _WORKER["targets"] = targets
    _WORKER["extractor"] = Extractor.for_targets(entities, agreements)


def _chunk(seed: int, chunk: int, start: int, stop: int) -> tuple[list[dict], list[dict]]:
    """Articles start..stop-1 as dicts, and the mentions the Extractor finds in them."""
    rng = random.Random(f"quadrant-synthetic:{seed}:{chunk}")
    extractor, targets = _WORKER["extractor"], _WORKER["targets"]
    articles, mentions = [], []
    for number in range(start, stop):
        article = make_article(rng, number, targets)
        articles.append(article.to_dict())
        mentions += [
            {
                "article": m.article,
                "start": m.start,
                "end": m.end,
                "target_kind": m.target_kind,
                "target": m.target,
            }
            for m in extractor.find(article.id, article.text)
        ]
    return articles, mentions


def _article_chunks(n: int, seed: int, setup: tuple) -> Iterator[tuple[list[dict], list[dict]]]:
    """Chunks in order, from two processes when there is enough work to share."""
    spans = [(seed, c, s, min(s + CHUNK, n)) for c, s in enumerate(range(0, n, CHUNK))]
    workers = min(os.cpu_count() or 1, 4, len(spans))
    if workers <= 1:
        _start_worker(*setup)
        yield from (_chunk(*span) for span in spans)
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=setup) as pool:
        yield from pool.map(_chunk, *zip(*spans, strict=True))


# -- the database -------------------------------------------------------------------------------


def _real_records() -> tuple[list[Entity], list[Agreement]]:
    """The entities and agreements of the bundled db.json, if it is there."""
    if not BUNDLED.is_file():
        return [], []
    raw = orjson.loads(BUNDLED.read_bytes())
    return (
        [Entity.from_dict(d) for d in raw["entities"].values()],
        [Agreement.from_dict(d) for d in raw["agreements"].values()],
    )


def _table(records: Sequence[dict]) -> dict[str, dict]:
    """A TinyDB table: documents keyed "1", "2", ... in order."""
    return {str(n): r for n, r in enumerate(records, start=1)}


def generate(n: int, seed: int = 7) -> dict:
    """A whole synthetic database document with `n` articles, ready for orjson."""
    rng = random.Random(f"quadrant-synthetic:{seed}")
    real_entities, real_agreements = _real_records()
    names = Names({x.casefold() for r in (*real_entities, *real_agreements) for x in r.names})
    entities = make_entities(rng, max(100, n // 10), real_entities, names)
    agreements = make_agreements(rng, max(30, n // 100), real_agreements, entities, names)
    setup = (make_targets(entities, agreements), entities, agreements)
    articles, mentions = [], []
    for chunk_articles, chunk_mentions in _article_chunks(n, seed, setup):
        articles += chunk_articles
        mentions += chunk_mentions
    db = empty_database(TITLE)
    db["meta"]["1"]["created"] = CREATED
    db["articles"], db["mentions"] = _table(articles), _table(mentions)
    db["entities"] = _table([e.to_dict() for e in entities])
    db["agreements"] = _table([a.to_dict() for a in agreements])
    return db


def default_path(n: int) -> Path:
    return DATA / f"synthetic-{n}.json"


def write(db: dict, path: Path) -> int:
    """Write the database as the store does (orjson, indented, atomic); return its size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = orjson.dumps(db, option=orjson.OPT_INDENT_2)
    write_atomic(path, payload)
    return len(payload)


def check(path: Path) -> str:
    """Open the file with the real store and check that every mention slices to a name."""
    snapshot = Store.open(path, read_only=True).load()
    articles = {a.id: a.text for a in snapshot.articles}
    names = {("entity", e.id): e.names for e in snapshot.entities}
    names |= {("agreement", a.id): a.names for a in snapshot.agreements}
    bad = [
        m
        for m in snapshot.mentions
        if articles[m.article][m.start : m.end].casefold()
        not in {x.casefold() for x in names[(m.target_kind, m.target)]}
    ]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} mentions do not slice to a name, e.g. {bad[0]}")
    return (
        f"ok: {len(snapshot.articles)} articles, {len(snapshot.entities)} entities, "
        f"{len(snapshot.agreements)} agreements, {len(snapshot.mentions)} mentions"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a SYNTHETIC Quadrant database.")
    parser.add_argument("--articles", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, help="default: benchmarks/data/synthetic-N.json")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="re-open and verify the file")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = args.out or default_path(args.articles)
    size = write(generate(args.articles, args.seed), path)
    print(f"{path}: {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if args.check:
        print(check(path), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
