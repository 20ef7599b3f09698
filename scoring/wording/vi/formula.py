"""Vietnamese wordings: formula."""

MESSAGES: dict[str, str] = {}
