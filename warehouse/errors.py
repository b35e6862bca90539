"""Errors the warehouse raises for users: each message names the file and the reason."""


class S301Error(Exception):
    """An error meant for the user: printed as one clear line, never as a traceback."""


class WarehouseError(S301Error):
    """The DuckDB file cannot be opened, created or migrated."""


class ReferenceDataError(S301Error):
    """A reference CSV is malformed; the message names the file and the line."""


class DocumentError(S301Error):
    """A report cannot be read; the message names the file and the reason."""


# ---------------------------------------------------------------- names and messages shown to people

import os as _os
import re as _re

_SURROGATE = _re.compile("[\ud800-\udfff]")


def _escape_surrogate(m: "_re.Match") -> str:
    code = ord(m.group(0))
    # \udc80-\udcff: a byte of a file name that is not UTF-8 (Python's surrogateescape)
    return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` as valid Unicode: the lone surrogates by which Python carries the bytes of a file name
    that is not UTF-8 (`bad\\udcff.txt`) become `\\xff` (`bad\\xff.txt`), so the name can be printed,
    written to UTF-8 files and stored. Valid text is returned as it is."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_escape_surrogate, text)


_CONTROL = _re.compile("[\x00-\x1f\x7f-\x9f]")
_NAMED_CONTROLS = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape_control(m: "_re.Match") -> str:
    c = m.group(0)
    return _NAMED_CONTROLS.get(c) or f"\\x{ord(c):02x}"


def one_line(text: str) -> str:
    """printable(text) with its control characters escaped (`\\n`, `\\x1b` ...): what a message
    line may show of a file name or a library's message. A line break or a terminal escape sequence
    in a file name can then neither split an error line nor drive the terminal."""
    text = printable(text)
    return _CONTROL.sub(_escape_control, text) if _CONTROL.search(text) else text


def shown(path) -> str:
    """A file name as messages, output files and the warehouse show it: one_line(str(path))
    (bytes that are not UTF-8 as `\\xff`, control characters escaped)."""
    return one_line(_os.fspath(path) if isinstance(path, _os.PathLike) else str(path))
