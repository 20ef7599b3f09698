"""`thidua serve ROUND_FOLDER`: the council's workspace in a browser, on the same engine and the same files.

Bound to 127.0.0.1 unless told otherwise; served to a network (an explicit --host), every request needs the token
printed at start. See scoring/serve/layout.py for the folder's layout.
"""

from __future__ import annotations

import secrets
import signal
import socket
from collections.abc import Callable
from pathlib import Path

from scoring.errors import ThiduaError
from scoring.wording import Lang, Msg, msg

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_PORT = 8017


def listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is printed: a port in use is said at once, not in a log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except (OSError, OverflowError) as e:
        sock.close()
        reason = getattr(e, "strerror", None) or str(e)
        raise ThiduaError(msg("cannot listen on {host}:{port}: {reason}", host=host, port=port, reason=reason)) from None
    return sock


def serve(folder: Path, host: str, port: int, lang: Lang, say: Callable[[Msg], None]) -> None:
    import uvicorn  # noqa: PLC0415 - the web stack is loaded only by this command

    from scoring.serve.app import create_app  # noqa: PLC0415
    from scoring.serve.layout import find_layout  # noqa: PLC0415

    layout = find_layout(folder)
    local = host in LOOPBACK
    token = None if local else secrets.token_urlsafe(24)
    app = create_app(layout, lang=lang, token=token, local=local)
    sock = listen(host, port)
    bound = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{bound}/"
    if token is None:
        say(
            msg(
                "The council's workspace for {folder}: open {address} in a browser (Ctrl+C stops it)",
                folder=str(folder),
                address=address,
            )
        )
    else:
        say(
            msg(
                "The council's workspace for {folder}, served to the network at {address}: open {address}?token={token}"
                " (the token is needed once per browser; Ctrl+C stops it)",
                folder=str(folder),
                address=address,
                token=token,
            )
        )
    if hasattr(signal, "alarm"):
        signal.alarm(0)  # the CLI's time backstop is for one command's work; a server runs until it is stopped
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
