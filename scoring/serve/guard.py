"""What every request passes before a page: the token (when served to a network), the host, the size of its body.

A pure ASGI layer, outside the application, so that nothing of a refused request is read or parsed.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from scoring.serve.pages import refusal_page
from scoring.wording import Lang, msg, use

COOKIE = "thidua_token"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class Guard:
    """Refuses a request without the token (query `token=` once, then a cookie), with a Host that is not this
    machine when served locally (a web page elsewhere renaming itself to reach us), or a body over `limit` bytes."""

    def __init__(self, app: ASGIApp, *, token: str | None, limit: int, lang: Lang, local: bool) -> None:
        self.app = app
        self.token = token
        self.limit = limit
        self.lang = lang
        self.local = local

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self._refused(Request(scope))
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refused(self, request: Request) -> Response | None:
        with use(self.lang):
            if self.local and request.url.hostname not in LOCAL_HOSTS:
                return refusal_page(400, msg("This workspace answers only at 127.0.0.1 (localhost)."))
            if self.token is not None:
                given = request.query_params.get("token")
                if given is not None and secrets.compare_digest(given.encode(), self.token.encode()):
                    return self._welcome(request)
                if not secrets.compare_digest(request.cookies.get(COOKIE, "").encode(), self.token.encode()):
                    return refusal_page(
                        403, msg("Open the address with the token that thidua serve printed when it started (…/?token=…).")
                    )
            if request.method == "POST":
                length = request.headers.get("content-length")
                if length is None or not length.isdigit():
                    return refusal_page(411, msg("A form sent without its length is refused."))
                if int(length) > self.limit:
                    return refusal_page(
                        413,
                        msg(
                            "The files sent are too large: {size} bytes; the limit is {limit}.",
                            size=int(length),
                            limit=self.limit,
                        ),
                    )
        return None

    def _welcome(self, request: Request) -> Response:
        """The token taken once from the address, then kept as a cookie; the address shown without it."""
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + ("?" + query if query else ""), status_code=303)
        assert self.token is not None
        response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return response
