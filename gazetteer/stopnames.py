"""Names that are not places: units, groups, people, countries, calendar words.

Loaded from ``data/gazetteer/stopnames.yaml`` and, when present, the unit and group names of
``data/factions.yaml`` (the events package's file). Multi-word names there are taken whole;
single words only when written as an acronym, because a faction file may list a city as a
metonym of a side ("Damascus" for the government) and that must not stop the city.

Two strengths: a person, organisation or calendar word hides every name inside it
("Abu Bakr al-Baghdadi", "Tahrir al-Sham"); a unit name (``soft``) hides only small places,
because a unit named after a city or province still names that place ("the Garrison of Homs
Province", "the Manbij Military Council").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from gazetteer.normalize import fold

# libyaml's parser when PyYAML was built with it: ten times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)

# Categories whose names may anchor a place phrase ("northern Syria") though never a mention.
ANCHOR_CATEGORIES = ("countries",)
SOFT_CATEGORIES = ("units",)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _faction_names(path: Path) -> set[str]:
    if not path.exists():
        return set()
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return set()
    out = set()
    for text in _strings(data):
        words = text.split()
        if len(words) >= 2 and any(c.isupper() for c in text):
            out.add(text)
        elif len(words) == 1 and len(text) >= 2 and text.isupper():
            out.add(text)
    return out


@dataclass(frozen=True)
class StopNames:
    """Folded non-place names: all of them (``phrases``), the unit names among them
    (``soft``), and the countries (``countries``), which may anchor a place phrase."""

    phrases: frozenset[str]
    countries: frozenset[str]
    soft: frozenset[str] = frozenset()

    @classmethod
    def empty(cls) -> "StopNames":
        return cls(frozenset(), frozenset())

    @classmethod
    def from_lists(cls, names: Iterable[str], countries: Iterable[str] = (),
                   units: Iterable[str] = ()) -> "StopNames":
        countries = frozenset(f for f in (fold(c) for c in countries) if f)
        soft = frozenset(f for f in (fold(u) for u in units) if f)
        hard = frozenset(f for f in (fold(n) for n in names) if f) | countries
        return cls(hard | soft, countries, soft - hard)

    @classmethod
    def load(cls, data_dir: Path) -> "StopNames":
        path = Path(data_dir) / "gazetteer" / "stopnames.yaml"
        data = (_load_yaml(path.read_text(encoding="utf-8")) if path.exists() else {}) or {}
        names: set[str] = set()
        units: set[str] = set()
        for category, values in data.items():
            if category in SOFT_CATEGORIES:
                units.update(_strings(values))
            elif category not in ANCHOR_CATEGORIES:
                names.update(_strings(values))
        units |= _faction_names(Path(data_dir) / "factions.yaml")
        return cls.from_lists(names, _strings(data.get("countries", [])), units)

    def is_stop(self, name: str) -> bool:
        return fold(name) in self.phrases

    @property
    def max_tokens(self) -> int:
        return max((len(p.split()) for p in self.phrases), default=0)
