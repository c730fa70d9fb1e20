"""Turning raw bytes into text: empty, binary and encoding checks, byte-order marks and declared charsets."""

from __future__ import annotations

import codecs
import re

from ..errors import Errors, InputError

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control bytes that plain text does not contain (tab, newline, form feed and carriage return are fine).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CONTROL_TABLE = bytes(range(256))
#: Labels that web pages use for windows-1252 (the WHATWG Encoding Standard maps them so, as browsers do).
WEB_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "l1": "cp1252",
    "iso8859-1": "cp1252",
}
#: How much of a file the binary sniffer looks at.
SNIFF_BYTES = 8192


def detect_bom(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes, threshold: float) -> bool:
    """Whether bytes are binary: a NUL byte, or a share of control bytes above `threshold`."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(_CONTROL_TABLE, _CONTROL))
    return controls / len(head) > threshold


def check_text_bytes(head: bytes, name: str, threshold: float) -> None:
    """Raise E001 for empty input and E002 for binary input, judged on the first bytes.

    Raises:
        InputError: E001 or E002.
    """
    if not head.strip():
        raise InputError(Errors.E001.format(name=name))
    if detect_bom(head) is None and looks_binary(head[:SNIFF_BYTES], threshold):
        raise InputError(Errors.E002.format(name=name))


def check_not_binary(head: bytes, name: str, threshold: float) -> None:
    """Raise E002 when the first bytes of a streamed input look binary (emptiness is judged later).

    Raises:
        InputError: E002.
    """
    if detect_bom(head) is None and looks_binary(head[:SNIFF_BYTES], threshold):
        raise InputError(Errors.E002.format(name=name))


def decode_text(data: bytes, name: str, *, threshold: float, declared: str | None = None) -> str:
    """Decode a whole input: a BOM wins, then a declared charset (HTML, HTTP), then strict UTF-8.

    Args:
        data (bytes): the raw input.
        name (str): names the input in messages.
        threshold (float): share of control bytes above which the input is binary.
        declared (str | None): a charset the input declares about itself.

    Returns:
        str: the text, without a BOM.

    Raises:
        InputError: E001 (empty), E002 (binary) or E003 (not valid UTF-8, with the byte position).
    """
    check_text_bytes(data, name, threshold)
    encoding = detect_bom(data)
    if encoding is None and declared and _known_codec(declared):
        encoding = WEB_CHARSET_ALIASES.get(declared.lower(), declared)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        raise InputError(Errors.E003.format(name=name, position=err.start)) from None
    if not text.strip():
        raise InputError(Errors.E001.format(name=name))
    return text


def _known_codec(name: str) -> bool:
    """Whether Python knows the codec `name`."""
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB (meta, http-equiv, XML prolog)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None
