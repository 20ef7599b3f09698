"""Vietnamese wordings: cli."""

MESSAGES: dict[str, str] = {}
