"""HTML reader: metadata from <head>, main article text with the page furniture removed.

Uses selectolax's lexbor backend, which parses any markup an HTML5 browser would, so broken
pages still give text. `html_to_text` is shared with the feed reader, whose entries carry HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .base import Draft, ReadError, make_draft, normalise
from .dates import parse_date

# Elements that never hold article text.
_JUNK_TAGS = [
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe",
    "template", "button", "select", "canvas", "object", "embed", "dialog", "math",
]  # fmt: skip
# Class or id words that mark page furniture (matched between word boundaries, `-` and `_`).
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|comments?|share|sharing|"
    r"cookies?|consent|adverts?|advertisement|ads?|related|subscribe|newsletter|promo)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_KEEP_TAGS = {"html", "body", "main", "article"}
# Block elements end a paragraph; table rows and cells only a line or a word.
_PARAGRAPHS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
    "article", "main", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "address",
    "table", "hr", "details", "summary",
}  # fmt: skip
_LINES = {"tr", "br"}
_CELLS = {"td", "th"}
_WHITESPACE = re.compile(r"\s+")

_DATE_KEYS = (
    "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.created", "og:published_time",
)  # fmt: skip
_AUTHOR_KEYS = ("author", "article:author", "dc.creator")


def read_html(markup: str, origin: str) -> list[Draft]:
    """One draft from an HTML page."""
    tree = LexborHTMLParser(markup)
    meta = _meta_tags(tree)  # metadata first: cleaning the tree removes <header> and such
    title = _first(meta, "og:title", "twitter:title") or _node_text(tree, "title")
    source = _first(meta, "og:site_name", "application-name")
    url = _canonical(tree) or _first(meta, "og:url")
    published = _published(tree, meta)
    authors = [name for key in _AUTHOR_KEYS for name in meta.get(key, []) if "://" not in name]
    title = title or _node_text(tree, "h1")
    text = main_text(tree)
    if not text:
        raise ReadError("no article text found in the HTML")
    return [
        make_draft(
            title,
            text,
            source=source,
            url=url,
            published=published,
            authors=authors,
            origin=origin,
        )
    ]


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment (such as a feed entry), paragraphs separated by blank lines."""
    tree = LexborHTMLParser(markup)
    tree.strip_tags(_JUNK_TAGS)
    return normalise(_block_text(tree.body)) if tree.body is not None else ""


def main_text(tree: LexborHTMLParser) -> str:
    """Text of the page's main content, with navigation and other furniture removed."""
    tree.strip_tags(_JUNK_TAGS)
    _remove_boilerplate(tree)
    for node in _candidates(tree):
        text = normalise(_block_text(node))
        if text:
            return text
    return ""


def _meta_tags(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """All <meta> contents by lower-cased property, name or itemprop."""
    meta: dict[str, list[str]] = defaultdict(list)
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = (attrs.get("content") or "").strip()
        if key and content:
            meta[key.strip().lower()].append(content)
    return meta


def _first(meta: dict[str, list[str]], *keys: str) -> str:
    return next((meta[key][0] for key in keys if meta.get(key)), "")


def _node_text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return node.text(separator=" ") if node is not None else ""


def _canonical(tree: LexborHTMLParser) -> str:
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split():
            return node.attributes.get("href") or ""
    return ""


def _published(tree: LexborHTMLParser, meta: dict[str, list[str]]) -> str | None:
    """The first readable date among the date meta tags and <time datetime> elements."""
    values = [value for key in _DATE_KEYS for value in meta.get(key, [])]
    values += [node.attributes.get("datetime") or "" for node in tree.css("time[datetime]")]
    return next((day for day in map(parse_date, values) if day), None)


def _remove_boilerplate(tree: LexborHTMLParser) -> None:
    """Remove elements whose class or id names page furniture.

    Innermost first (reverse document order), so no element is touched after an ancestor of
    it has been freed.
    """
    doomed = [node for node in tree.css("[class], [id]") if _is_boilerplate(node)]
    for node in reversed(doomed):
        node.decompose()


def _is_boilerplate(node: LexborNode) -> bool:
    if node.tag in _KEEP_TAGS:
        return False
    attrs = node.attributes
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return _BOILERPLATE.search(words) is not None


def _candidates(tree: LexborHTMLParser) -> list[LexborNode]:
    """Where the article text may be, best first: <article>, <main>, the densest block, body."""
    articles = sorted(tree.css("article"), key=lambda n: len(n.text(strip=True)), reverse=True)
    found = articles[:1] + tree.css("main")[:1] + _densest_paragraph_parent(tree)
    return found + ([tree.body] if tree.body is not None else [])


def _densest_paragraph_parent(tree: LexborHTMLParser) -> list[LexborNode]:
    """The element whose <p> children hold the most text, if any."""
    scores: dict[int, int] = defaultdict(int)
    nodes: dict[int, LexborNode] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is not None:
            scores[parent.mem_id] += len(paragraph.text(strip=True))
            nodes[parent.mem_id] = parent
    if not scores:
        return []
    return [nodes[max(scores, key=scores.__getitem__)]]


def _block_text(root: LexborNode) -> str:
    """Text under `root`: block elements become paragraphs, markup whitespace collapses.

    Walks the tree with an explicit stack (no recursion, so deep nesting is safe); each
    element is visited on the way in and again on the way out.
    """
    parts: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    in_pre = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if tag == "-text":
            text = node.text(deep=False)
            parts.append(text if in_pre else _WHITESPACE.sub(" ", text))
            continue
        if tag == "pre":
            in_pre += -1 if leaving else 1
        if not (leaving and tag == "br"):
            parts.append(_separator(tag))
        if not leaving:
            stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
    return "".join(parts)


def _separator(tag: str | None) -> str:
    if tag in _PARAGRAPHS:
        return "\n\n"
    if tag in _LINES:
        return "\n"
    return " " if tag in _CELLS else ""
