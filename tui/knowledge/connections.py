"""How two entities are connected: each way, with the evidence to open.

Direct links first: articles that name both (with the sentence that names both, where one
does), agreements both signed or are party to, roles one held at the other or both held at one
organisation. Then two-step paths through a third entity linked to each, best evidenced first.
Every step names an item to open (an article at the sentence, an agreement, an organisation).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.corpus import Corpus, sentence_bounds
from tui.core.models import Entity, Mention
from tui.knowledge.relations import Held, Relations, relations
from tui.search.query import fold

PATHS = 8  # two-step paths shown at most
SENTENCES = 3  # sentences shown per shared article at most


@dataclass(frozen=True)
class Step:
    """One piece of evidence: what it says, and the item it opens."""

    text: str
    kind: str  # "article", "entity" or "agreement": what `enter` opens
    item_id: str
    mention: Mention | None = None  # where to open an article
    spans: tuple[tuple[int, int], ...] = ()  # in `text`: the names of the two ends


@dataclass(frozen=True)
class Connection:
    """One way two entities are linked: a heading and the steps that show it."""

    kind: str  # "article", "agreement", "role" or "path"
    title: str
    steps: tuple[Step, ...]
    hops: int = 1  # 1: direct; 2: through a third entity
    weight: int = 1  # how much evidence: the larger, the earlier shown


def connect(corpus: Corpus, a: Entity, b: Entity) -> list[Connection]:
    """Every way `a` and `b` are linked, direct ones first, the best evidenced first."""
    if a.id == b.id:
        return []
    found = _direct(corpus, relations(corpus), a, b)
    return found + _paths(corpus, relations(corpus), a, b)


def _direct(corpus: Corpus, rel: Relations, a: Entity, b: Entity) -> list[Connection]:
    found = _roles(rel, a, b) + _agreements(rel, a, b) + _articles(corpus, a, b)
    return sorted(found, key=lambda c: (_ORDER[c.kind], -c.weight))


_ORDER = {"role": 0, "agreement": 1, "article": 2, "path": 3}


def _roles(rel: Relations, a: Entity, b: Entity) -> list[Connection]:
    """One connection for the roles one held at the other (a step for each role), and one
    for each organisation where both held roles."""
    ties = rel.role_ties(a.id, b.id)
    found = []
    for holder in dict.fromkeys(tie[0].holder for tie in ties if len(tie) == 1):
        held = [tie[0] for tie in ties if len(tie) == 1 and tie[0].holder == holder]
        assert held[0].organization is not None
        roles = "a role" if len(held) == 1 else f"{len(held)} roles"
        title = f"{holder.name} held {roles} at {held[0].organization.name}"
        found.append(Connection("role", title, tuple(map(_role_step, held)), weight=4))
    for mine, theirs in (tie for tie in ties if len(tie) == 2):
        assert mine.organization is not None
        title = f"Both held roles at {mine.role.organization or mine.organization.name}"
        found.append(Connection("role", title, (_role_step(mine), _role_step(theirs)), weight=4))
    return found


def _role_step(held: Held) -> Step:
    organization = held.organization
    assert organization is not None
    said = held.role.said(organization.name)
    return Step(f"{held.holder.name}: {said}", "entity", organization.id)


def _agreements(rel: Relations, a: Entity, b: Entity) -> list[Connection]:
    found = []
    for agreement, how_a, how_b in rel.shared_agreements(a.id, b.id):
        date = agreement.signed or agreement.announced or "undated"
        text = f"{_bound_text(a, how_a)}; {_bound_text(b, how_b)} ({date})"
        weight = 2 + (how_a == "signed") + (how_b == "signed")
        step = Step(text, "agreement", agreement.id)
        found.append(Connection("agreement", agreement.label, (step,), weight=weight))
    return found


def _bound_text(entity: Entity, how: str) -> str:
    return f"{entity.name} {'signed it' if how == 'signed' else 'is a party'}"


def _articles(corpus: Corpus, a: Entity, b: Entity) -> list[Connection]:
    """Each article naming both: the sentences naming both, or failing one, the first
    sentence naming each."""
    mine = corpus.by_target.get(("entity", a.id), [])
    theirs = corpus.by_target.get(("entity", b.id), [])
    by_article: dict[str, tuple[list[Mention], list[Mention]]] = {}
    for m in mine:
        by_article.setdefault(m.article, ([], []))[0].append(m)
    for m in theirs:
        if m.article in by_article:
            by_article[m.article][1].append(m)
    found = []
    for article_id, (ours, others) in by_article.items():
        if not others:
            continue
        article = corpus.articles[article_id]
        steps = _together(article.text, ours, others)
        weight = len(steps) if steps else 0
        if not steps:
            steps = [_sentence_step(article.text, ours[0]), _sentence_step(article.text, others[0])]
        found.append(Connection("article", article.title, tuple(steps), weight=weight + 1))
    return found


def _together(text: str, ours: list[Mention], others: list[Mention]) -> list[Step]:
    """The sentences that name both, each once, with both names marked."""
    steps: list[Step] = []
    seen: set[int] = set()
    for m in ours:
        start, end = sentence_bounds(text, m.start, m.end)
        if start in seen:
            continue
        both = [o for o in others if start <= o.start and o.end <= end]
        if both:
            seen.add(start)
            marks = [m, *both, *(x for x in ours if start <= x.start and x.end <= end)]
            spans = sorted({(x.start - start, x.end - start) for x in marks})
            steps.append(Step(text[start:end], "article", m.article, m, tuple(spans)))
        if len(steps) == SENTENCES:
            break
    return steps


def _sentence_step(text: str, mention: Mention) -> Step:
    start, end = sentence_bounds(text, mention.start, mention.end)
    span = ((mention.start - start, mention.end - start),)
    return Step(text[start:end], "article", mention.article, mention, span)


def _paths(corpus: Corpus, rel: Relations, a: Entity, b: Entity) -> list[Connection]:
    """Two steps through a third entity linked to each: the strongest weakest link first."""
    near_a = {n.entity.id: n for n in rel.neighbours(a.id, limit=None)}
    near_b = {n.entity.id: n for n in rel.neighbours(b.id, limit=None)}
    # An organisation where both held roles is a direct link already ("Both held roles at").
    workplaces = {
        tie[0].organization.id
        for tie in rel.role_ties(a.id, b.id)
        if len(tie) == 2 and tie[0].organization is not None
    }
    middles = [m for m in near_a if m in near_b and m not in (a.id, b.id, *workplaces)]
    middles.sort(
        key=lambda m: (
            -min(near_a[m].score, near_b[m].score),
            -(near_a[m].score + near_b[m].score),
            fold(corpus.entities[m].name),
        )
    )
    found = []
    for middle_id in middles[:PATHS]:
        middle = corpus.entities[middle_id]
        steps = (_best(corpus, rel, a, middle), _best(corpus, rel, middle, b))
        weight = min(near_a[middle_id].score, near_b[middle_id].score)
        title = f"through {middle.name} ({middle.kind})"
        found.append(Connection("path", title, steps, hops=2, weight=weight))
    return found


def _best(corpus: Corpus, rel: Relations, a: Entity, b: Entity) -> Step:
    """The best evidence of one direct link, as one step that says which link it is."""
    best = _direct(corpus, rel, a, b)[0]
    step = best.steps[0]
    if best.kind == "article":
        text = step.text
    elif best.kind == "role" and len(best.steps) > 1:
        text = best.title  # "Both held roles at ..."
    elif best.kind == "role":
        return step
    else:
        text = f"{best.title}: {step.text}"
    return Step(f"{a.name} – {b.name}: {text}", step.kind, step.item_id, step.mention)
