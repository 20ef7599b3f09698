"""Vietnamese wordings: yaml."""

MESSAGES: dict[str, str] = {}
