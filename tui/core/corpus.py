"""The database as the screens and the CLI see it: records by id and the links between them.

A `Corpus` is built once from a store snapshot (off the UI thread) and never changes; a new
snapshot makes a new corpus. It answers "where is this mentioned", "what is named with it" and
"which agreements involve it" without touching the file.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from tui.core.document import Snapshot
from tui.core.models import Agreement, Article, Entity, Mention

Item = Article | Entity | Agreement
KINDS = ("article", "entity", "agreement")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n"
)
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|No|Jr|Sr|vs)\.$")


@dataclass(frozen=True)
class Context:
    """A mention with the sentence around it, for an entity or agreement page."""

    article: Article
    mention: Mention
    sentence: str
    start: int  # where the mention starts inside `sentence`
    end: int
    # Every mention of the target inside `sentence` (see `Corpus.sentences`), and whether the
    # sentence was cut short before and after (it is shown with an ellipsis there).
    spans: tuple[tuple[int, int], ...] = ()
    cut_before: bool = False
    cut_after: bool = False


class Corpus:
    """Every record, indexed by id, with mentions grouped by article and by target."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.title = snapshot.title
        self.articles = {a.id: a for a in snapshot.articles}
        self.entities = {e.id: e for e in snapshot.entities}
        self.agreements = {a.id: a for a in snapshot.agreements}
        self.by_article: dict[str, list[Mention]] = defaultdict(list)
        self.by_target: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        self._link(snapshot.mentions)

    def _link(self, mentions: tuple[Mention, ...]) -> None:
        """Group the mentions that point at records that exist, in text order."""
        lengths = {a.id: len(a.text) for a in self.articles.values()}
        tables: dict[str, Mapping[str, Item]] = {
            "entity": self.entities,
            "agreement": self.agreements,
        }
        by_article, by_target = self.by_article, self.by_target
        for mention in mentions:
            if (
                mention.end <= lengths.get(mention.article, -1)
                and mention.target in tables[mention.target_kind]
            ):
                by_article[mention.article].append(mention)
                by_target[(mention.target_kind, mention.target)].append(mention)
        for group in (*by_article.values(), *by_target.values()):
            group.sort(key=_position)  # usually sorted already: a cheap pass

    def get(self, kind: str, item_id: str) -> Item | None:
        table: dict[str, Mapping[str, Item]] = {
            "article": self.articles,
            "entity": self.entities,
            "agreement": self.agreements,
        }
        return table[kind].get(item_id)

    def find(self, item_id: str) -> tuple[str, Item] | None:
        """Look an id up in every table (the CLI's `show ID`)."""
        for kind in KINDS:
            item = self.get(kind, item_id)
            if item is not None:
                return kind, item
        return None

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "entities": len(self.entities),
            "agreements": len(self.agreements),
            "mentions": sum(len(m) for m in self.by_article.values()),
        }

    def mention_count(self, kind: str, item_id: str) -> int:
        return len(self.by_target.get((kind, item_id), ()))

    def contexts(self, kind: str, item_id: str) -> list[Context]:
        """Each mention of the target with its sentence, newest article first."""
        mentions = self.by_target.get((kind, item_id), [])
        ordered = sorted(mentions, key=lambda m: (self._article_order(m.article), m.start))
        return [self._context(m) for m in ordered]

    def _article_order(self, article_id: str) -> tuple[str, str]:
        article = self.articles[article_id]
        return (_invert(article.published or ""), _invert(article.added))

    def _context(self, mention: Mention) -> Context:
        article = self.articles[mention.article]
        start, end, cut_before, cut_after = sentence_span(article.text, mention.start, mention.end)
        return Context(
            article,
            mention,
            article.text[start:end],
            mention.start - start,
            mention.end - start,
            ((mention.start - start, mention.end - start),),
            cut_before,
            cut_after,
        )

    def sentences(self, kind: str, item_id: str) -> list[Context]:
        """Like `contexts`, with a sentence that names the target more than once given once,
        all its mentions in `spans`."""
        merged: list[Context] = []
        for context in self.contexts(kind, item_id):
            last = merged[-1] if merged else None
            if (
                last is not None
                and last.article.id == context.article.id
                and last.mention.start - last.start == context.mention.start - context.start
                and last.sentence == context.sentence
            ):
                merged[-1] = replace(last, spans=(*last.spans, *context.spans))
            else:
                merged.append(context)
        return merged

    def article_count(self, kind: str, item_id: str) -> int:
        """How many articles name the target."""
        return len({m.article for m in self.by_target.get((kind, item_id), ())})

    def named_with(self, kind: str, item_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """The entities most often named in the same articles as the target."""
        articles = {m.article for m in self.by_target.get((kind, item_id), ())}
        counter: Counter[str] = Counter()
        for article_id in articles:
            for m in self.by_article[article_id]:
                if m.target_kind == "entity" and not (kind == "entity" and m.target == item_id):
                    counter[m.target] += 1
        return [(self.entities[e], n) for e, n in counter.most_common(limit)]

    def agreements_of(self, entity_id: str) -> list[Agreement]:
        """Agreements the entity is a party to or that are named alongside it."""
        parties = [a for a in self.agreements.values() if entity_id in a.parties]
        named = [self.agreements[a] for a, _ in self._co_agreements(entity_id)]
        return list(dict.fromkeys([*parties, *named]))

    def named_agreements(self, entity_id: str) -> list[tuple[Agreement, int]]:
        """The agreements named in the articles that name the entity, with how many times."""
        return [(self.agreements[a], n) for a, n in self._co_agreements(entity_id)]

    def _co_agreements(self, entity_id: str) -> list[tuple[str, int]]:
        articles = {m.article for m in self.by_target.get(("entity", entity_id), ())}
        counter: Counter[str] = Counter(
            m.target for a in articles for m in self.by_article[a] if m.target_kind == "agreement"
        )
        return counter.most_common()

    def related_agreements(self, agreement: Agreement) -> list[Agreement]:
        """Agreements linked either way through `related`."""
        linked = [self.agreements[r] for r in agreement.related if r in self.agreements]
        back = [a for a in self.agreements.values() if agreement.id in a.related]
        return list(dict.fromkeys([*linked, *back]))

    def parties(self, agreement: Agreement) -> list[Entity]:
        return [self.entities[p] for p in agreement.parties if p in self.entities]

    def target_name(self, mention: Mention) -> str:
        target = self.get(mention.target_kind, mention.target)
        return target.label if target else mention.target


def _position(mention: Mention) -> tuple[str, int, int]:
    return (mention.article, mention.start, mention.end)


def sentence_bounds(text: str, start: int, end: int, limit: int = 240) -> tuple[int, int]:
    """The span of the sentence holding text[start:end], trimmed to about `limit` characters."""
    left, right, _, _ = sentence_span(text, start, end, limit)
    return left, right


def sentence_span(text: str, start: int, end: int, limit: int = 240) -> tuple[int, int, bool, bool]:
    """`sentence_bounds`, and whether the sentence was cut short before and after it."""
    left = max(0, start - limit)
    right = min(len(text), end + limit)
    # An end is known by what follows it (a capital): look a character or two past `start`,
    # or a sentence that begins with the mention would take in the one before it.
    before = [m.end() for m in _ends(text, left, min(len(text), start + 2)) if m.end() <= start]
    after = next(_ends(text, end, right), None)
    return (
        (before[-1] if before else left),
        (after.start() if after else right),
        not before and left > 0,
        after is None and right < len(text),
    )


def _ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Sentence ends in text[start:end], skipping the full stops of 'U.S.' or 'Dr.'."""
    for match in _SENTENCE_END.finditer(text, start, end):
        paragraph_break = match.group().count("\n") >= 2
        before = text[max(0, match.start() - 12) : match.start()]
        if paragraph_break or not _ABBREVIATION.search(before):
            yield match


def _invert(value: str) -> str:
    """Sort key that puts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in value) if value else "\U0010ffff"
