"""Countries and their subdivisions from pycountry (ISO 3166, shipped with the package), with
the common forms news uses ("Britain", "Iran"), and the adjectives and demonyms made from
them ("South African", "New Zealander", "Pakistani"). Loaded once, on first use."""

from __future__ import annotations

from functools import cache

from tui.knowledge.names.words import IRREGULAR_DEMONYMS
from tui.search.query import fold

# Forms news uses that ISO 3166 does not spell out (its names are "Viet Nam", "Korea, ...").
EXTRA_COUNTRIES = (
    "Britain Great\u00a0Britain England Scotland Wales America Russia Iran Syria Laos Vietnam "
    "Taiwan Palestine Bolivia Venezuela Tanzania Moldova Burma Holland Macedonia "
    "South\u00a0Korea North\u00a0Korea Czech\u00a0Republic Ivory\u00a0Coast East\u00a0Timor "
    "Yugoslavia Soviet\u00a0Union Congo Vatican Brunei"
).split()
_SUFFIXES = ("n", "an", "ian", "i", "er", "ese", "ish", "ns", "ans", "ians", "is", "ers")


def _countries() -> set[str]:
    import pycountry

    names = {n.replace("\u00a0", " ") for n in EXTRA_COUNTRIES}
    for table in (pycountry.countries, pycountry.historic_countries):
        for country in table:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, "")
                if value and "," not in value:
                    names.add(value)
    return names


@cache
def countries() -> frozenset[str]:
    """Folded names of countries, present and historic ("Serbia and Montenegro")."""
    return frozenset(fold(n) for n in _countries())


@cache
def subdivisions() -> frozenset[str]:
    """Folded names of states, provinces and regions ("New South Wales", "Kandahar")."""
    import pycountry

    return frozenset(fold(s.name) for s in pycountry.subdivisions if len(s.name) > 3)


def is_country(name: str) -> bool:
    return fold(name) in countries()


def is_subdivision(name: str) -> bool:
    return fold(name) in subdivisions()


def is_place_name(name: str) -> bool:
    """A country or a subdivision, as the whole name."""
    return is_country(name) or is_subdivision(name)


@cache
def demonyms() -> frozenset[str]:
    """Folded adjectives and demonyms: each country or subdivision name with the endings of
    nationality, on the name and on its stem ("Pakistan" + "i", "Indonesi" + "an")."""
    forms = {fold(w) for w in IRREGULAR_DEMONYMS}
    forms |= {fold(w) + "s" for w in IRREGULAR_DEMONYMS}
    for name in [*_countries(), *_subdivision_names()]:
        stems = {name}
        for ending in ("a", "e", "o", "y", "ia", "on", "land"):
            if name.endswith(ending) and len(name) > len(ending) + 2:
                stems.add(name[: -len(ending)])
        forms |= {fold(stem + suffix) for stem in stems for suffix in _SUFFIXES}
    return frozenset(forms - countries() - subdivisions())


def _subdivision_names() -> list[str]:
    import pycountry

    return [s.name for s in pycountry.subdivisions if s.type in ("State", "Province", "Territory")]


def is_demonym(name: str) -> bool:
    """'South African', 'New Zealanders', 'Pakistani': an adjective or people, not an entity."""
    return fold(name) in demonyms()
