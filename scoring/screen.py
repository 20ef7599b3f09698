"""Standard output and error as the commands print to them: rich's Console, made only when something is drawn.

Importing rich takes longer than most commands take to run; a command that only says a line of text (`validate`,
`review -o`, a list of problems) writes it itself, exactly as rich would have written it: plain text, a line
feed, nothing else. Anything drawn — a table, a tree, progress bars, or text that rich would change (a tab, a
line break) — goes through the Console, built on first use with the settings `thidua` always used.
"""

from __future__ import annotations

import builtins
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# What makes rich decide for itself whether it writes to a terminal (rich.console.Console.is_terminal).
_RICH_ENVIRONMENT = ("TTY_COMPATIBLE", "FORCE_COLOR")


class Screen:
    """stdout (or stderr): `line` for a line of plain text, `print` for what rich draws."""

    def __init__(self, stderr: bool = False, width: int | None = None) -> None:
        self._stderr = stderr
        self._width = width  # on stdout when it is a file or a pipe; rich's own guess on a terminal

    @property
    def _stream(self) -> TextIO:
        return sys.stderr if self._stderr else sys.stdout  # looked up when written to, as rich does

    @cached_property
    def console(self) -> Console:
        from rich.console import Console  # noqa: PLC0415 - rich is imported only when something is drawn

        console = Console(stderr=self._stderr, highlight=False, emoji=False)  # no emoji codes: 'file:100:7' stays
        if self._width is not None and not console.is_terminal:
            console = Console(stderr=self._stderr, highlight=False, emoji=False, width=self._width)
        return console

    @property
    def is_terminal(self) -> bool:
        """rich's answer, without importing rich when the answer is plain: no terminal and nothing that says otherwise."""
        if "console" in self.__dict__ or any(name in os.environ for name in _RICH_ENVIRONMENT) or _special_shell():
            return self.console.is_terminal
        isatty = getattr(self._stream, "isatty", None)
        try:
            return False if isatty is None else bool(isatty())
        except ValueError:  # a closed stream, as rich answers
            return False

    def print(self, *objects: Any, **options: Any) -> None:  # noqa: ANN401 - what rich's Console.print takes
        self.console.print(*objects, **options)

    def line(self, text: str) -> None:
        """The text and a line feed, as `Console.print(Text(text), soft_wrap=True)` writes it."""
        if not text.isprintable():
            from rich.text import Text  # noqa: PLC0415 - rich expands tabs, splits lines and drops control codes its own way

            self.console.print(Text(text), soft_wrap=True)
            return
        stream = self._stream
        stream.write(text + "\n")
        stream.flush()


def _special_shell() -> bool:
    """IDLE or Jupyter, where rich makes its own choices."""
    stdin_module = getattr(sys.stdin, "__module__", "") or ""
    return stdin_module.startswith("idlelib") or hasattr(builtins, "get_ipython")
