"""Vietnamese wordings: core."""

MESSAGES: dict[str, str] = {}
