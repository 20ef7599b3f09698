"""The one place YAML is read: safe, exact, and every value keeps its position.

Criteria and submissions are data from people, so the reader is strict:
no tags, anchors or aliases, no duplicate keys, keys are always text, and
plain scalars follow a small, predictable schema (YAML 1.1 surprises such as
`NO` meaning false or `010` meaning eight do not happen). Numbers become exact
`Decimal`s straight from their text, never floats.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import InvalidInput, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# What a file costs grows with its values (keys and items included), about 350 bytes and 14 µs each, so the
# count, not the size, bounds it: a 5 MiB list of "1," would be 2.6 million. The largest real files are
# criteria with a target per unit: the benchmark's 10,000 units × 20 target criteria make 445,000.
MAX_VALUES = 500_000

Key = str | int
Path_ = tuple[Key, ...]

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")


@dataclass(frozen=True, slots=True)  # one per value read: slots halve its size
class Position:
    """Where a value stands: 1-based line and column; `quoted` for caret offsets."""

    line: int
    col: int
    quoted: bool = False


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, where each value stands, and its raw bytes."""

    file: str
    data: Any
    positions: dict[Path_, Position]
    raw: bytes

    def where(self, path: Path_) -> Position:
        """The position of `path`, or of its nearest ancestor that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def problem(self, path: Path_, message: str, offset: int = 0) -> Problem:
        pos = self.where(path)
        return Problem(self.file, pos.line, pos.col + offset, message)


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:  # noqa: ANN401 - PyYAML has two Mark classes
        self.mark = mark
        self.message = message


class _Reader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python reader, scanner and parser: events only, no node tree and no tag resolution."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


_COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Builder:
    """Builds the data and its positions straight from the parser's events.

    PyYAML's composer would first build a node tree at about 600 bytes a value; reading events
    keeps only the data and one position a value. Anchors, aliases and tags are refused as they come,
    and the values are counted, so that no file can take more than MAX_VALUES of them.
    """

    def __init__(self, reader: _Reader, file: str) -> None:
        self.reader = reader
        self.file = file
        self.positions: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.values = 0

    def document(self) -> Any:  # noqa: ANN401 - YAML data is any shape until validated
        reader = self.reader
        reader.get_event()  # type: ignore[no-untyped-call]  # the stream's start
        data = None
        if not reader.check_event(yaml.StreamEndEvent):
            start = reader.get_event()  # type: ignore[no-untyped-call]  # the document's start
            data = self.value((), 0)
            reader.get_event()  # type: ignore[no-untyped-call]  # the document's end
            if not reader.check_event(yaml.StreamEndEvent):
                another = reader.get_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    start.start_mark,
                    "but found another document",
                    another.start_mark,
                )
        return data

    def event(self) -> Any:  # noqa: ANN401 - PyYAML's events are untyped
        event = self.reader.get_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.NodeEvent):
            self.values += 1
            if self.values > MAX_VALUES:
                message = f"the file holds more than {MAX_VALUES:,} values, far more than a round needs: is it the right file?"
                raise _Refused(event.start_mark, message)
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(event.start_mark, f"aliases (*{event.anchor}) are not allowed; write the value out")
            if event.anchor is not None:
                raise _Refused(event.start_mark, f"anchors (&{event.anchor}) are not allowed; write the value out")
            tag = getattr(event, "tag", None)  # an alias has none
            if tag is not None and tag != "!":
                raise _Refused(event.start_mark, f"YAML tags ({tag}) are not allowed")
        return event

    def skip(self, event: Any, depth: int) -> None:  # noqa: ANN401 - PyYAML's events are untyped
        """Read past the rest of the value `event` starts at `depth`, without building it (nor recursing)."""
        level = 1 if isinstance(event, _COLLECTION_STARTS) else 0
        while level:
            event = self.event()
            if isinstance(event, _COLLECTION_STARTS):
                level += 1
                self.check_depth(event, depth + level - 1)
            elif isinstance(event, _COLLECTION_ENDS):
                level -= 1

    def check_depth(self, event: Any, depth: int) -> None:  # noqa: ANN401 - PyYAML's events are untyped
        # Refused at once, as _check_depth refuses flow brackets: reading on would only count values.
        if depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"the YAML is nested more than {MAX_DEPTH} levels deep")

    def value(self, path: Path_, depth: int) -> Any:  # noqa: ANN401 - YAML data is any shape until validated
        event = self.event()
        mark = event.start_mark
        quoted = isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"')
        self.positions[path] = Position(mark.line + 1, mark.column + 1, quoted)
        self.check_depth(event, depth)
        if isinstance(event, yaml.ScalarEvent):
            if (half := _SURROGATE.search(event.value)) is not None:
                self.problems.append(_at(self.file, mark, _HALF_PAIR.format(half.group())))
                return None
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self.reader.peek_event(), yaml.SequenceEndEvent):  # type: ignore[no-untyped-call]
                items.append(self.value((*path, len(items)), depth + 1))
            self.reader.get_event()  # type: ignore[no-untyped-call]
            return items
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        while not isinstance(self.reader.peek_event(), yaml.MappingEndEvent):  # type: ignore[no-untyped-call]
            key_event = self.event()
            refused = self.refused_key(key_event, result, first_line)
            if refused is not None:
                self.problems.append(_at(self.file, key_event.start_mark, refused))
                self.skip(key_event, depth + 1)
                self.skip(self.event(), depth + 1)  # its value
                continue
            key = str(key_event.value)
            first_line[key] = key_event.start_mark.line + 1
            result[key] = self.value((*path, key), depth + 1)
        self.reader.get_event()  # type: ignore[no-untyped-call]
        return result

    @staticmethod
    def refused_key(event: Any, result: dict[str, Any], first_line: dict[str, int]) -> str | None:  # noqa: ANN401
        if not isinstance(event, yaml.ScalarEvent):
            return "a key must be plain text, not a list or mapping"
        key = str(event.value)
        if (half := _SURROGATE.search(key)) is not None:
            return _HALF_PAIR.format(half.group())
        if key == "<<" and event.style is None:
            return "merge keys (<<) are not allowed; write the values out"
        if key in result:
            return f"duplicate key '{key}' (first given on line {first_line[key]}); give each key once"
        return None


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of a file, or a problem naming the line of the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput([Problem(file, 1, 1, "the file is UTF-16 text; save it as UTF-8 and try again")])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InvalidInput([Problem(file, line, 1, "the file contains NUL bytes; is it really a text file?")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidInput(
            [Problem(file, line, col, "the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again")]
        ) from e
    return text.removeprefix("\ufeff")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most `limit` of them: never a pipe or a device, which can block or never end."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or a device)"
            raise InvalidInput([Problem(str(path), 1, 1, f"cannot read the file: it is {what}")])
        if info.st_size > limit:
            raise InvalidInput([Problem(str(path), 1, 1, f"the file is {info.st_size} bytes; the limit is {limit}")])
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)  # bounded: the file may grow meanwhile
    except OSError as e:
        raise InvalidInput([Problem(str(path), 1, 1, f"cannot read the file: {e.strerror}")]) from e
    except ValueError as e:  # a NUL in the name, e.g. from a record or a criteria file's `previous:`
        raise InvalidInput([nul_in_name(path)]) from e
    if len(raw) > limit:
        raise InvalidInput([Problem(str(path), 1, 1, f"the file grew past the limit of {limit} bytes while it was read")])
    return raw


def nul_in_name(path: Path) -> Problem:
    """A file name with a NUL in it, which no system can open; shown escaped, as no terminal shows a NUL."""
    return Problem(repr(str(path))[1:-1], 1, 1, "cannot read the file: its name contains a NUL")


def load(path: Path) -> Document:
    raw = read_bytes(path)
    return parse(raw, str(path))


def parse(raw: bytes, file: str) -> Document:
    text = decode(raw, file)
    _check_depth(text, file)
    try:
        reader = _Reader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as e:
        line, col = text.count("\n", 0, e.position) + 1, e.position - text.rfind("\n", 0, e.position)
        message = f"the file contains the control character {chr(e.character)!r}; is it really a text file?"
        raise InvalidInput([Problem(file, line, col, message)]) from None
    builder = _Builder(reader, file)
    try:
        data = builder.document()
    except _Refused as e:
        raise InvalidInput([_at(file, e.mark, e.message)]) from None
    except yaml.MarkedYAMLError as e:
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        raise InvalidInput([_at(file, e.problem_mark, f"YAML syntax error: {message}")]) from None
    except yaml.YAMLError as e:
        raise InvalidInput([Problem(file, 1, 1, f"YAML error: {e}")]) from None
    except (ValueError, OverflowError):
        # PyYAML's chr() on an escape past the last character ("\U01000000"); the reader stands on its digits
        mark = reader.get_mark()
        escape = text[mark.index - 2 : mark.index + 8]
        message = f"the escape {escape} names no character (the last is \\U0010FFFF)"
        raise InvalidInput([Problem(file, mark.line + 1, mark.column - 1, message)]) from None
    positions, problems = builder.positions, builder.problems
    if problems:
        raise InvalidInput(problems)
    return Document(file, data, positions, raw)


# An escape such as "\ud800" names half of a UTF-16 pair: no character, and no UTF-8 file can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_HALF_PAIR = "the escape {!a} is half of a surrogate pair, not a character; write the character itself"

_STRUCTURE = re.compile(r"[\[\]{}\"'\n]")


def _check_depth(text: str, file: str) -> None:
    """Refuse flow brackets nested past MAX_DEPTH before parsing: no parser is asked to recurse that deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    quote = ""
    line = 1
    for match in _STRUCTURE.finditer(text):
        char, i = match.group(), match.start()
        if char == "\n":
            line += 1
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char if i == 0 or text[i - 1] in " [{,:\n" else ""
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH + 1:  # the outermost is depth 0, as in _Builder.value
                col = i - text.rfind("\n", 0, i)
                raise InvalidInput([Problem(file, line, col, f"the YAML is nested more than {MAX_DEPTH} levels deep")])
        else:
            depth = max(depth - 1, 0)


def _at(file: str, mark: Any, message: str) -> Problem:  # noqa: ANN401 - PyYAML has two Mark classes
    if mark is None:
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, mark.column + 1, message)


def _scalar(event: yaml.ScalarEvent) -> Any:  # noqa: ANN401 - a scalar is text, number, bool or None
    text = event.value
    if event.style is not None:
        return text
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text) or _DECIMAL.fullmatch(text):
        return Decimal(text)
    return text
