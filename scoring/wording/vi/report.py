"""Vietnamese wordings: report."""

MESSAGES: dict[str, str] = {}
