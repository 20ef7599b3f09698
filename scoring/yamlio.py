"""The one place YAML is read: safe, exact, and every value keeps its position.

Criteria and submissions are data from people, so the reader is strict:
no tags, anchors or aliases, no duplicate keys, keys are always text, and
plain scalars follow a small, predictable schema (YAML 1.1 surprises such as
`NO` meaning false or `010` meaning eight do not happen). Numbers become exact
`Decimal`s straight from their text, never floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import InvalidInput, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
# Every value PyYAML composes costs about a kilobyte of memory, so the count, not the size, bounds what a
# file can take: a 5 MiB list of "1," would be 2.6 million values and gigabytes. A round's largest real
# file (63 provinces × 50 indicators, each with its evidence) has about 16,000.
MAX_VALUES = 100_000

Key = str | int
Path_ = tuple[Key, ...]

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")


@dataclass(frozen=True)
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


class _Loader(yaml.SafeLoader):
    """Composes nodes only; refuses anchors, aliases, tags and a file of too many values as it meets them."""

    values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's own signature
        event = self.peek_event()  # type: ignore[no-untyped-call]
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(
                event.start_mark,
                f"the file holds more than {MAX_VALUES:,} values, far more than a round needs: is it the right file?",
            )
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"aliases (*{event.anchor}) are not allowed; write the value out")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, f"anchors (&{event.anchor}) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Refused(event.start_mark, f"YAML tags ({tag}) are not allowed")
        return super().compose_node(parent, index)


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


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Problem(str(path), 1, 1, f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}")])
        return path.read_bytes()
    except OSError as e:
        raise InvalidInput([Problem(str(path), 1, 1, f"cannot read the file: {e.strerror}")]) from e


def load(path: Path) -> Document:
    raw = read_bytes(path)
    return parse(raw, str(path))


def parse(raw: bytes, file: str) -> Document:
    text = decode(raw, file)
    _check_depth(text, file)
    try:
        loader = _Loader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as e:
        line, col = text.count("\n", 0, e.position) + 1, e.position - text.rfind("\n", 0, e.position)
        message = f"the file contains the control character {chr(e.character)!r}; is it really a text file?"
        raise InvalidInput([Problem(file, line, col, message)]) from None
    try:
        node = loader.get_single_node()
    except _Refused as e:
        raise InvalidInput([_at(file, e.mark, e.message)]) from None
    except yaml.MarkedYAMLError as e:
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        raise InvalidInput([_at(file, e.problem_mark, f"YAML syntax error: {message}")]) from None
    except yaml.YAMLError as e:
        raise InvalidInput([Problem(file, 1, 1, f"YAML error: {e}")]) from None
    except RecursionError:
        raise InvalidInput([Problem(file, 1, 1, "the YAML is nested too deeply")]) from None
    except (ValueError, OverflowError):
        # PyYAML's chr() on an escape past the last character ("\U01000000"); the reader stands on its digits
        mark = loader.get_mark()
        escape = text[mark.index - 2 : mark.index + 8]
        message = f"the escape {escape} names no character (the last is \\U0010FFFF)"
        raise InvalidInput([Problem(file, mark.line + 1, mark.column - 1, message)]) from None
    finally:
        loader.dispose()
    positions: dict[Path_, Position] = {}
    problems: list[Problem] = []
    data = None if node is None else _convert(node, (), positions, problems, file, 0)
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
            if depth > MAX_DEPTH + 1:  # the outermost is depth 0, as in _convert
                col = i - text.rfind("\n", 0, i)
                raise InvalidInput([Problem(file, line, col, f"the YAML is nested more than {MAX_DEPTH} levels deep")])
        else:
            depth = max(depth - 1, 0)


def _at(file: str, mark: Any, message: str) -> Problem:  # noqa: ANN401 - PyYAML has two Mark classes
    if mark is None:
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, mark.column + 1, message)


def _convert(
    node: yaml.Node,
    path: Path_,
    positions: dict[Path_, Position],
    problems: list[Problem],
    file: str,
    depth: int,
) -> Any:  # noqa: ANN401 - YAML data is any shape until validated
    quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
    positions[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1, quoted)
    if depth > MAX_DEPTH:
        problems.append(_at(file, node.start_mark, f"the YAML is nested more than {MAX_DEPTH} levels deep"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if (half := _SURROGATE.search(node.value)) is not None:
            problems.append(_at(file, node.start_mark, _HALF_PAIR.format(half.group())))
            return None
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), positions, problems, file, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(_at(file, key_node.start_mark, "a key must be plain text, not a list or mapping"))
            continue
        key = str(key_node.value)
        if (half := _SURROGATE.search(key)) is not None:
            problems.append(_at(file, key_node.start_mark, _HALF_PAIR.format(half.group())))
            continue
        if key == "<<" and key_node.style is None:
            problems.append(_at(file, key_node.start_mark, "merge keys (<<) are not allowed; write the values out"))
            continue
        if key in result:
            problems.append(
                _at(
                    file,
                    key_node.start_mark,
                    f"duplicate key '{key}' (first given on line {first_line[key]}); give each key once",
                )
            )
            continue
        first_line[key] = key_node.start_mark.line + 1
        result[key] = _convert(value_node, (*path, key), positions, problems, file, depth + 1)
    return result


def _scalar(node: yaml.ScalarNode) -> Any:  # noqa: ANN401 - a scalar is text, number, bool or None
    text = node.value
    if node.style is not None:
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
