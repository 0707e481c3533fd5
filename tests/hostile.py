"""Hostile and careless input for the reader: adversarial shapes and a seeded fuzzer.

Shared by tests/test_fuzz.py (a few hundred inputs), bench/fuzz.py (10,000) and
bench/adversarial.py (each shape from 1 KB to 4 MB). Nothing here is copied from a report:
the shapes are built from the project's own words, and the "seed report" shape reads the
seed reports from ../shared when it runs.

- ``SHAPES``: name -> ``(make(size) -> bytes, is_html)``, one adversarial shape each;
- ``fuzz_cases(n, seed)``: ``n`` ``Case`` values (bytes, name, given date, HTML or not,
  names to resolve), reproducible from ``seed``;
- ``run_case(case, reader, gazetteer)``: the case through every stage an entry point runs
  (decode, document date, extraction in the worker, geoparse, resolve), returning the
  ``Outcome``: the stage it stopped at, and whether that was a clear refusal or a crash.
"""
from __future__ import annotations

import random
import time
import traceback
from dataclasses import dataclass, field
from datetime import date

import settings
from events.documents import DocumentError, parse_document
from events.worker import ReaderFailed, ReportTimeout
from report_text import blank_markup, decode_report

# The project's own words: sides, actions, places (facts), dates and connectives.
SIDES = ["the Army", "the Syrian army", "government forces", "ISIS", "IS", "the SDF", "rebels", "Hezbollah",
         "the coalition", "Russian jets", "HTS", "they", "the militants", "pro-government militias"]
ACTIONS = ["captured", "seized", "took", "attacked", "besieged", "encircled", "repelled an attack on",
           "advanced towards", "shelled", "withdrew from", "recaptured", "lost", "struck", "entered",
           "failed to take", "denied capturing", "are expected to attack", "did not capture"]
PLACES = ["Raqqa", "Palmyra", "Deir ez-Zor", "Mayadin", "Abu Kamal", "al-Tanf", "Sukhnah", "Maskanah",
          "Aleppo", "Homs", "Hama", "Idlib", "Tabqa", "Arak", "Qaryatayn", "the city", "the town",
          "the airbase", "the T4 airbase", "north of Raqqa", "5 km east of Palmyra", "the eastern Hama countryside"]
DATES = ["on 1 May", "on 1 May 2017", "1 May 2017", "on 31 December 9999", "on 1 January 0001", "0001-01-01",
         "9999-12-31", "in May 2017", "three days later", "two weeks earlier", "last week", "yesterday",
         "on Monday", "between 1 and 5 May", "early June", "29 February 2017", "32 May 2017", "in 9999",
         "on 30 February", "1 May 1", "May 99999", "in the year 0", "by 3 June", "since 2011", "the next day",
         "10,000 days later", "on 2017-06-02", "2017-13-45", "in late 9999", "900,000 years ago"]
GLUE = [". ", ", ", "; ", " and ", " but ", "...", "\n", "\n\n", " (", ") ", '"', " — ", ": ", " after ",
        " while ", " with ", " against ", " near ", " from ", "? ", "! ", " - "]
ODD = ["الرقة", "تدمر", "\u200f", "\u202e", "\u200d", "\u00a0", "\u2028", "\ufeff", "e\u0301", "２０１７", "🙂",
       "\U0001f1f8\U0001f1fe", "Ｒａｑｑａ", "ß", "İ", "ǅ", "\x0b", "\x1b[31m", "\t", "Ꙭ", "𝐑𝐚𝐪𝐪𝐚"]
MARKUP = ["<script>", "</script>", "<p>", "</p>", "<br>", "<a href='javascript:alert(1)'>", "</a>",
          "<img src=x onerror=alert(1)>", "<!--", "-->", "<meta name=date content=9999-12-31>",
          "<meta name='date' content='0001-01-02'>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<title>",
          "</title>", "<a/", "<", ">", "<![CDATA[", "<style>", "<?xml", "<!doctype html>"]
HEADERS = ["Date: 9999-12-31", "Date: 0001-01-01", "Date: 0001-01-05", "date: 2017-06-02", "Published: 0000-00-00",
           "Posted: 2017-02-30", "https://example.org/news/9999/12/31/x", "https://example.org/0001/01/03/y",
           "https://example.org/2017/06/02/z", "# Front update", "=== Report ===", "Date: 2100-12-31"]
GIVEN_DATES = [None] * 30 + [date(2017, 6, 2), date(9999, 12, 31), date(1, 1, 1), date(1, 1, 6), date.max,
                            date.min, date(1900, 1, 1), date(2100, 12, 31), date(2024, 2, 29)]

SENTENCE = "On 3 May 2017 the Army captured Palmyra from ISIS."


def _repeat(unit: str, size: int, head: str = "") -> str:
    body = unit * (max(0, size - len(head.encode("utf-8"))) // max(1, len(unit.encode("utf-8"))) + 1)
    return (head + body).encode("utf-8")[:size].decode("utf-8", "ignore")


def _seed_text() -> str:
    if settings.SHARED_DIR is None:
        raise RuntimeError("../shared/seeds not found; set FRONTLINE_SHARED")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((settings.SHARED_DIR / "seeds").glob("*.txt")))


def _shape(unit: str, head: str = "", html: bool = False):
    return (lambda size: _repeat(unit, size, head).encode("utf-8"), html)


SHAPES = {
    "dots after a sentence": _shape(".", SENTENCE + " "),
    "a seed report repeated": (lambda size: _repeat(_seed_text() + "\n\n", size).encode("utf-8"), False),
    "'the Army captured Raqqa, ' repeated": _shape("the Army captured Raqqa, "),
    "'1 May ' repeated": _shape("1 May "),
    "unclosed <script> repeated (HTML)": _shape("<script>", "<html><body><p>" + SENTENCE + "</p>", html=True),
    "'<a/' repeated (HTML)": _shape("<a/", "<html><body><p>" + SENTENCE + "</p>", html=True),
    "one word without spaces": _shape("Raqqa", SENTENCE + " "),
    "letters without spaces": _shape("abcdefghijklmnopqrstuvwxyz", SENTENCE + " "),
    "spaces": _shape(" ", SENTENCE),
    "blank lines": _shape("\n", SENTENCE),
    "commas": _shape(", ", SENTENCE),
    "opening brackets": _shape("(", SENTENCE),
    "capitalised names": _shape("Deir Hafer Al Bab Tell Abyad Abu Kamal "),
    "'on 1 May 2017, the Army attacked Homs' repeated": _shape("on 1 May 2017, the Army attacked Homs and "),
}


@dataclass(frozen=True)
class Case:
    raw: bytes
    name: str
    given_date: date | None
    is_html: bool | None
    names: tuple[str, ...]


@dataclass
class Outcome:
    case: Case
    stage: str = "done"          # where it stopped: decode, extract, geoparse, resolve or done
    kind: str = "ok"             # ok, refused (a clear DocumentError), crash or over budget
    message: str = ""
    details: str = ""            # a crash's traceback
    seconds: dict = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return sum(self.seconds.values())


def _text(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        roll = rng.random()
        if roll < 0.45:
            piece = " ".join([rng.choice(DATES), rng.choice(SIDES), rng.choice(ACTIONS), rng.choice(PLACES)])
        elif roll < 0.60:
            piece = rng.choice(PLACES + SIDES + DATES)
        elif roll < 0.75:
            piece = rng.choice(GLUE)
        elif roll < 0.83:
            piece = rng.choice(ODD)
        elif roll < 0.88:
            piece = rng.choice(MARKUP)
        elif roll < 0.92:
            piece = rng.choice(HEADERS) + "\n"
        elif roll < 0.96:
            piece = rng.choice(GLUE + [" ", "x", "1 May ", "Raqqa, "]) * rng.randint(20, 400)
        else:
            piece = "".join(chr(rng.choice([rng.randint(32, 0x2FF), rng.randint(0x600, 0x6FF),
                                            rng.randint(0x2000, 0x206F), rng.randint(0x1F300, 0x1F6FF)]))
                            for _ in range(rng.randint(1, 40)))
        parts.append(piece)
        length += len(piece)
    return "".join(parts)


def _encode(rng: random.Random, text: str) -> bytes:
    roll = rng.random()
    if roll < 0.80:
        return text.encode("utf-8")
    if roll < 0.86:
        return text.encode("utf-8-sig")
    if roll < 0.90:
        return text.encode("utf-16")
    if roll < 0.92:
        return text.encode("utf-16-be")  # no byte-order mark: refused
    if roll < 0.94:
        return text.encode("utf-32")
    if roll < 0.97:
        return text.encode("cp1252", "replace")
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):  # a few flipped bytes: broken UTF-8, stray NULs
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def fuzz_cases(n: int, seed: int = 13, max_bytes: int = 4096) -> list[Case]:
    """``n`` reproducible cases of up to about ``max_bytes`` each: mostly report-like text
    woven from sides, actions, places and dates (many impossible), with odd characters,
    markup, date lines, long repeats and broken encodings; and a few adversarial shapes."""
    rng = random.Random(seed)
    cases = []
    shapes = sorted(name for name in SHAPES if name != "a seed report repeated")
    for i in range(n):
        size = int(rng.choice([64, 256, 1024, 2048, max_bytes]) * rng.uniform(0.3, 1.0))
        if rng.random() < 0.08:
            make, is_html = SHAPES[rng.choice(shapes)]
            raw = make(size)
        else:
            text = _text(rng, size)
            if rng.random() < 0.3:
                text = rng.choice(HEADERS) + "\n" + text
            raw = _encode(rng, text)
            is_html = rng.choice([None, None, False, True])
        names = tuple(rng.choice([rng.choice(PLACES), rng.choice(ODD), _text(rng, rng.choice([5, 40, 300])), "",
                                  "   ", rng.choice(PLACES) * rng.randint(2, 50)]) for _ in range(2))
        cases.append(Case(raw, f"fuzz-{seed}-{i:05d}.{'html' if is_html else 'txt'}", rng.choice(GIVEN_DATES),
                          is_html, names))
    return cases


def run_case(case: Case, reader, gazetteer, budget_s: float | None = None) -> Outcome:
    """``case`` through decoding and its document date, extraction (in ``reader``'s worker,
    within its budget), geoparse (as ``python -m gazetteer geoparse`` reads the bytes) and
    resolve (each name, and with the text as context). A ``DocumentError`` at decoding is the
    clear refusal every entry point shows; any other exception is a crash. All stages
    together over ``budget_s`` (``settings.REPORT_TIME_BUDGET_S``) is over budget."""
    outcome = Outcome(case)

    def stage(name, work):
        outcome.stage = name
        started = time.perf_counter()
        try:
            return work()
        finally:
            outcome.seconds[name] = time.perf_counter() - started

    try:
        document = stage("decode", lambda: parse_document(case.raw, case.name, case.given_date, case.is_html))
    except DocumentError as error:
        outcome.kind, outcome.message = "refused", str(error)
        return outcome
    except Exception as error:
        outcome.kind, outcome.message, outcome.details = "crash", repr(error), traceback.format_exc()
        return outcome
    try:
        stage("extract", lambda: reader.read(document))
        text = decode_report(case.raw, case.name)
        text = blank_markup(text) if case.is_html else text
        stage("geoparse", lambda: gazetteer.geoparse(text))
        stage("resolve", lambda: [gazetteer.resolve(name, context) for name in case.names
                                  for context in (None, text)])
    except ReportTimeout as error:
        outcome.kind, outcome.message = "over budget", str(error)
        return outcome
    except ReaderFailed as error:
        outcome.kind, outcome.message, outcome.details = "crash", str(error), error.details
        return outcome
    except Exception as error:
        outcome.kind, outcome.message, outcome.details = "crash", repr(error), traceback.format_exc()
        return outcome
    outcome.stage = "done"
    if outcome.total_s > (settings.REPORT_TIME_BUDGET_S if budget_s is None else budget_s):
        outcome.kind, outcome.message = "over budget", f"{outcome.total_s:.1f} s in all stages"
    return outcome
