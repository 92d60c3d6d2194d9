"""Reading one field of a record from a database file: each checks its type and shape and
names the record and the field when it is wrong (`ModelError`). Used by `models.from_dict`."""

from __future__ import annotations

import datetime
import re

_ISO_DATE = re.compile(r"[0-9]{4}(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class ModelError(ValueError):
    """A record does not have the shape the data model asks for."""


def _check(cond: bool, where: str, name: str, problem: str) -> None:
    if not cond:
        raise ModelError(f"{where}: field '{name}' {problem}")


def _str(d: dict, where: str, name: str, default: str | None = "") -> str:
    value = d.get(name, default)
    if value is None and default is None:
        raise ModelError(f"{where}: field '{name}' is missing")
    if not isinstance(value, str):
        raise ModelError(f"{where}: field '{name}' must be a string, not {type(value).__name__}")
    return value


def _opt_str(d: dict, where: str, name: str) -> str | None:
    value = d.get(name)
    _check(value is None or isinstance(value, str), where, name, "must be a string or null")
    return value


def is_iso_date(value: str) -> bool:
    """A whole ISO date to the year, month or day: 2016, 2016-08, 2016-08-29 (nothing before
    or after it, and a real month and day)."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return False
    month, day = match.groups()
    if month is None:
        return True
    if not 1 <= int(month) <= 12:
        return False
    if day is None:
        return True
    try:
        datetime.date(int(value[:4]), int(month), int(day))
    except ValueError:
        return False
    return True


def _date(d: dict, where: str, name: str) -> str | None:
    value = _opt_str(d, where, name)
    if value:
        _check(
            is_iso_date(value),
            where,
            name,
            f"is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value[:40]!r}",
        )
    return value or None


def _strs(d: dict, where: str, name: str) -> tuple[str, ...]:
    value = d.get(name) or []
    _check(isinstance(value, list | tuple), where, name, "must be a list of strings")
    _check(all(isinstance(v, str) for v in value), where, name, "must hold only strings")
    return tuple(value)


def _int(d: dict, where: str, name: str) -> int:
    value = d.get(name)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ModelError(f"{where}: field '{name}' must be a whole number of at least 0")


def _choice(d: dict, where: str, name: str, choices: tuple[str, ...], default: str) -> str:
    value = _str(d, where, name, default)
    _check(value in choices, where, name, f"must be one of {', '.join(choices)}, not {value!r}")
    return value


def _ident(d: dict, where: str) -> str:
    value = _str(d, where, "id", None)
    _check(bool(value.strip()), where, "id", "must not be empty")
    return value


def _list(d: dict, where: str, name: str) -> list:
    values = d.get(name) or []
    _check(isinstance(values, list), where, name, "must be a list")
    return values
