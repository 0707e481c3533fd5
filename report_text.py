"""A report's bytes as text: the one size limit and the one decoder of every entry point.

The page's upload and paste, ``python -m events extract`` and ``ingest``, and ``python -m
gazetteer geoparse`` read reports through this module, so that a file is taken or refused
the same way, with the same message, wherever it is given:

- at most ``settings.MAX_REPORT_BYTES`` (a file's size is checked before it is read);
- UTF-8 with or without a byte-order mark, or UTF-16 with a byte-order mark (either byte
  order). Nothing is guessed: any other encoding is refused, and so is a file with NUL
  bytes (binary) or without any text.

``ReportError`` (a ``ValueError``) carries the message for the user and names the report.
The text is returned exactly as decoded (line ends included): callers that index the file
(geoparse's offsets) and callers that normalise it (events/documents.py) both start here.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import settings

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_CONVERT_HINT = "save it as UTF-8 first, e.g. iconv -f cp1252 -t utf-8 FILE"


class ReportError(ValueError):
    """A report that cannot be read; ``str(error)`` names it and says why, for the user."""


def limit_text() -> str:
    """The size limit as people read it ("5 MB")."""
    return _megabytes(settings.MAX_REPORT_BYTES)


def read_report_bytes(path: str | Path) -> bytes:
    """The bytes of a report file, refused before reading when over the size limit."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportError(f"{path}: cannot read (no such file)") from None
    except OSError as error:
        raise ReportError(f"{path}: cannot read ({error.strerror or error})") from None
    if not path.is_file():
        raise ReportError(f"{path}: not a file (a folder?)")
    _check_size(size, str(path))
    try:
        return path.read_bytes()
    except OSError as error:
        raise ReportError(f"{path}: cannot read ({error.strerror or error})") from None


def decode_report(raw: bytes, name: str) -> str:
    """The text of a report's bytes (see the module's rules), or ``ReportError``."""
    _check_size(len(raw), name)
    if not raw.strip():
        raise ReportError(f"{name}: the file is empty")
    if raw.startswith(_UTF32_BOMS):
        raise ReportError(f"{name}: not UTF-8 text (it is UTF-32); {_CONVERT_HINT}")
    if raw.startswith(_UTF16_BOMS):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReportError(f"{name}: not UTF-8 text, nor valid UTF-16 (bad byte at offset {error.start}); "
                              f"{_CONVERT_HINT}") from None
    else:
        if b"\x00" in raw:
            raise ReportError(f"{name}: a binary file, not a text report (.txt, .md or .html)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ReportError(f"{name}: not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                              f"{_CONVERT_HINT}") from None
    if "\x00" in text:
        raise ReportError(f"{name}: a binary file, not a text report (.txt, .md or .html)")
    if not text.strip():
        raise ReportError(f"{name}: the file is empty")
    return text


def pasted_report(value: object, name: str) -> bytes:
    """The UTF-8 bytes of text pasted into the page, or ``ReportError``: a request can carry
    anything, so its type and its characters are checked before it is read as a report."""
    if not isinstance(value, str):
        raise ReportError(f"{name}: the pasted report is not text")
    try:
        raw = value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ReportError(f"{name}: the pasted text has an invalid character at position {error.start} "
                          "(half of a UTF-16 pair); copy it again from its source") from None
    _check_size(len(raw), name)
    return raw


_SKIPPED_ELEMENT = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
_SKIPPED_END = re.compile(r"</(?:script|style)>", re.IGNORECASE)
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_markup(html: str) -> str:
    """``html`` with its tags, scripts and styles turned to spaces (newlines kept), so that
    offsets into the result still index the file.

    Linear on any text: a ``<`` after the last ``>`` cannot open a tag and is not looked at,
    and a ``<script``/``<style`` after the last ``</script>``/``</style>`` blanks its tag only
    (as an unclosed element's content is shown), so no search runs to the end more than once.
    """
    last_gt = max(html.rfind(">"), 0)
    last_end = max((m.start() for m in _SKIPPED_END.finditer(html)), default=-1)
    pieces: list[str] = []
    done = 0
    while True:
        start = html.find("<", done, last_gt)
        if start < 0:
            break
        end = html.find(">", start) + 1
        if start < last_end and _SKIPPED_ELEMENT.match(html, start):
            end = _SKIPPED_END.search(html, start).end()
        pieces.append(html[done:start])
        pieces.append(_NOT_NEWLINE.sub(" ", html[start:end]))
        done = end
    pieces.append(html[done:])
    return "".join(pieces)


def over_limit(size: int, limit: int | None = None) -> str | None:
    """Why a report of ``size`` bytes is refused (None when it is not), for messages that
    the caller prefixes with the report's name."""
    limit = settings.MAX_REPORT_BYTES if limit is None else limit
    if size <= limit:
        return None
    return (f"{_megabytes(size)} is over the {_megabytes(limit)} limit for one report "
            "(settings.MAX_REPORT_BYTES); split it into smaller files")


def _check_size(size: int, name: str) -> None:
    reason = over_limit(size)
    if reason:
        raise ReportError(f"{name}: {reason}")


def _megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"
