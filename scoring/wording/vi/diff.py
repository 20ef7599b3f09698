"""Vietnamese wordings: diff."""

MESSAGES: dict[str, str] = {}
