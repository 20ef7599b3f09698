"""Vietnamese wordings: review."""

MESSAGES: dict[str, str] = {}
