"""Reading a report file: .txt / .md / .html to plain text plus title, URL and date.

The text kept is what every character offset (sentence spans, event ``start``/``end``)
refers to; for HTML it is the visible text, not the markup. The bytes are read and decoded
by ``report_text`` (the size limit and the encodings every entry point shares); a file that
cannot be a report raises ``DocumentError`` (``report_text.ReportError``) with a message
meant for the user; nothing is guessed about it.

A document date outside ``settings.EARLIEST_DOCUMENT_DATE``..``LATEST_DOCUMENT_DATE`` is
refused when it is given (``checked_date``: ``--date``, the page's date field) and ignored,
with a warning in ``Document.warnings``, when the report states it (date line, meta tag, URL,
text).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import settings
from events.dates import find_url_date, latest_full_date
from report_text import ReportError, decode_report, read_report_bytes

_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body)", re.I)
_PUNCTUATION_END = re.compile(r"[.!?:;,]$")
_SPACE_RUN = re.compile(r"[ \t\f\v]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_ISO_STAMP = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")
_TITLE_MAX_CHARS = 120

DocumentError = ReportError


@dataclass(frozen=True)
class Document:
    """A report as plain text.

    ``name`` is the document id used in events (the file name); ``content_hash`` is the
    SHA-256 of ``text`` and the store's key. ``date_source`` says where ``date`` came
    from: argument, metadata, url, text or none. ``warnings`` are for the user (a date
    the report states that cannot be its date).
    """

    name: str
    text: str
    title: str | None
    url: str | None
    date: date | None
    date_source: str
    content_hash: str
    warnings: tuple[str, ...] = ()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checked_date(value: date, name: str = "the report") -> date:
    """``value`` if a report can be dated so, else ``DocumentError`` naming ``name``."""
    if not settings.EARLIEST_DOCUMENT_DATE <= value <= settings.LATEST_DOCUMENT_DATE:
        raise DocumentError(f"{name}: {value.isoformat()} cannot be a report's date "
                            f"(dates from {settings.EARLIEST_DOCUMENT_DATE} to {settings.LATEST_DOCUMENT_DATE})")
    return value


def read_document(path: str | Path, doc_date: date | None = None) -> Document:
    """Read one report file; ``doc_date`` (e.g. from ``--date``) overrides any date found."""
    path = Path(path)
    raw = read_report_bytes(path)
    return parse_document(raw, path.name, doc_date=doc_date, is_html=path.suffix.lower() in (".html", ".htm"))


def parse_document(raw: bytes, name: str, doc_date: date | None = None, is_html: bool | None = None) -> Document:
    """Decode and parse report bytes (an upload or a file's content). A given ``doc_date`` is
    taken as it is: the entry points refuse an impossible one first (``checked_date``), and the
    reader ignores one it cannot count from, with a warning."""
    decoded = decode_report(raw, name)
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    if is_html is None:
        is_html = bool(_HTML_START.match(decoded[:500]))
    if is_html:
        text, meta = _html_to_text(decoded)
    else:
        text, meta = decoded, _text_metadata(decoded)
    if not text.strip():
        raise DocumentError(f"{name}: no text in the file")
    warnings: list[str] = []
    date_value, date_source = _document_date(name, text, meta, doc_date, warnings)
    return Document(
        name=name, text=text, title=meta.get("title"), url=meta.get("url"),
        date=date_value, date_source=date_source, content_hash=content_hash(text), warnings=tuple(warnings),
    )


def _document_date(name: str, text: str, meta: dict, doc_date: date | None,
                   warnings: list[str]) -> tuple[date | None, str]:
    if doc_date is not None:
        return doc_date, "argument"
    stated = (("metadata", lambda: meta.get("date")),
              ("url", lambda: find_url_date(meta["url"]) if meta.get("url") else None),
              ("text", lambda: latest_full_date(text)))
    for source, find in stated:
        found = find()
        if found is None:
            continue
        try:
            return checked_date(found, name), source
        except DocumentError as error:
            warnings.append(f"{error}; the date found in its {_SOURCE_NAMES[source]} is ignored")
    return None, "none"


_SOURCE_NAMES = {"metadata": "date line or meta tag", "url": "URL", "text": "text"}
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.M)
# "source: URL" / "date: ..." lines at the top of a saved report: its metadata, never its title.
_SOURCE_LINE = re.compile(r"^\W{0,3}(?:source|url|link)\s*[:=]\s*(https?://\S+)\s*$", re.I | re.M)
_METADATA_LINE = re.compile(r"^\W{0,3}(?:source|url|link|date|published|posted|author|by)\s*[:=]", re.I)
_DATE_LINE = re.compile(r"^\W{0,3}(?:date|published|posted)\s*[:=]?\s*(\d{4})-(\d{2})-(\d{2})\b", re.I | re.M)
_HEADING_LINE = re.compile(r"^\s*(?:#{1,6}\s+(.+?)\s*#*|=+\s*(.+?)\s*=+)\s*$")


def _text_metadata(text: str) -> dict:
    """Title, URL and date from the top of a plain-text or Markdown report."""
    head = text[:3000]
    meta: dict = {}
    url = _SOURCE_LINE.search(head) or _URL_LINE.search(head)
    if url:
        meta["url"] = url.group(1)
    found = _DATE_LINE.search(head)
    if found:
        meta["date"] = _safe_date(*map(int, found.groups()))
    lines = [line for line in head.split("\n") if line.strip()]
    while lines and _METADATA_LINE.match(lines[0]):
        lines.pop(0)
    for line in lines:
        heading = _HEADING_LINE.match(line)
        if heading:
            meta["title"] = (heading.group(1) or heading.group(2)).strip()
        break
    if "title" not in meta:
        first = lines[0].strip() if lines else ""
        if _is_short_heading(first) and not _URL_LINE.match(first) and not _DATE_LINE.match(first):
            meta["title"] = first
    return meta


def _is_short_heading(line: str) -> bool:
    return 0 < len(line) <= _TITLE_MAX_CHARS and not _PUNCTUATION_END.search(line) and len(line.split()) >= 2


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element, plus its metadata."""

    _BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "header", "footer", "blockquote", "table", "ul", "ol", "dd", "dt", "pre"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.meta: dict = {}
        self._in_title = False
        self._title: list[str] = []
        self._heading_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = {key.lower(): (value or "") for key, value in attrs}
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self.skip_depth += 1
        if tag == "meta":
            self._meta(attributes)
        if tag == "link" and attributes.get("rel", "").lower() == "canonical" and attributes.get("href"):
            self.meta.setdefault("url", attributes["href"])
        if tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        if tag in self._BLOCKS:
            self.parts.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article") else "\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n\n" if tag.startswith("h") or tag == "p" else "\n")

    def handle_data(self, data):
        if self._in_title:
            self._title.append(data)
        if self.skip_depth:
            return
        self.parts.append(data)

    def _meta(self, attributes: dict) -> None:
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        value = attributes.get("content", "").strip()
        if not value:
            return
        if key in ("og:url", "twitter:url"):
            self.meta.setdefault("url", value)
        elif key in ("og:title", "twitter:title"):
            self.meta.setdefault("og_title", value)
        elif key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
                     "datepublished", "article.published", "sailthru.date"):
            self.meta.setdefault("time", value)

    def result(self) -> tuple[str, dict]:
        # Lines stripped one by one: a regex around "\n" would rescan a long run of spaces
        # from each of its characters.
        text = "\n".join(line.strip(" \t\f\v\u00a0") for line in "".join(self.parts).split("\n"))
        text = _SPACE_RUN.sub(" ", text)
        text = _BLANK_LINES.sub("\n\n", text).strip() + "\n"
        meta: dict = {}
        title = unescape(" ".join("".join(self._title).split())) or self.meta.get("og_title")
        if title and len(title) <= _TITLE_MAX_CHARS:
            meta["title"] = title
        if self.meta.get("url"):
            meta["url"] = self.meta["url"]
        stamp = _ISO_STAMP.match(self.meta.get("time", ""))
        if stamp:
            meta["date"] = _safe_date(*map(int, stamp.groups()))
        return text, meta


def _html_to_text(html: str) -> tuple[str, dict]:
    parser = _TextExtractor()
    # After the last ">" no tag can end, but html.parser (Python < 3.11.13) would scan from
    # each "<" there to the end of the text: quadratic on "<a/" repeated. Escaped, the tail
    # reads as the same text in linear time.
    cut = html.rfind(">") + 1
    parser.feed(html[:cut])
    parser.feed(html[cut:].replace("<", "&lt;"))
    parser.close()
    text, meta = parser.result()
    if "date" not in meta or meta["date"] is None:
        meta.pop("date", None)
        found = _DATE_LINE.search(text[:3000])
        if found:
            meta["date"] = _safe_date(*map(int, found.groups()))
    return text, meta


def report_paths(paths: list[str | Path]) -> tuple[list[Path], list[Path]]:
    """``(reports, skipped)``: the files named in ``paths`` and the report files (by suffix,
    ``TEXT_SUFFIXES``) in its folders, recursively, in a stable order; and the other files
    found in those folders, which are not read but named to the user."""
    found: list[Path] = []
    skipped: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            for path in sorted(p for p in item.rglob("*") if p.is_file()):
                (found if path.suffix.lower() in TEXT_SUFFIXES else skipped).append(path)
        else:
            found.append(item)
    return found, skipped
