"""Reading a report file: .txt / .md / .html to plain text plus title, URL and date.

The text kept is what every character offset (sentence spans, event ``start``/``end``)
refers to; for HTML it is the visible text, not the markup. Files that cannot be a
report (empty, binary, not UTF-8, over ``MAX_BYTES``) raise ``DocumentError`` with a
message meant for the user; nothing is guessed about them.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from events.dates import find_url_date, latest_full_date

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")
_TITLE_MAX_CHARS = 120


class DocumentError(ValueError):
    """A file that cannot be read as a report; ``str(error)`` names the file and the reason."""


@dataclass(frozen=True)
class Document:
    """A report as plain text.

    ``name`` is the document id used in events (the file name); ``content_hash`` is the
    SHA-256 of ``text`` and the store's key. ``date_source`` says where ``date`` came
    from: argument, metadata, url, text or none.
    """

    name: str
    text: str
    title: str | None
    url: str | None
    date: date | None
    date_source: str
    content_hash: str


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_document(path: str | Path, doc_date: date | None = None) -> Document:
    """Read one report file; ``doc_date`` (e.g. from ``--date``) overrides any date found."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DocumentError(f"{path}: cannot read ({error.strerror or error})") from None
    if not path.is_file():
        raise DocumentError(f"{path}: not a file (a folder? `ingest` reads folders)")
    if size > MAX_BYTES:
        raise DocumentError(
            f"{path}: file is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit "
            "for one report; split it into smaller files"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read ({error.strerror or error})") from None
    return parse_document(raw, path.name, doc_date=doc_date, is_html=path.suffix.lower() in (".html", ".htm"))


def parse_document(raw: bytes, name: str, doc_date: date | None = None, is_html: bool | None = None) -> Document:
    """Decode and parse report bytes (an upload or a file's content)."""
    if len(raw) > MAX_BYTES:
        raise DocumentError(f"{name}: {len(raw) / 1024 / 1024:.1f} MB is over the {MAX_BYTES // 1024 // 1024} MB limit")
    if not raw.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{name}: a binary file, not a text report (.txt, .md or .html)")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{name}: not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "convert it to UTF-8 first, e.g. iconv -f cp1252 -t utf-8"
        ) from None
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    if is_html is None:
        is_html = bool(re.match(r"\s*(<!doctype html|<html|<head|<body)", decoded[:500], re.I))
    if is_html:
        text, meta = _html_to_text(decoded)
    else:
        text, meta = decoded, _text_metadata(decoded)
    if not text.strip():
        raise DocumentError(f"{name}: no text in the file")
    date_value, date_source = _document_date(text, meta, doc_date)
    return Document(
        name=name, text=text, title=meta.get("title"), url=meta.get("url"),
        date=date_value, date_source=date_source, content_hash=content_hash(text),
    )


def _document_date(text: str, meta: dict, doc_date: date | None) -> tuple[date | None, str]:
    if doc_date is not None:
        return doc_date, "argument"
    if meta.get("date") is not None:
        return meta["date"], "metadata"
    if meta.get("url"):
        found = find_url_date(meta["url"])
        if found is not None:
            return found, "url"
    found = latest_full_date(text)
    if found is not None:
        return found, "text"
    return None, "none"


_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.M)
_DATE_LINE = re.compile(r"^\W{0,3}(?:date|published|posted)\s*[:=]?\s*(\d{4})-(\d{2})-(\d{2})\b", re.I | re.M)
_HEADING_LINE = re.compile(r"^\s*(?:#{1,6}\s+(.+?)\s*#*|=+\s*(.+?)\s*=+)\s*$")


def _text_metadata(text: str) -> dict:
    """Title, URL and date from the top of a plain-text or Markdown report."""
    head = text[:3000]
    meta: dict = {}
    url = _URL_LINE.search(head)
    if url:
        meta["url"] = url.group(1)
    found = _DATE_LINE.search(head)
    if found:
        meta["date"] = _safe_date(*map(int, found.groups()))
    for line in head.split("\n"):
        if not line.strip():
            continue
        heading = _HEADING_LINE.match(line)
        if heading:
            meta["title"] = (heading.group(1) or heading.group(2)).strip()
        break
    if "title" not in meta:
        first = next((line.strip() for line in head.split("\n") if line.strip()), "")
        if _is_short_heading(first) and not _URL_LINE.match(first) and not _DATE_LINE.match(first):
            meta["title"] = first
    return meta


def _is_short_heading(line: str) -> bool:
    return 0 < len(line) <= _TITLE_MAX_CHARS and not re.search(r"[.!?:;,]$", line) and len(line.split()) >= 2


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
        text = "".join(self.parts)
        text = re.sub(r"[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0]*", "\n", text)
        text = re.sub(r"[ \t\f\v]{2,}", " ", text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        meta: dict = {}
        title = unescape(" ".join("".join(self._title).split())) or self.meta.get("og_title")
        if title and len(title) <= _TITLE_MAX_CHARS:
            meta["title"] = title
        if self.meta.get("url"):
            meta["url"] = self.meta["url"]
        stamp = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", self.meta.get("time", ""))
        if stamp:
            meta["date"] = _safe_date(*map(int, stamp.groups()))
        return text, meta


def _html_to_text(html: str) -> tuple[str, dict]:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text, meta = parser.result()
    if "date" not in meta or meta["date"] is None:
        meta.pop("date", None)
        found = _DATE_LINE.search(text[:3000])
        if found:
            meta["date"] = _safe_date(*map(int, found.groups()))
    return text, meta


def report_paths(paths: list[str | Path]) -> list[Path]:
    """The report files named or contained (recursively) in ``paths``, in a stable order."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES))
        else:
            found.append(item)
    return found
