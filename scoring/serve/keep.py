"""The review file changed as a person would change it: what the change does not reach is kept line for line.

The council may write the review file by hand too, with comments saying why; PyYAML reads no comments, so writing the
data afresh would drop them. Instead the new file is the old one spliced: each key of the file (and of a mapping under
it, such as the meeting's details) and each entry of a list is a run of lines, the comments and blank lines before it
included. A run whose data did not change is copied as it is, a removed one is dropped with its comments, and a new or
changed one is written at the old one's indentation. The result is read back with the reader every file goes through,
and kept only if it reads as exactly the new data; otherwise (a file laid out as the splice does not follow, such as
one flow mapping) there is no splice and the caller writes the whole file afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from scoring.errors import InvalidInput
from scoring.yamlio import parse

Dump = Callable[[object], str]  # data → YAML text in block style, from column 0


@dataclass(frozen=True)
class _Child:
    """One key of a mapping or one entry of a list, as lines of the old file (0-based, `end` excluded)."""

    key: str | int  # the key, or the entry's index
    line: int  # where the key (or the entry) starts
    end: int  # one past its last line
    node: yaml.Node  # its value


def spliced(raw: bytes, old: Any, new: dict[str, Any], dump: Dump, file: str) -> bytes | None:  # noqa: ANN401
    """The old file's bytes with `new` in place of `old`, every unchanged run kept; None when it cannot be done so."""
    try:
        text = raw.decode("utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not isinstance(old, dict):
        return None
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # a file saved on Windows keeps its line ends
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    if newline != "\n":
        dump = _with_newline(dump, newline)
    children = _mapping_children(root, len(lines))
    if not children or set(old) != {c.key for c in children}:
        return None
    first, last = children[0].line, children[-1].end
    body = _mapping(lines, children, old, new, 0, first, dump)
    if body is None:
        return None
    result = "".join([*lines[:first], *body, *lines[last:]]).encode("utf-8")
    try:
        if parse(result, file).data != new:
            return None
    except InvalidInput:
        return None
    return result


def _mapping(
    lines: list[str], children: list[_Child], old: dict[str, Any], new: dict[str, Any], col: int, start: int, dump: Dump
) -> list[str] | None:
    runs = _runs(lines, children, start)
    out: list[str] = []
    for key in _order(list(old), list(new)):
        if key not in new:
            continue  # removed, with the comments before it
        if key not in runs:
            out += _indented(dump({key: new[key]}), col)
            continue
        lead, own, child = runs[key]
        if old[key] == new[key]:
            out += lead + own
            continue
        inner = _value(lines, child, old[key], new[key], dump)
        out += lead + (inner if inner is not None else _indented(dump({key: new[key]}), col))
    return out


def _value(lines: list[str], child: _Child, old: object, new: object, dump: Dump) -> list[str] | None:
    """A changed key's lines: its own line, then its value spliced when both are block collections of a kind."""
    node = child.node
    if getattr(node, "flow_style", True) or node.start_mark.line <= child.line:
        return None  # a scalar, a flow collection, or a block one starting on the key's own line
    head = lines[child.line : child.line + 1]
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
        children = _mapping_children(node, child.end)
        if not children or set(old) != {c.key for c in children}:
            return None
        col = node.value[0][0].start_mark.column
        body = _mapping(lines, children, old, new, col, child.line + 1, dump)
    elif isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
        body = _sequence(lines, node, child.end, old, new, child.line + 1, dump)
    else:
        return None
    return None if body is None else head + body


def _sequence(
    lines: list[str], node: yaml.SequenceNode, limit: int, old: list[Any], new: list[Any], start: int, dump: Dump
) -> list[str] | None:
    """The entries the old and new lists share at their start and their end kept; those between written anew."""
    if len(node.value) != len(old) or not old:
        return None
    dashes = {_dash(lines, item) for item in node.value}
    if len(dashes) != 1 or None in dashes:
        return None
    col = dashes.pop()
    assert col is not None
    children = [
        _Child(i, item.start_mark.line, min(_last_line(item), _next_line(node.value, i, limit)) + 1, item)
        for i, item in enumerate(node.value)
    ]
    runs = _runs(lines, children, start)
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    tail = 0
    while tail < min(len(old), len(new)) - same and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    out: list[str] = []
    for i in range(same):
        out += runs[i][0] + runs[i][1]
    for entry in new[same : len(new) - tail]:
        out += _indented(dump([entry]), col)
    for i in range(len(old) - tail, len(old)):
        out += runs[i][0] + runs[i][1]
    return out


def _mapping_children(node: yaml.MappingNode, limit: int) -> list[_Child]:
    """A block mapping's keys as runs of lines: each to its value's last line, never past the next key."""
    keys = [k for k, _ in node.value]
    if any(not isinstance(k, yaml.ScalarNode) or k.style is not None for k in keys):
        return []  # a quoted or complex key: left to the full dump
    children = []
    for i, (key, value) in enumerate(node.value):
        nxt = keys[i + 1].start_mark.line if i + 1 < len(keys) else limit
        last = max(key.end_mark.line, _last_line(value))
        children.append(_Child(key.value, key.start_mark.line, min(last, nxt - 1) + 1, value))
    return children


def _runs(lines: list[str], children: Sequence[_Child], start: int) -> dict[Any, tuple[list[str], list[str], _Child]]:
    """Each child's lines: (the comments and blank lines before it, its own lines, the child)."""
    runs = {}
    before = start
    for c in children:
        runs[c.key] = (lines[before : c.line], lines[c.line : c.end], c)
        before = c.end
    return runs


def _next_line(items: list[yaml.Node], i: int, limit: int) -> int:
    return items[i + 1].start_mark.line - 1 if i + 1 < len(items) else limit - 1


def _last_line(node: yaml.Node) -> int:
    """The last line a value's own text is on (a block scalar's mark stands at the start of the line after it)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    inner = list(node.value) if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
    return max((_last_line(n) for n in inner), default=node.start_mark.line)


def _dash(lines: list[str], item: yaml.Node) -> int | None:
    """The column of the dash an entry of a block list stands after, on the entry's own line."""
    before = lines[item.start_mark.line][: item.start_mark.column].rstrip()
    return len(before) - 1 if before.endswith("-") and before[:-1].strip() == "" else None


def _order(old: list[str], new: list[str]) -> list[str]:
    """The old keys in their order (a file written by hand keeps its own), each new key after the one it follows."""
    keys = list(old)
    for i, key in enumerate(new):
        if key in keys:
            continue
        before = [k for k in new[:i] if k in keys]
        keys.insert(keys.index(before[-1]) + 1 if before else 0, key)
    return keys


def _with_newline(dump: Dump, newline: str) -> Dump:
    return lambda data: dump(data).replace("\n", newline)


def _indented(text: str, col: int) -> list[str]:
    pad = " " * col
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]
