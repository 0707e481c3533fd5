"""The gazetteer's entries and name index, computed at build time: ``data/gazetteer/index.tsv``.

Reading ~7,500 rows from the committed CSVs, folding rows that are one place into one entry
(``sources.merge_same``) and normalising ~24,000 names into the index's tables takes about a
second; a report's names must be answered within half a second of start-up. The result is
the same every time for the same data and code, so it is computed once and committed as plain
text, rebuilt after any change to the data or to the code that reads and normalises it:

    python -m gazetteer.compiled

The file holds a header line ``# gazetteer index <fingerprint>`` (a hash of that code and of
the data files it was built from), then sections, each opened by a line ``@<name>``:

- ``@entries``: one merged entry per line, in the sources' order, tab-separated: ``id, name,
  aliases, main_aliases`` (``|``-separated), ``lat, lon, kind, governorate, country,
  population, uncertainty_km, source, pcode, level``, the descriptor groups its names use
  (``,``-separated), the folded, bare and key forms of its main names (``NameIndex.main_forms``:
  three ``|``-separated sets joined by ``;``, empty when it has no Latin main name) and, as JSON, the other non-empty columns of its source row(s) (the
  citation, OCHA's district...: ``Entry.raw``);
- ``@fold``, ``@bare``, ``@key``, ``@core``, ``@skeleton``, ``@arabic``, ``@spell``: the
  index's tables (``index.TABLES``), one form per line, sorted: the form, a tab, and the
  ``|``-separated ids of the entries indexed under it, in entry order.

Postings name ids, not positions, so adding a row changes a few lines, not the whole file.
Loading reads the sections into dictionaries of strings; an entry becomes an ``Entry``, and a
posting list positions, only when first asked for. When the fingerprint does not match (data
or code changed since the last build) the file is ignored and the index is computed from the
sources, correctly but slowly, until it is rebuilt; ``tests/test_gazetteer_data_builds.py``
fails until then.

The analyst's corrections and the online fallback's cache change while the program runs; they
are not in the file but read at start-up and added to the loaded index (``NameIndex.add``).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator, Sequence

import settings
from gazetteer.index import TABLES, NameIndex, Postings, entry_groups, main_forms_of
from gazetteer.sources import Entry, load_entries, static_sources

PATH = settings.DATA_DIR / "gazetteer" / "index.tsv"
_CODE = ("normalize.py", "spelling.py", "descriptors.py", "index.py", "sources.py", "compiled.py")
_HEADER = "# gazetteer index "
# Columns of a source row that the entry's own fields hold: not repeated in its stored ``raw``.
_OWN_COLUMNS = frozenset({"id", "name", "aliases", "main_aliases", "geonames_name", "lat", "lon", "kind",
                          "governorate", "country", "population", "uncertainty_km", "pcode", "level"})


def fingerprint(data_dir: Path = settings.DATA_DIR) -> str:
    """Hash of the code that builds the index and of the data files it reads."""
    digest = hashlib.sha1()
    folder = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((folder / name).read_bytes())
    for source in static_sources(data_dir):
        path = Path(source.path)
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def _main_forms_field(entry: Entry) -> str:
    """``main_forms_of(entry)`` as stored: three sorted ``|``-separated sets joined by ``;``."""
    forms = main_forms_of(entry)
    if not any(forms):
        return ""
    for form in set().union(*forms):
        if "|" in form or ";" in form:
            raise ValueError(f"entry {entry.id}: '|' or ';' in the main form {form!r}")
    return ";".join("|".join(sorted(column)) for column in forms)


def _main_forms(field: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    if not field:
        return frozenset(), frozenset(), frozenset()
    folded, bare, key = field.split(";")
    return frozenset(folded.split("|")), frozenset(bare.split("|")), frozenset(key.split("|"))


def _entry_line(entry: Entry) -> str:
    fields = (entry.id, entry.name, "|".join(entry.aliases), "|".join(entry.main_aliases), repr(entry.lat),
              repr(entry.lon), entry.kind, entry.governorate or "", entry.country, str(entry.population),
              repr(entry.uncertainty_km), entry.source, entry.pcode, entry.level, ",".join(sorted(entry_groups(entry))),
              _main_forms_field(entry),
              json.dumps({k: v for k, v in (entry.raw or {}).items() if k not in _OWN_COLUMNS and v},
                         ensure_ascii=False, sort_keys=True))
    for value in fields[:-1]:
        if "\t" in value or "\n" in value:
            raise ValueError(f"entry {entry.id}: a tab or newline in {value!r}")
    if any("|" in name for name in entry.names):
        raise ValueError(f"entry {entry.id}: '|' in a name")
    return "\t".join(fields)


def _entry(line: str) -> Entry:
    (entry_id, name, aliases, main_aliases, lat, lon, kind, governorate, country, population,
     uncertainty_km, source, pcode, level, _groups, _main, raw) = line.split("\t")
    # The row was checked (``Entry.__post_init__``) when the index was built from the sources, so
    # the entry is made as ``Place.checked_already`` makes a place: without the checks and the frozen
    # dataclass's per-field set-up, most of the cost of an entry's first touch.
    entry = object.__new__(Entry)
    entry.__dict__.update(id=entry_id, name=name, aliases=tuple(aliases.split("|")) if aliases else (),
                          lat=float(lat), lon=float(lon), kind=kind, governorate=governorate or None,
                          country=country, population=int(population), uncertainty_km=float(uncertainty_km),
                          source=source, raw=json.loads(raw),
                          main_aliases=tuple(main_aliases.split("|")) if main_aliases else (),
                          pcode=pcode, level=level)
    return entry


class Entries(Sequence):
    """The index's entries, each made from its line of the file on first use."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._made: list[Entry | None] = [None] * len(lines)
        self._replaced: set[int] = set()

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[k] for k in range(*position.indices(len(self)))]
        entry = self._made[position]
        if entry is None:
            entry = self._made[position] = _entry(self._lines[position])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[k] for k in range(len(self)))

    def groups(self, position: int) -> frozenset[str] | None:
        """The descriptor groups stored for the entry at ``position`` (None for one added since)."""
        if position >= len(self._lines) or position in self._replaced:
            return None
        field = self._lines[position].rsplit("\t", 3)[1]  # the JSON last holds no tab
        return frozenset(field.split(",")) if field else frozenset()

    def main_forms(self, position: int) -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
        """The main names' forms stored for the entry at ``position`` (None for one added since)."""
        if position >= len(self._lines) or position in self._replaced:
            return None
        return _main_forms(self._lines[position].rsplit("\t", 2)[1])

    def __setitem__(self, position: int, entry: Entry) -> None:
        self._made[position] = entry
        self._replaced.add(position)

    def append(self, entry: Entry) -> None:
        self._made.append(entry)

    def ids(self) -> dict[str, int]:
        """id -> position, and the id of each row folded into an entry (``same_as_id``)."""
        out: dict[str, int] = {}
        for position, line in enumerate(self._lines):
            if '"same_as_id"' in line:
                same = json.loads(line.rsplit("\t", 1)[1]).get("same_as_id")
                if same:
                    out.setdefault(same, position)
        for position, line in enumerate(self._lines):
            out[line[:line.index("\t")]] = position
        for position in range(len(self._lines), len(self._made)):
            out[self._made[position].id] = position
        return out


def write(entries: list[Entry], path: Path = PATH, data_dir: Path = settings.DATA_DIR) -> int:
    """Write the index of ``entries`` (the static sources' merged entries); lines written."""
    index = NameIndex.build(list(entries))
    ids = [e.id for e in index.entries]
    lines = [_HEADER + fingerprint(data_dir), "@entries"]
    lines += [_entry_line(e) for e in index.entries]
    for name in TABLES:
        lines.append("@" + name)
        table = index._tables[name]
        lines += sorted(f"{form}\t{'|'.join(ids[p] for p in table[form])}" for form in table)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def load(path: Path = PATH, data_dir: Path = settings.DATA_DIR) -> NameIndex | None:
    """The stored index, or None when the file is missing or was built from other data or code."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    header, _, text = text.partition("\n")
    if header != _HEADER + fingerprint(data_dir):
        return None
    sections = {}
    for section in text.split("\n@"):
        name, _, body = section.partition("\n")
        sections[name.lstrip("@")] = body.split("\n") if body.strip() else []
    entry_lines = [line for line in sections.pop("entries") if line]
    entries = Entries(entry_lines)
    index: NameIndex | None = None

    def positions(ids: str) -> list[int]:
        table = index.position_of
        return [table(i) for i in ids.split("|")]

    tables = {name: Postings([line for line in sections.get(name, ()) if line], positions) for name in TABLES}
    index = NameIndex(entries, tables)
    return index


def main() -> None:
    count = write(load_entries(static_sources(settings.DATA_DIR)))
    print(f"wrote {PATH.relative_to(settings.REPO_ROOT)}: {count} lines")


if __name__ == "__main__":
    main()
