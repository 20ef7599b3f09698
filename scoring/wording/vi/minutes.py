"""Vietnamese wordings: minutes."""

MESSAGES: dict[str, str] = {}
