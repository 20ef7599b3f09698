"""Vietnamese wordings: explain."""

MESSAGES: dict[str, str] = {}
