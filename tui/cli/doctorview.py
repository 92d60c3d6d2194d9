"""How `quadrant doctor` shows its findings: plain text that reads in 80 columns and in ASCII
alone (it is the tool for a terminal that shows nothing else well), or one JSON object."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from tui.cli.terminalcheck import WARN, Finding

WIDTH = 80
MARKS = {"ok": "ok", "warn": "!!", "info": "--"}
SECTIONS = {
    "terminal": "Terminal and colours",
    "encoding": "Encoding",
    "session": "tmux, screen, SSH, size",
    "keys": "Keys (as the app reads them)",
}
INDENT = " " * 23
JSON_VERSION = 1


def finding_lines(finding: Finding) -> list[str]:
    """`  ok  LABEL            VALUE - what it means`, then `-> advice`, wrapped."""
    head = f"  {MARKS[finding.status]:<3} {finding.label:<16} "
    said = f"{finding.value} - {finding.meaning}" if finding.meaning else finding.value
    lines = textwrap.wrap(said, WIDTH, initial_indent=head, subsequent_indent=INDENT)
    for advice in finding.advice:
        lines += textwrap.wrap(
            advice, WIDTH, initial_indent=INDENT + "-> ", subsequent_indent=INDENT + "   "
        )
    return lines


def text(findings: Iterable[Finding]) -> list[str]:
    """The report: a heading per section, each finding under it, and a count of problems."""
    lines: list[str] = []
    section = None
    findings = list(findings)
    for finding in findings:
        if finding.section != section:
            section = finding.section
            lines += ["", SECTIONS.get(section, section)]
        lines += finding_lines(finding)
    return lines + ["", summary(findings)]


def summary(findings: list[Finding]) -> str:
    problems = sum(finding.status == WARN for finding in findings)
    if not problems:
        return "No problems found."
    return f"{problems} problem{'s' * (problems != 1)} found (marked !!), each with advice (->)."


def as_json(findings: list[Finding], facts: Mapping[str, object]) -> dict[str, object]:
    return {
        "doctor": JSON_VERSION,
        "problems": sum(finding.status == WARN for finding in findings),
        **facts,
        "checks": [finding.as_json() for finding in findings],
    }
