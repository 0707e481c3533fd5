"""Write wpmodule_markers.csv from a transcription of the module's map markers (run once).

Run from the repository root:  python data/gazetteer/import_wpmodule_markers.py DIR

DIR holds the transcription as tab-separated files ``part_*.tsv`` (columns ``offset, lat,
long, mark, label, article``; one line per map marker of Wikipedia's *Module:Syrian Civil War
detailed map*, in the order of the public copy cited in README.md, ``offset`` the 16,000-character
page of that copy where the marker's entry starts). The committed CSV is the record: this
script only normalises the transcription (Unicode NFC, runs of blanks to one space, "long" to
"lon", files in page order) so that a re-transcription can be compared line by line. It keeps
every line, readable or not: ``build_wpmodule_places.py`` decides what becomes a place.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_PATH = HERE / "wpmodule_markers.csv"
COLUMNS = ["offset", "lat", "lon", "mark", "label", "article"]
_BLANKS_RE = re.compile(r"\s+")


def clean(value: str) -> str:
    return _BLANKS_RE.sub(" ", unicodedata.normalize("NFC", value or "")).strip()


def read_parts(folder: Path) -> list[list[str]]:
    parts = sorted(folder.glob("part_*.tsv"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    rows = []
    for path in parts:
        with open(path, encoding="utf-8", newline="") as f:
            lines = f.read().splitlines()
        header = lines[0].split("\t") if lines else []
        if header[:6] != ["offset", "lat", "long", "mark", "label", "article"]:
            raise SystemExit(f"{path}: unexpected header {header}")
        for line in lines[1:]:
            if not line.strip():
                continue
            fields = [clean(x) for x in line.split("\t")]
            fields = (fields + [""] * 6)[:6]
            rows.append(fields)
    # Stable sort by page: a marker cut by a page end was written with the next page's lines.
    rows.sort(key=lambda r: int(r[0]) if r[0].isdigit() else 10**9)
    return rows


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    rows = read_parts(Path(argv[1]))
    with open(OUT_PATH, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{OUT_PATH.name}: {len(rows)} markers")


if __name__ == "__main__":
    main(sys.argv)
