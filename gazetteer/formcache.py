"""The normalised forms of every name in the committed data, computed once at build time.

Normalising ~20,000 names (folds, phonetic and spelling keys, descriptors) takes longer than the
gazetteer's whole start-up budget, and gives the same result every time for the same code. So
``data/gazetteer/name_forms.tsv`` keeps them: one line per distinct name, ``name`` then the
fields of ``index.name_forms`` (tab-separated; Arabic names have three). Its first line is
``# name_forms <fingerprint>``, a hash of the code that computes the forms (normalize,
spelling, descriptors, index): when that code changes the file no longer matches and is
ignored (every form is then computed, correctly but slowly) until it is rebuilt:

    python -m gazetteer.formcache

Names not in the file (a correction, an online answer) are computed as they come.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import settings

PATH = settings.DATA_DIR / "gazetteer" / "name_forms.tsv"
_CODE = ("normalize.py", "spelling.py", "descriptors.py", "index.py")
_HEADER = "# name_forms "


def fingerprint() -> str:
    """Hash of the code that computes the forms."""
    digest = hashlib.sha1()
    folder = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def load(path: Path = PATH) -> dict[str, tuple]:
    """name -> forms, or {} when the file is missing or was made by other code."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return {}
    lines = text.split("\n")
    if not lines or lines[0] != _HEADER + fingerprint():
        return {}
    out: dict[str, tuple] = {}
    for line in lines[1:]:
        if line:
            fields = line.split("\t")
            out[fields[0]] = tuple(fields[1:])
    return out


def write(names, path: Path = PATH) -> int:
    """Write the forms of ``names``; the number of names written."""
    from gazetteer.index import name_forms
    distinct = sorted(set(names))
    lines = [_HEADER + fingerprint()]
    lines += ["\t".join((name, *name_forms(name))) for name in distinct if "\t" not in name and "\n" not in name]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def main() -> None:
    from gazetteer.index import matchable_names
    from gazetteer.sources import default_sources, load_entries
    entries = load_entries(default_sources(settings.DATA_DIR))
    count = write(n for e in entries for n in matchable_names(e))
    print(f"wrote {PATH.name}: forms of {count} names")


if __name__ == "__main__":
    main()
