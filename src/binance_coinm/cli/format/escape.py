"""Text from the exchange made harmless to print: nothing in it may drive a terminal.

Every character that is not printable is escaped: C0 and C1 controls (``\\x1b``, ``\\x9b``,
the 8-bit CSI), bidirectional marks and overrides (``\\u202e``), line and paragraph
separators (``\\u2028``), and every other format, private-use or unassigned character.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with each character that is not printable as a Python escape (``\\x9b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP, JSON spells a character as its UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_printable(line: str) -> str:
    """A line of JSON text with each character that is not printable as a JSON escape
    (``\\u009b``), so that it stays valid JSON holding the same strings.

    Outside strings JSON holds only printable ASCII, so every such character is in a string,
    where ``\\uXXXX`` means that very character.
    """
    if line.isprintable():
        return line
    return "".join(c if c.isprintable() else _json_escape(c) for c in line)
