"""Vietnamese wordings: record."""

MESSAGES: dict[str, str] = {}
