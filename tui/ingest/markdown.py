"""Markdown reader: optional front matter, then Markdown turned into plain text.

Front matter is the block between a first line `---` and the next `---` line. Only the simple
subset of YAML that article files use is read, to avoid a YAML dependency: `key: value`,
quoted values, `[a, b]` inline lists and `- item` block lists. Known keys are title, date (or
published), source, url (or link), authors (or author) and tags; others are ignored.

Without a front-matter title the first heading (level 1 preferred) is the title, and that
heading is left out of the text so it is not stored twice.
"""

from __future__ import annotations

import re

from .base import Draft, ReadError, make_draft, split_list
from .dates import parse_date

_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_LIST_ITEM = re.compile(r"\s*-\s+(.*)")
_COMMENT_START = re.compile(r"\s#")
_FENCE = re.compile(r"\s*(```+|~~~+)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)")
_SETEXT_RULE = re.compile(r"\s{0,3}(=+|-+)\s*")
_HORIZONTAL_RULE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_BULLET = re.compile(r"\s*[-*+]\s+")
_ORDERED = re.compile(r"\s*\d{1,9}[.)]\s+")
_QUOTE = re.compile(r"\s*(?:>\s?)+")
_REFERENCE_DEF = re.compile(r"\s{0,3}\[[^\[\]]+\]:\s+\S.*")
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*")
# Inline rules, applied in order. Every pattern stops at the next delimiter of its kind rather
# than scanning ahead with `.*?`, so unbalanced markup cannot make matching quadratic.
_STRONG = (
    (re.compile(r"\*\*([^\s*](?:[^*]*[^\s*])?)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__([^\s_](?:[^_]*[^\s_])?)__(?!\w)"), r"\1"),
)
_INLINE_RULES = (
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images
    (re.compile(r"!\[[^\[\]]*\]\[[^\[\]]*\]"), ""),  # reference images
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>"), r"\1"),  # autolinks
    *_STRONG,
    (re.compile(r"(?<![*\w])\*([^\s*](?:[^*]*[^\s*])?)\*(?![*\w])"), r"\1"),  # emphasis
    (re.compile(r"(?<![_\w])_([^\s_](?:[^_]*[^\s_])?)_(?![_\w])"), r"\1"),
    *_STRONG,  # again, for strong text that contained emphasis
    (re.compile(r"~~([^\s~](?:[^~]*[^\s~])?)~~"), r"\1"),  # strikethrough
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<])")
_CODE_SPAN = re.compile(r"(`+)([^`]+)\1")
_INLINE_MARK = re.compile(r"[*_\[`<\\~]")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def read_markdown(text: str, origin: str) -> list[Draft]:
    """One draft from a Markdown file."""
    meta, body = split_front_matter(text)
    lines = body.split("\n")
    title = _text_value(meta.get("title"))
    if not title:
        title, lines = _take_title(lines)
    plain = markdown_to_text("\n".join(lines))
    if not plain.strip():
        raise ReadError("no text after the title heading" if title else "no text")
    date = _text_value(meta.get("date") or meta.get("published"))
    return [
        make_draft(
            title,
            plain,
            source=_text_value(meta.get("source")),
            url=_text_value(meta.get("url") or meta.get("link")),
            published=parse_date(date) if date else None,
            authors=_list_value(meta.get("authors") or meta.get("author")),
            tags=_list_value(meta.get("tags")),
            origin=origin,
        )
    ]


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """Return (front-matter fields, rest of the text); no closing `---` means no front matter."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return _parse_fields(lines[1:end]), "\n".join(lines[end + 1 :])
    return {}, text


def _parse_fields(lines: list[str]) -> dict[str, str | list[str]]:
    """Parse `key: value` lines, `- item` lists under a key, and `[a, b]` inline lists."""
    fields: dict[str, str | list[str]] = {}
    key = None
    for line in lines:
        item = _LIST_ITEM.fullmatch(line)
        if item and key is not None:
            current = fields.get(key)
            fields[key] = (current if isinstance(current, list) else []) + [_unquote(item[1])]
            continue
        pair = _KEY_VALUE.fullmatch(line.strip())
        if pair and not line[:1].isspace():
            key = pair[1].lower()
            fields[key] = _scalar_or_list(pair[2])
    return fields


def _scalar_or_list(value: str) -> str | list[str]:
    comment = None if value.startswith(("'", '"')) else _COMMENT_START.search(value)
    if comment:  # a trailing YAML comment
        value = value[: comment.start()].rstrip()
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(part) for part in split_list(value[1:-1])]
    return _unquote(value)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _text_value(value: str | list[str] | None) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def _list_value(value: str | list[str] | None) -> list[str]:
    if isinstance(value, list):
        return value
    return split_list(value or "")


def _take_title(lines: list[str]) -> tuple[str, list[str]]:
    """The first level-1 heading (else the first heading) and the lines without it."""
    headings = []
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := _ATX.fullmatch(line)):
            headings.append((len(match[1]), index, _heading_text(match[2])))
    if not headings:
        return "", lines
    _, index, title = min(headings)
    return _inline(title), lines[:index] + lines[index + 1 :]


def markdown_to_text(body: str) -> str:
    """Plain text of a Markdown body: syntax markers dropped, code kept, bullets as "- ".

    Lines of one paragraph are joined with spaces, as a Markdown renderer would show them;
    code, list items, headings and table rows keep their own lines.
    """
    lines: list[tuple[str, str]] = []  # (kind, text)
    fence = ""
    for line in _strip_comments(body).split("\n"):
        marker = _FENCE.match(line)
        if fence:
            fence = "" if _closes(line, fence) else fence
            lines.append(("code", line) if fence else ("blank", ""))
        elif marker:
            fence = marker[1]
        else:
            _add_line(lines, line)
    return _join(lines)


def _strip_comments(text: str) -> str:
    """Remove <!-- HTML comments --> (a search loop: linear even when one is never closed)."""
    parts = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _closes(line: str, fence: str) -> bool:
    """A closing fence: only fence characters, at least as many as the opening one."""
    mark = line.strip()
    return len(mark) >= len(fence) and set(mark) == {fence[0]}


def _add_line(lines: list[tuple[str, str]], line: str) -> None:
    """Append the kind and plain form of one Markdown line (outside code fences)."""
    if not line.strip():
        lines.append(("blank", ""))
    elif _SETEXT_RULE.fullmatch(line) and lines and lines[-1][0] == "para":
        lines[-1] = ("heading", lines[-1][1])  # underline: the line above is a heading
    elif _HORIZONTAL_RULE.fullmatch(line):
        lines.append(("blank", ""))
    elif not (_REFERENCE_DEF.fullmatch(line) or (_TABLE_RULE.fullmatch(line) and "-" in line)):
        lines.append(_convert(line))


def _convert(line: str) -> tuple[str, str]:
    """Kind and plain text of a line that is not blank, a rule or a reference definition."""
    if line.lstrip().startswith(">"):
        line = _QUOTE.sub("", line, count=1)
    if heading := _ATX.fullmatch(line):
        return "heading", _inline(_heading_text(heading[2]))
    if bullet := _BULLET.match(line):
        return "item", "- " + _inline(line[bullet.end() :])
    if _ORDERED.match(line):
        return "item", _inline(line.strip())
    if line.lstrip().startswith("|"):
        return "table", _inline(line.strip().strip("|"))
    return "para", _inline(line)


def _join(lines: list[tuple[str, str]]) -> str:
    """Lines to text, consecutive paragraph lines joined by spaces."""
    out: list[list[str]] = []
    previous = ""
    for kind, text in lines:
        if kind == previous == "para":
            out[-1].append(text.strip())
        else:
            out.append([text])
        previous = kind
    return "\n".join(" ".join(pieces) for pieces in out)


def _heading_text(raw: str | None) -> str:
    """Heading text without an optional closing run of `#` ("## Title ##")."""
    text = (raw or "").rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text


def _inline(text: str) -> str:
    """Remove inline Markdown: links, images, emphasis, code spans and escapes."""
    if _INLINE_MARK.search(text) is None:
        return text  # the common case, and much faster than running every rule
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match[2] if match.re is _CODE_SPAN else match[1])
        return f"\ue000{len(kept) - 1}\ue001"

    text = _ESCAPE.sub(hold, _CODE_SPAN.sub(hold, text))
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return _PLACEHOLDER.sub(lambda m: _held(kept, m), text)


def _held(kept: list[str], match: re.Match[str]) -> str:
    index = int(match[1])
    return kept[index] if index < len(kept) else match[0]
