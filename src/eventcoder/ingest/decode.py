"""Bytes to text: UTF-8 first, else the declared or detected encoding (with a warning);
binary data is recognised and refused."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..model import SkipReason

__all__ = ["Decoded", "decode_bytes", "looks_binary"]

_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"MZ", b"SQLite format 3", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"RIFF",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"%!PS", b"\xd0\xcf\x11\xe0",
)  # fmt: skip
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE)
_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{1,40})""")
# Control characters other than tab, newline, carriage return, form feed and escape.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes, what encoding it was in, and what was odd about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """True for file signatures of images, archives, PDFs ..., and for NUL bytes."""
    head = data[:8192]
    if head.startswith(_BOMS):
        return False
    if head.startswith(_MAGIC):
        return True
    return b"\x00" in head


def decode_bytes(data: bytes) -> Decoded | SkipReason:
    """Decode ``data``; a :class:`SkipReason` (EMPTY or BINARY) when it is not text."""
    if not data.strip():
        return SkipReason.EMPTY
    if looks_binary(data):
        return SkipReason.BINARY
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name, ())
            except UnicodeDecodeError:
                break
    try:
        return _checked(data.decode("utf-8-sig"), "utf-8", ())
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data)
    if declared:
        try:
            return _checked(data.decode(declared), declared, ())
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is not None:
        # Ties are common on short Latin texts; prefer windows-1252, the web's usual
        # non-UTF-8 encoding (WHATWG maps "latin-1" to it too).
        for match in matches:
            if match.encoding == "cp1252" and (match.chaos, match.coherence) == (best.chaos, best.coherence):
                best = match
    if best is None or best.encoding is None:
        text = data.decode("utf-8", errors="replace")
        return _checked(text, "utf-8", ("invalid UTF-8: undecodable bytes replaced with U+FFFD",))
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(best.encoding, errors="replace")
    return _checked(text, best.encoding, (f"not UTF-8: decoded as {best.encoding} (detected)",))


def _declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_DECLARED.search(head) or _DECLARED.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _checked(text: str, encoding: str, warnings: tuple[str, ...]) -> Decoded | SkipReason:
    if not text.strip():
        return SkipReason.EMPTY
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        return SkipReason.BINARY
    return Decoded(text=text, encoding=encoding, warnings=warnings)
