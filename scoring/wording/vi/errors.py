"""Vietnamese wordings: errors."""

MESSAGES: dict[str, str] = {}
