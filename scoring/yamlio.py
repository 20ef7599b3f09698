"""The one place YAML is read: safe, exact, and every value keeps its position.

Criteria and submissions are data from people, so the reader is strict:
no tags, anchors or aliases, no duplicate keys, keys are always text, and
plain scalars follow a small, predictable schema (YAML 1.1 surprises such as
`NO` meaning false or `010` meaning eight do not happen). Numbers become exact
`Decimal`s straight from their text, never floats.
"""

from __future__ import annotations

import errno
import json
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import InvalidInput, Problem
from scoring.numbers import MAX_DIGITS, NotANumber, parse_number, plain, too_many_digits
from scoring.safetext import control_char, escaped, nfc
from scoring.wording import Msg, Text, msg

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

    def problem(self, path: Path_, message: Text, offset: int = 0) -> Problem:
        pos = self.where(path)
        return Problem(self.file, pos.line, pos.col + offset, message)


class _Refused(Exception):
    def __init__(self, mark: Any, message: Msg) -> None:  # noqa: ANN401 - PyYAML has two Mark classes
        self.mark = mark
        self.message = message


class _NotLikePyYAML(Exception):
    """libyaml's events would place a value otherwise than PyYAML's: the file is read by PyYAML."""


class _Reader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python reader, scanner and parser: events only, no node tree and no tag resolution."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _c_parser() -> Any:  # noqa: ANN401 - the class, or None without libyaml
    try:
        from yaml._yaml import CParser  # noqa: PLC0415 - PyYAML built without libyaml has no _yaml
    except ImportError:
        return None
    return CParser


# libyaml's parser, through PyYAML's binding: the same events with the same marks (line, column and index in
# characters), about six times faster. It reads only files that turn out well: a file with any problem is read
# again by the pure-Python parser, so that every refusal says exactly what and where it says without libyaml.
# The one difference in its events, a plain scalar's style '' where PyYAML has None, the builder reads as plain.
_CParser: Any = _c_parser()

# What libyaml reads otherwise than PyYAML, found by a differential fuzz (tests/test_yamlio.py): a text with any of
# these is read by PyYAML alone. A character PyYAML's reader refuses (yaml.reader.Reader.NON_PRINTABLE); a tab,
# which libyaml takes as a space after ':' and '-'; a byte-order mark past the start, which libyaml skips without
# counting its column; a '?', which may be an explicit key whose empty value libyaml places elsewhere, and which
# ends a plain scalar inside {…} and […] for PyYAML but not for libyaml; a block
# scalar's header followed at once by '#', which PyYAML refuses. And a text that does not end with a line break:
# libyaml ends it with one of its own, so that an empty value at its end stands a line lower.
_LEFT_TO_PYYAML = re.compile(
    "[^\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|\\?|[|>][-+0-9]*#"
)


_COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Builder:
    """Builds the data and its positions straight from the parser's events.

    PyYAML's composer would first build a node tree at about 600 bytes a value; reading events
    keeps only the data and one position a value. Anchors, aliases and tags are refused as they come,
    and the values are counted, so that no file can take more than MAX_VALUES of them.
    """

    def __init__(self, reader: Any, file: str, libyaml: bool = False) -> None:  # noqa: ANN401 - a _Reader or a CParser
        self.reader = reader
        self.file = file
        self.libyaml = libyaml
        self.positions: dict[Path_, Position] = {}
        self.problems: list[Problem] = []
        self.values = 0

    def document(self) -> Any:  # noqa: ANN401 - YAML data is any shape until validated
        reader = self.reader
        reader.get_event()  # the stream's start
        data = None
        if not reader.check_event(yaml.StreamEndEvent):
            reader.get_event()  # the document's start
            data = self.value((), 0)
            reader.get_event()  # the document's end
            if not reader.check_event(yaml.StreamEndEvent):
                another = reader.get_event()
                problem = msg("expected a single document in the stream but found another document")
                raise _Refused(another.start_mark, msg("YAML syntax error: {problem}", problem=problem))
        return data

    def event(self) -> Any:  # noqa: ANN401 - PyYAML's events are untyped
        event = self.reader.get_event()
        if isinstance(event, yaml.NodeEvent):
            self.values += 1
            if self.values > MAX_VALUES:
                message = msg(
                    "the file holds more than {count} values, far more than a round needs: is it the right file?",
                    count=Decimal(MAX_VALUES),
                )
                raise _Refused(event.start_mark, message)
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(
                    event.start_mark, msg("aliases (*{anchor}) are not allowed; write the value out", anchor=event.anchor)
                )
            if event.anchor is not None:
                raise _Refused(
                    event.start_mark, msg("anchors (&{anchor}) are not allowed; write the value out", anchor=event.anchor)
                )
            tag = getattr(event, "tag", None)  # an alias has none
            if tag is not None and tag != "!":
                raise _Refused(event.start_mark, msg("YAML tags ({tag}) are not allowed", tag=tag))
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
            raise _Refused(event.start_mark, _too_deep())

    def value(self, path: Path_, depth: int, in_flow: bool = False) -> Any:  # noqa: ANN401 - any shape until validated
        event = self.event()
        mark = event.start_mark
        if in_flow and self.libyaml and isinstance(event, yaml.ScalarEvent) and not event.style and not event.value:
            raise _NotLikePyYAML  # `{a: }`: libyaml places the empty value at what follows, PyYAML after the ':'

        quoted = isinstance(event, yaml.ScalarEvent) and event.style in ("'", '"')  # plain: None, or '' from libyaml
        self.positions[path] = Position(mark.line + 1, mark.column + 1, quoted)
        self.check_depth(event, depth)
        if isinstance(event, yaml.ScalarEvent):
            if (half := _SURROGATE.search(event.value)) is not None:
                self.problems.append(_at(self.file, mark, _half_pair(half.group())))
                return None
            if (found := control_char(event.value)) is not None:  # from an escape: "\e[2K", "\u202e"
                self.problems.append(_at(self.file, mark, control_in_text(found[1])))
            number = not event.style and (_INT.fullmatch(event.value) or _DECIMAL.fullmatch(event.value))
            if number and too_many_digits(event.value):  # before Decimal(): a million digits would overflow later
                self.problems.append(_at(self.file, mark, msg("a number of more than {digits} digits", digits=MAX_DIGITS)))
                return None
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self.reader.peek_event(), yaml.SequenceEndEvent):
                items.append(self.value((*path, len(items)), depth + 1, bool(event.flow_style)))
            self.reader.get_event()
            return items
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        last: tuple[str, Any] | None = None  # the key and plain scalar value just read, in a flow mapping
        while not isinstance(self.reader.peek_event(), yaml.MappingEndEvent):
            key_event = self.event()
            split = self.decimal_comma(last, key_event) if last is not None else None
            if split is not None:
                self.problems.append(split)
                self.skip(self.event(), depth + 1)  # the empty value of the number's decimals
                last = None
                continue
            refused = self.refused_key(key_event, result, first_line)
            if refused is not None:
                self.problems.append(_at(self.file, key_event.start_mark, refused))
                self.skip(key_event, depth + 1)
                self.skip(self.event(), depth + 1)  # its value
                continue
            key = nfc(str(key_event.value))
            first_line[key] = key_event.start_mark.line + 1
            coming = self.reader.peek_event()
            plain_scalar = bool(event.flow_style) and isinstance(coming, yaml.ScalarEvent) and not coming.style
            last = (key, coming) if plain_scalar else None
            result[key] = self.value((*path, key), depth + 1, event.flow_style)
        self.reader.get_event()
        return result

    def decimal_comma(self, last: tuple[str, Any], key_event: Any) -> Problem | None:  # noqa: ANN401
        """`{value: 0,5}`: YAML splits a decimal comma inside {…} into the number 0 and a key '5' with no value."""
        key, value_event = last
        if not (isinstance(key_event, yaml.ScalarEvent) and not key_event.style and _DIGITS.fullmatch(key_event.value)):
            return None
        end, start = value_event.end_mark, key_event.start_mark
        assert start is not None, "the parser marks every event"
        if not (_NUMBER_TEXT.fullmatch(value_event.value) and start.line == end.line and start.index == end.index + 1):
            return None
        coming = self.reader.peek_event()
        if not (isinstance(coming, yaml.ScalarEvent) and coming.value == "" and not coming.style):
            return None  # '5: x' is a key with a value: not the decimals of a number
        written = f"{value_event.value},{key_event.value}"
        try:
            dotted = plain(parse_number(written))
        except NotANumber:
            return None
        message = msg(
            "a comma inside {{…}} starts a new key, so '{key}: {written}' is read as '{key}: {whole}' and a key '{decimals}': write {{{key}: {dotted}, …}}, or put the number in quotes: {{{key}: \"{written}\", …}}",  # noqa: E501
            key=key,
            written=written,
            whole=value_event.value,
            decimals=key_event.value,
            dotted=dotted,
        )
        return _at(self.file, value_event.start_mark, message)

    @staticmethod
    def refused_key(event: Any, result: dict[str, Any], first_line: dict[str, int]) -> Msg | None:  # noqa: ANN401
        if not isinstance(event, yaml.ScalarEvent):
            return msg("a key must be plain text, not a list or mapping")
        key = str(event.value)
        if (half := _SURROGATE.search(key)) is not None:
            return _half_pair(half.group())
        if key == "<<" and not event.style:
            return msg("merge keys (<<) are not allowed; write the values out")
        if key in result:
            return msg("duplicate key '{key}' (first given on line {line}); give each key once", key=key, line=first_line[key])
        return None


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text of a file, or a problem naming the line of the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput([Problem(file, 1, 1, msg("the file is UTF-16 text; save it as UTF-8 and try again"))])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InvalidInput([Problem(file, line, 1, msg("the file contains NUL bytes; is it really a text file?"))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InvalidInput(
            [Problem(file, line, col, msg("the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again"))]
        ) from e
    return text.removeprefix("\ufeff")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most `limit` of them: never a pipe or a device, which can block or never end."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = (
                msg("cannot read the file: it is a folder")
                if stat.S_ISDIR(info.st_mode)
                else msg("cannot read the file: it is not a regular file (a pipe or a device)")
            )
            raise InvalidInput([Problem(str(path), 1, 1, what)])
        if info.st_size > limit:
            message = msg("the file is {size} bytes; the limit is {limit}", size=info.st_size, limit=limit)
            raise InvalidInput([Problem(str(path), 1, 1, message)])
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)  # bounded: the file may grow meanwhile
    except OSError as e:
        raise InvalidInput([Problem(str(path), 1, 1, msg("cannot read the file: {reason}", reason=os_reason(e)))]) from e
    except ValueError as e:  # a NUL in the name, e.g. from a record or a criteria file's `previous:`
        raise InvalidInput([nul_in_name(path)]) from e
    if len(raw) > limit:
        message = msg("the file grew past the limit of {limit} bytes while it was read", limit=limit)
        raise InvalidInput([Problem(str(path), 1, 1, message)])
    return raw


def nul_in_name(path: Path) -> Problem:
    """A file name with a NUL in it, which no system can open; shown escaped, as no terminal shows a NUL."""
    return Problem(repr(str(path))[1:-1], 1, 1, msg("cannot read the file: its name contains a NUL"))


_OS_REASONS: dict[int, Msg] = {
    errno.ENOENT: msg("No such file or directory"),
    errno.EACCES: msg("Permission denied"),
    errno.EPERM: msg("Operation not permitted"),
    errno.ENOTDIR: msg("Not a directory"),
    errno.EISDIR: msg("Is a directory"),
    errno.ELOOP: msg("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: msg("File name too long"),
    errno.EIO: msg("Input/output error"),
    errno.EROFS: msg("Read-only file system"),
    errno.ENOSPC: msg("No space left on device"),
}


def os_reason(error: OSError) -> Text:
    """Why the system refused a file, in the reader's words where the reason is a common one (else the system's)."""
    known = _OS_REASONS.get(error.errno) if error.errno is not None else None
    return known if known is not None else (error.strerror or str(error))


def load(path: Path) -> Document:
    raw = read_bytes(path)
    return parse(raw, str(path))


def parse(raw: bytes, file: str) -> Document:
    text = decode(raw, file)
    _check_depth(text, file)
    if _CParser is not None and text.endswith("\n") and _LEFT_TO_PYYAML.search(text) is None:
        fast = _c_parse(text, file)
        if fast is not None:
            return Document(file, fast[0], fast[1], raw)
    return _py_parse(text, raw, file)


def _c_parse(text: str, file: str) -> tuple[Any, dict[Path_, Position]] | None:
    """The data and positions as libyaml reads them, or None if the file has any problem (left to _py_parse)."""
    builder = _Builder(_CParser(text), file, libyaml=True)
    try:
        data = builder.document()
    except (_NotLikePyYAML, _Refused, yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None
    if builder.problems:
        return None
    return data, builder.positions


def _py_parse(text: str, raw: bytes, file: str) -> Document:
    """The data and positions as PyYAML's pure-Python parser reads them, or every problem it finds, located."""
    try:
        reader = _Reader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as e:
        line, col = text.count("\n", 0, e.position) + 1, e.position - text.rfind("\n", 0, e.position)
        message = msg("the file contains the control character {char}; is it really a text file?", char=repr(chr(e.character)))
        raise InvalidInput([Problem(file, line, col, message)]) from None
    builder = _Builder(reader, file)
    try:
        data = builder.document()
    except _Refused as e:
        raise InvalidInput([_at(file, e.mark, e.message)]) from None
    except yaml.MarkedYAMLError as e:
        mark, message = _syntax(e, text, reader)
        raise InvalidInput([_at(file, mark, message)]) from None
    except yaml.YAMLError as e:
        raise InvalidInput([Problem(file, 1, 1, msg("YAML error: {detail}", detail=str(e)))]) from None
    except (ValueError, OverflowError):
        # PyYAML's chr() on an escape past the last character ("\U01000000"); the reader stands on its digits
        mark = reader.get_mark()
        escape = text[mark.index - 2 : mark.index + 8]
        message = msg("the escape {escape} names no character (the last is \\U0010FFFF)", escape=escape)
        raise InvalidInput([Problem(file, mark.line + 1, mark.column - 1, message)]) from None
    positions, problems = builder.positions, builder.problems
    if problems:
        raise InvalidInput(problems)
    return Document(file, data, positions, raw)


_DIGITS = re.compile(r"[0-9]+")
_NUMBER_TEXT = re.compile(r"[-+]?[0-9][0-9.]*")

# An escape such as "\ud800" names half of a UTF-16 pair: no character, and no UTF-8 file can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def control_in_text(char: str) -> Msg:
    """A control character (an escape, C1, DEL, a bidirectional override) where text is data."""
    return msg(
        "the text contains the control character {char}; remove it (an escape sequence could change what a terminal shows)",
        char=escaped(char),
    )


def _half_pair(half: str) -> Msg:
    return msg("the escape {escape} is half of a surrogate pair, not a character; write the character itself", escape=ascii(half))


def _too_deep() -> Msg:
    return msg("the YAML is nested more than {limit} levels deep", limit=MAX_DEPTH)


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
                raise InvalidInput([Problem(file, line, col, _too_deep())])
        else:
            depth = max(depth - 1, 0)


def _at(file: str, mark: Any, message: Msg) -> Problem:  # noqa: ANN401 - PyYAML has two Mark classes
    if mark is None:
        return Problem(file, 1, 1, message)
    return Problem(file, mark.line + 1, mark.column + 1, message)


def _scalar(event: yaml.ScalarEvent) -> Any:  # noqa: ANN401 - a scalar is text, number, bool or None
    text = nfc(event.value)  # "Xuất sắc" typed decomposed (NFD) is "Xuất sắc"
    if event.style:  # quoted, or a block scalar
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


# --- syntax errors: PyYAML's findings in our words, and the slips people make writing YAML by hand


def _syntax(e: yaml.MarkedYAMLError, text: str, reader: _Reader) -> tuple[Any, Msg]:
    """Where a syntax error stands and what it means: a hint with the fix for a common slip, else PyYAML's finding."""
    mark, problem = e.problem_mark, e.problem or ""
    if mark is not None:
        if problem.endswith("that cannot start any token") and 0 <= mark.index < len(text):
            hint = _cannot_start(text, mark, reader.flow_level > 0)
            if hint is not None:
                return mark, hint
        if problem == "mapping values are not allowed here" and ": " in _line_before(text, mark.index):
            return mark, msg("YAML syntax error: a ': ' inside a value starts a new key here; put the value in quotes")
    if e.context == "while scanning a directive" and e.context_mark is not None and e.context_mark.column == 0:
        message = msg("a line that starts with '%' is read as a YAML directive: put the text in quotes, or remove the '%'")
        return e.context_mark, message
    said = _said(problem)
    context = _CONTEXTS.get(e.context or "", e.context)
    if context is None:
        return mark, msg("YAML syntax error: {problem}", problem=said)
    return mark, msg("YAML syntax error: {context} {problem}", context=context, problem=said)


def _line_before(text: str, index: int) -> str:
    return text[text.rfind("\n", 0, index) + 1 : index]


def _cannot_start(text: str, mark: Any, flow: bool) -> Msg | None:  # noqa: ANN401 - PyYAML has two Mark classes
    char, before = text[mark.index], _line_before(text, mark.index)
    if char == "\t":
        if not before.strip(" \t"):
            return msg(
                "line {line} is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces",
                line=mark.line + 1,
            )
        return msg("a tab cannot stand here: write a space instead of the tab (a tab is allowed only inside quotes)")
    if char not in "%@`" or before.rstrip(" ")[-1:] not in ("", ":", "-", "[", "{", ",", "?"):
        return None
    value = _value_at(text, mark.index, flow)
    quoted = json.dumps(value if len(value) <= 40 else value[:39] + "…", ensure_ascii=False)
    if char != "%":
        return msg(
            "a value cannot start with '{char}' in YAML (the sign is reserved): put the value in quotes: {quoted}",
            char=char,
            quoted=quoted,
        )
    share = _PERCENT_FIRST.fullmatch(value)
    if share is not None:
        fixed = f"{share.group(1)}%"
        return msg(
            "a value cannot start with '%' in YAML: write {fixed} (the sign after the number), or put the value in quotes: {quoted}",  # noqa: E501
            fixed=fixed,
            quoted=quoted,
        )
    return msg("a value cannot start with '%' in YAML: put the value in quotes: {quoted}", quoted=quoted)


_PERCENT_FIRST = re.compile(r"%\s*([0-9]+(?:[.,][0-9]+)?)")


def _value_at(text: str, index: int, flow: bool) -> str:
    """The plain value from `index` to where YAML ends it: the line's end, a tab, a comment; in {…} and […] a ',' or bracket."""
    end = text.find("\n", index)
    value = text[index : len(text) if end < 0 else end]
    value = re.split(r"[,\[\]{}\t]| #" if flow else r"\t| #", value, maxsplit=1)[0]
    return value.strip()


_CONTEXTS: dict[str, Msg] = {
    "while scanning for the next token": msg("while scanning for the next token"),
    "while scanning a simple key": msg("while scanning a simple key"),
    "while scanning a directive": msg("while scanning a directive"),
    "while parsing a directive": msg("while parsing a directive"),
    "while scanning an anchor": msg("while scanning an anchor"),
    "while scanning an alias": msg("while scanning an alias"),
    "while scanning a tag": msg("while scanning a tag"),
    "while parsing a tag": msg("while parsing a tag"),
    "while scanning a block scalar": msg("while scanning a block scalar"),
    "while scanning a double-quoted scalar": msg("while scanning a double-quoted scalar"),
    "while scanning a quoted scalar": msg("while scanning a quoted scalar"),
    "while parsing a node": msg("while parsing a node"),
    "while parsing a block node": msg("while parsing a block node"),
    "while parsing a flow node": msg("while parsing a flow node"),
    "while parsing a block collection": msg("while parsing a block collection"),
    "while parsing a block mapping": msg("while parsing a block mapping"),
    "while parsing a flow sequence": msg("while parsing a flow sequence"),
    "while parsing a flow mapping": msg("while parsing a flow mapping"),
}

# PyYAML names what it found by its token: each in words, as it says it in English.
_TOKENS: dict[str, Msg] = {
    "'<scalar>'": msg("'<scalar>'"),
    "'<block mapping start>'": msg("'<block mapping start>'"),
    "'<block sequence start>'": msg("'<block sequence start>'"),
    "'<block end>'": msg("'<block end>'"),
    "'<stream start>'": msg("'<stream start>'"),
    "'<stream end>'": msg("'<stream end>'"),
    "'<document start>'": msg("'<document start>'"),
    "'<document end>'": msg("'<document end>'"),
    "'<directive>'": msg("'<directive>'"),
    "'<alias>'": msg("'<alias>'"),
    "'<anchor>'": msg("'<anchor>'"),
    "'<tag>'": msg("'<tag>'"),
    "'?'": msg("'?'"),  # a key where none may stand
}

_FOUND = r"(?P<found>.+)"
_PROBLEMS: tuple[tuple[re.Pattern[str], Msg], ...] = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (
            r"found character (?P<found>.+) that cannot start any token",
            msg("found character {found} that cannot start any token"),
        ),
        (r"could not find expected ':'", msg("could not find expected ':'")),
        (r"sequence entries are not allowed here", msg("sequence entries are not allowed here")),
        (r"mapping keys are not allowed here", msg("mapping keys are not allowed here")),
        (r"mapping values are not allowed here", msg("mapping values are not allowed here")),
        (
            r"expected alphabetic or numeric character, but found " + _FOUND,
            msg("expected alphabetic or numeric character, but found {found}"),
        ),
        (r"expected a digit or '\.', but found " + _FOUND, msg("expected a digit or '.', but found {found}")),
        (r"expected a digit or ' ', but found " + _FOUND, msg("expected a digit or ' ', but found {found}")),
        (r"expected a digit, but found " + _FOUND, msg("expected a digit, but found {found}")),
        (r"expected ' ', but found " + _FOUND, msg("expected ' ', but found {found}")),
        (
            r"expected a comment or a line break, but found " + _FOUND,
            msg("expected a comment or a line break, but found {found}"),
        ),
        (r"expected '>', but found " + _FOUND, msg("expected '>', but found {found}")),
        (r"expected '!', but found " + _FOUND, msg("expected '!', but found {found}")),
        (
            r"expected indentation indicator in the range 1-9, but found 0",
            msg("expected indentation indicator in the range 1-9, but found 0"),
        ),
        (
            r"expected chomping or indentation indicators, but found " + _FOUND,
            msg("expected chomping or indentation indicators, but found {found}"),
        ),
        (
            r"expected escape sequence of (?P<count>[0-9]+) hexadecimal numbers, but found " + _FOUND,
            msg("expected escape sequence of {count} hexadecimal numbers, but found {found}"),
        ),
        (r"found unknown escape character " + _FOUND, msg("found unknown escape character {found}")),
        (r"found unexpected end of stream", msg("found unexpected end of stream")),
        (r"found unexpected document separator", msg("found unexpected document separator")),
        (r"expected URI, but found " + _FOUND, msg("expected URI, but found {found}")),
        (
            r"expected URI escape sequence of 2 hexadecimal numbers, but found " + _FOUND,
            msg("expected URI escape sequence of 2 hexadecimal numbers, but found {found}"),
        ),
        (r"expected '<document start>', but found " + _FOUND, msg("expected '<document start>', but found {found}")),
        (r"found duplicate YAML directive", msg("found duplicate YAML directive")),
        (
            r"found incompatible YAML document \(version 1\.\* is required\)",
            msg("found incompatible YAML document (version 1.* is required)"),
        ),
        (r"duplicate tag handle " + _FOUND, msg("duplicate tag handle {found}")),
        (r"found undefined tag handle " + _FOUND, msg("found undefined tag handle {found}")),
        (r"expected the node content, but found " + _FOUND, msg("expected the node content, but found {found}")),
        (r"expected <block end>, but found " + _FOUND, msg("expected <block end>, but found {found}")),
        (r"expected ',' or '\]', but got " + _FOUND, msg("expected ',' or ']', but got {found}")),
        (r"expected ',' or '}', but got " + _FOUND, msg("expected ',' or '}}', but got {found}")),
    )
)


def _said(problem: str) -> Text:
    """PyYAML's finding in our words; one we do not know is shown as PyYAML says it."""
    for pattern, message in _PROBLEMS:
        match = pattern.fullmatch(problem)
        if match is not None:
            params = {
                name: _TOKENS.get(value, value) if name == "found" else int(value) for name, value in match.groupdict().items()
            }
            return Msg(message.template, tuple(params.items()))
    return problem
