"""Vietnamese wordings: a line that may score below 0 (a table's negative row) in self-scores and the council's points."""

MESSAGES: dict[str, str] = {
    "{value} is below {least}, the criterion's lowest points": "{value} thấp hơn {least}, mức điểm thấp nhất của tiêu chí",
    "give the points the council sets, from {least} to {maximum}": "hãy ghi số điểm Hội đồng chấm, từ {least} đến {maximum}",
    "Enter the points the unit gives itself, from {least} to {max}.": "Nhập điểm đơn vị tự chấm, từ {least} đến {max}.",
}
