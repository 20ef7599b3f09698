"""Vietnamese wordings: submissions."""

MESSAGES: dict[str, str] = {}
