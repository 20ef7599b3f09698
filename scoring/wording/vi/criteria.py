"""Vietnamese wordings: criteria."""

MESSAGES: dict[str, str] = {}
