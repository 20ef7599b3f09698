"""Vietnamese wordings: hostile files, second round (issue 15): numbers, lock files, deep folders, outputs over inputs."""

MESSAGES: dict[str, str] = {
    "'{text}' has more than {digits} digits": "'{text}' có quá {digits} chữ số",
    "a number of more than {digits} digits": "một số có quá {digits} chữ số",
}
