"""Vietnamese wordings: a record's evidence, written once per unit and value, checked as it is read."""

MESSAGES: dict[str, str] = {
    "the evidence as text of at most {limit} characters": "căn cứ dạng văn bản, dài không quá {limit} ký tự",
}
