"""Vietnamese wordings: spreadsheet."""

MESSAGES: dict[str, str] = {}
