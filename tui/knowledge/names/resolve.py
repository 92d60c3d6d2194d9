"""One record per thing, across the articles of one import batch.

Each article's names are found (`spans`), made whole (`split`), and grouped: spelling variants
by a key ("Centre" and "Center", "Organisation" and "Organization", "New York City" and "New
York"); a shorter name inside a longer one of the same article ("Rural Fire Service" in "NSW
Rural Fire Service", "Reserve Bank" in "Reserve Bank of Australia"); a title and a surname ("Mr
Howard") with the one full name that ends so in the same article, else in the batch ("John
Howard"), else with a known person (returned as an alias for that record). A group named twice
or more in the batch is proposed; a title form with no full name anywhere is proposed as written,
marked unsure of its name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from tui.knowledge.names import gazetteer, kinds
from tui.knowledge.names.spans import Occurrence, occurrences, prose
from tui.knowledge.names.split import HEADS, parts
from tui.knowledge.names.words import ADJECTIVE_TITLES, FIRST_NAME_TITLES, LEADING, TITLES
from tui.search.query import fold

_LOWER = re.compile(r"\b[a-z]+\b")
_VARIANTS = (
    (re.compile(r"centre\b"), "center"),
    (re.compile(r"organisation\b"), "organization"),
    (re.compile(r"defence\b"), "defense"),
    (re.compile(r"programme\b"), "program"),
    (re.compile(r"harbour\b"), "harbor"),
    (re.compile(r"\bmr\.? |\bthe "), ""),
    (re.compile(r" city$"), ""),
    (re.compile(r"[^\w ]"), ""),
)
Known = Mapping[str, tuple[str, str]]  # folded name -> (record id, kind)


@dataclass(frozen=True)
class Proposal:
    """A name worth a person's look: its kind, its name, an acronym when one was defined, the
    other forms the batch writes it in, why the kind was guessed, and what is unsure
    ("kind", "name")."""

    kind: str  # "agreement" or an entity kind
    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    evidence: str = ""
    unsure: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.acronym, *self.aliases) if n)


@dataclass
class Group:
    """The forms of one thing in the batch and every place they are written."""

    forms: Counter = field(default_factory=Counter)
    seen: list[Occurrence] = field(default_factory=list)
    title_forms: Counter = field(default_factory=Counter)
    acronym: str = ""

    @property
    def name(self) -> str:
        return (self.forms or self.title_forms).most_common(1)[0][0]

    def add(self, o: Occurrence, form: str = "") -> None:
        if form:
            self.title_forms[form] += 1
        else:
            self.forms[o.name] += 1
        self.seen.append(o)

    @property
    def count(self) -> int:
        return sum(self.forms.values()) + sum(self.title_forms.values())


@dataclass
class Resolution:
    proposals: list[Proposal]
    known_aliases: dict[str, list[str]]  # record id -> new aliases for a known record


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    key = fold(name)
    for pattern, replacement in _VARIANTS:
        key = pattern.sub(replacement, key)
    return " ".join(key.split())


def resolve(
    texts: list[str], known: Known, rejected: set[str], definitions: Iterable = ()
) -> Resolution:
    """Proposals for a batch of article texts; `known` names are not proposed again."""
    lowercase = _lowercase(texts)
    single: set[str] = set()  # names of one word: only their being written alone counts
    found = [o for n, t in enumerate(texts) for o in occurrences(n, prose(t), lowercase, single)]
    alone = {fold(n) for n in single | {o.name for o in found} if " and " not in n} | set(known)
    whole = [p for o in found for p in _whole(o, lambda s: fold(s) in alone)]
    whole = _without_demonyms(whole)
    groups: dict[str, Group] = {}
    many = [o for o in whole if len(_words(o.name)) > 1]
    ends = {w[i:] for w in {_words(o.name) for o in many} for i in range(1, len(w))}
    full = [o for o in many if not o.title or _words(o.name) not in ends]
    index = _Index(full)
    for o in full:
        _group(groups, index.key_in_article(o)).add(o)
    known_aliases: dict[str, list[str]] = {}
    people = _people(known)
    for o in whole:
        if o.title and (len(_words(o.name)) == 1 or _words(o.name) in ends):
            _titled(o, groups, index, people, known_aliases)
    for full_name, acronym in definitions:
        group = _group(groups, variant_key(full_name))
        group.forms[full_name] += 2  # a definition is reason enough to propose
        group.acronym = group.acronym or acronym
    return Resolution(_proposals(groups, known, rejected, known_aliases), known_aliases)


def _without_demonyms(whole: list[Occurrence]) -> list[Occurrence]:
    """Adjectives and demonyms dropped ("South African"), but not a surname that looks like one
    ("Mr Albanese", "Anthony Albanese"): a name after a person's title stays a name."""
    demonyms = {n for n in {o.name for o in whole} if gazetteer.is_demonym(n)}
    return [o for o in whole if o.name not in demonyms or _addressed(o.title)]


def _addressed(title: str) -> bool:
    return bool(title) and title.split()[-1] not in ADJECTIVE_TITLES


def _lowercase(texts: list[str]) -> set[str]:
    """The words the texts write in lower case. A word is bounded by what is not a word
    character, and white space is not one: the words of the distinct space-separated tokens
    are those of the texts, found in a tenth of the text."""
    tokens = {token for text in texts for token in text.split()}
    return set(_LOWER.findall(" ".join(tokens)))


@lru_cache(maxsize=65536)
def _words(name: str) -> tuple[str, ...]:
    return tuple(name.split())


def _whole(o: Occurrence, is_name) -> list[Occurrence]:
    if " and " in o.title:
        return _titled_and(o, is_name)
    return _sides(o, is_name)


def _titled_and(o: Occurrence, is_name) -> list[Occurrence]:
    """'Penny Wong and Defence Minister Richard Marles': the title is 'Defence Minister', and
    before it, a name the batch writes on its own is a name too ('Foreign Affairs and Trade
    Minister Stephen Smith' keeps its title)."""
    before, _, title = o.title.rpartition(" and ")
    words = before.split()
    while words and (words[0] in LEADING or words[0] in TITLES):
        words = words[1:]
    left = " ".join(words)
    if not left or not is_name(left):
        return _sides(o, is_name)
    named = Occurrence(o.article, left, "", o.start, o.before, "")
    return [named, *_sides(replace(o, title=title), is_name)]


def _sides(o: Occurrence, is_name) -> list[Occurrence]:
    if " and " not in o.name:
        return [o]  # as `parts` has it, quicker: most names have no "and"
    sides = parts(o.name, is_name)
    if len(sides) == 1:
        return [o]
    last = len(sides) - 1
    return [
        Occurrence(o.article, s, o.title if n == 0 else "", o.start, o.before if n == 0 else "",
                   o.after if n == last else "")
        for n, s in enumerate(sides)
    ]  # fmt: skip


def _group(groups: dict[str, Group], key: str) -> Group:
    group = groups.get(key)
    if group is None:
        group = groups[key] = Group()
    return group


class _Index:
    """The batch's full names by article and by first and last word, for the look-ups."""

    def __init__(self, full: list[Occurrence]) -> None:
        self.by_article: dict[int, set[str]] = {}
        self.by_word: dict[str, dict[str, set[int]]] = {}  # word -> name -> its articles
        self.keys: dict[tuple[int, str], str] = {}
        self.endings: dict[tuple[tuple[str, ...], bool], dict[str, set[int]]] = {}
        for article, name in {(o.article, o.name) for o in full}:
            self.by_article.setdefault(article, set()).add(name)
            words = _words(name)
            for word in {words[0], words[-1]}:
                self.by_word.setdefault(word, {}).setdefault(name, set()).add(article)

    def key_in_article(self, o: Occurrence) -> str:
        """The key of the longest name in the same article that this one is the end of, or the
        part before "of" of, when this one ends in a head word ("Reserve Bank")."""
        key = self.keys.get((o.article, o.name))
        if key is None:
            key = self.keys[o.article, o.name] = self._key_in_article(o.article, o.name)
        return key

    def _key_in_article(self, article: int, name: str) -> str:
        if _words(name)[-1].lower() not in HEADS:
            return variant_key(name)
        longer = [
            other
            for other in self.by_article.get(article, ())
            if len(other) > len(name)
            and (other.endswith(" " + name) or other.startswith(name + " of "))
        ]
        return variant_key(max(longer, key=len)) if longer else variant_key(name)

    def ending(self, o: Occurrence, first: bool) -> dict[str, set[int]]:
        """Full names that end with `o`'s words (or start so, after 'Sir'), and their articles."""
        own = _words(o.name)
        found = self.endings.get((own, first))
        if found is None:
            found = self.endings[own, first] = self._ending(own, first)
        return found

    def _ending(self, own: tuple[str, ...], first: bool) -> dict[str, set[int]]:
        found = {}
        named = {**self.by_word.get(own[-1], {}), **self.by_word.get(own[0], {})}
        for name, articles in named.items():
            words = _words(name)
            if len(words) > len(own) and (
                words[-len(own) :] == own or (first and words[: len(own)] == own)
            ):
                found[name] = articles
        return found


def _people(known: Known) -> dict[str, set[str]]:
    """Known people of more than one name, by their last name (folded)."""
    people: dict[str, set[str]] = {}
    for name, (record, kind) in known.items():
        if kind == "person" and " " in name:
            people.setdefault(name.split()[-1], set()).add(record)
    return people


def _titled(o: Occurrence, groups, index: _Index, people: dict, known_aliases) -> None:
    """A title and a name: the full name it ends (or, after 'Sir', starts) in the article,
    else in the batch, else a known person's; else a group of its own, as written."""
    form = f"{_bare_title(o.title)} {o.name}"
    first = o.title.split()[-1] in FIRST_NAME_TITLES
    fitting = {n: a for n, a in index.ending(o, first).items() if _personal(n)}
    for scope in ([n for n, a in fitting.items() if o.article in a], list(fitting)):
        keys = {variant_key(n) for n in scope} & groups.keys()
        if len(keys) == 1:
            groups[keys.pop()].add(o, form)
            return
    own = _words(o.name)
    records = people.get(fold(own[-1]), set()) if len(own) == 1 else set()
    if len(records) == 1:
        record = next(iter(records))
        if form not in known_aliases.setdefault(record, []):
            known_aliases[record].append(form)
        return
    _group(groups, "title:" + fold(o.name)).add(o, form)


def _bare_title(title: str) -> str:
    """The title words at the end of what stood before the name: 'Later Mr' -> 'Mr'."""
    words = title.split()
    start = len(words) - 1
    while start > 0 and words[start - 1] in TITLES:
        start -= 1
    return " ".join(words[start:])


@lru_cache(maxsize=65536)
def _personal(name: str) -> bool:
    return not any(w.lower() in HEADS for w in name.split()) and not gazetteer.is_place_name(name)


def _proposals(groups: dict[str, Group], known: Known, rejected, known_aliases) -> list[Proposal]:
    proposals = []
    for key, group in groups.items():
        names = [*group.forms, *group.title_forms, *([group.acronym] if group.acronym else [])]
        folded = {fold(n) for n in names}
        if folded & rejected or group.count < 2:
            continue
        hits = {known[f][0] for f in folded if f in known}
        if hits:
            record = next(iter(hits))
            new = [n for n in names if fold(n) not in known and record and len(hits) == 1]
            known_aliases.setdefault(record, []).extend(new) if new else None
            continue
        proposals.append(_proposal(key, group))
    return proposals


def _proposal(key: str, group: Group) -> Proposal:
    name = group.name
    aliases = tuple(n for n in [*group.forms, *group.title_forms] if n != name)
    if kinds.is_agreement(name):
        return Proposal("agreement", name, group.acronym, aliases)
    if key.startswith("title:"):
        return Proposal("person", name, group.acronym, aliases, "a title before it", ("name",))
    guess = kinds.guess(name, group.seen)
    unsure = () if guess.sure else ("kind",)
    return Proposal(guess.kind, name, group.acronym, aliases, guess.evidence, unsure)
