"""Vietnamese wordings: submissions (báo cáo số liệu) read from YAML, CSV and filled xlsx forms."""

MESSAGES: dict[str, str] = {
    # Finding the files
    "no such file or folder": "không có tệp hoặc thư mục này",
    "cannot read the folder: {reason}": "không đọc được thư mục: {reason}",
    "no submission files were given or found": "không có tệp số liệu báo cáo nào được chỉ ra hoặc tìm thấy",
    "cannot read '{suffix}' files; give .yaml, .csv or .xlsx submissions": (
        "không đọc được tệp '{suffix}'; hãy nộp số liệu báo cáo dạng .yaml, .csv hoặc .xlsx"
    ),
    "a second submission for unit '{unit}' (the first is {first})": (
        "đơn vị '{unit}' có số liệu báo cáo thứ hai (bản thứ nhất ở {first})"
    ),
    "no submission for unit(s): {units}": "chưa có số liệu báo cáo của đơn vị: {units}",
    # Where a problem stands
    "{field}: {reason}": "{field}: {reason}",
    "values.{indicator}: {reason}": "values.{indicator}: {reason}",
    "column '{column}': {reason}": "cột '{column}': {reason}",
    "unit {unit}, column {column}: {reason}": "đơn vị {unit}, cột {column}: {reason}",
    "{place} (sheet {sheet}, cell {cell})": "{place} (trang tính {sheet}, ô {cell})",
    # The round and the unit
    "this submission is for round '{round}', but the criteria are for round '{criteria}'": (
        "số liệu báo cáo này thuộc đợt '{round}', nhưng tệp tiêu chí là của đợt '{criteria}'"
    ),
    "unit '{unit}' is not in this round; did you mean '{suggestion}'?": (
        "đơn vị '{unit}' không thuộc đợt này; có phải ý là '{suggestion}'?"
    ),
    "unit '{unit}' is not in this round; the round's units are {units}": (
        "đơn vị '{unit}' không thuộc đợt này; các đơn vị của đợt là {units}"
    ),
    # YAML
    "values.{indicator}: unknown key '{key}' (give value and evidence)": (
        "values.{indicator}: khóa '{key}' không hợp lệ (chỉ ghi value và evidence)"
    ),
    "values.{indicator}.evidence: give the evidence as text": "values.{indicator}.evidence: hãy ghi căn cứ dưới dạng văn bản",
    # CSV
    "the CSV file is empty; it needs a header row": "tệp CSV trống; cần có dòng tiêu đề",
    "not a valid CSV file: {reason}": "tệp CSV không hợp lệ: {reason}",
    "not a valid CSV row: {reason}": "dòng CSV không hợp lệ: {reason}",
    "the header has no '{column}' column": "dòng tiêu đề thiếu cột '{column}'",
    "column '{column}' appears twice": "cột '{column}' xuất hiện hai lần",
    "the row has {cells} cells, the header {columns}": "dòng này có {cells} ô, còn dòng tiêu đề có {columns} ô",
    # Filled xlsx forms
    "not a thidua form; make the form again with thidua template": (
        "không phải biểu mẫu thidua; hãy lập lại biểu mẫu bằng lệnh thidua template"
    ),
    "a form of another kind ('{kind}'); make the form again with thidua template": (
        "biểu mẫu thuộc loại khác ('{kind}'); hãy lập lại biểu mẫu bằng lệnh thidua template"
    ),
    "this form was made for round '{round}', but the criteria are for round '{criteria}'": (
        "biểu mẫu này được lập cho đợt '{round}', nhưng tệp tiêu chí là của đợt '{criteria}'"
    ),
    "sheet '{sheet}' is for unit '{unit}', which is not in round {round}; the round's units are {units}": (
        "trang tính '{sheet}' dành cho đơn vị '{unit}', đơn vị này không thuộc đợt {round}; các đơn vị của đợt là {units}"
    ),
    "not laid out as a thidua form (row {row} should hold the headings {headings})": (
        "không đúng bố cục biểu mẫu thidua (dòng {row} phải ghi các tiêu đề cột {headings})"
    ),
    "the indicator is listed twice (first on row {row})": "chỉ tiêu được ghi hai lần (lần đầu ở dòng {row})",
    # Values
    "unknown indicator '{indicator}'": "không có chỉ tiêu '{indicator}' trong tệp tiêu chí",
    "unknown indicator '{indicator}'; did you mean '{suggestion}'?": (
        "không có chỉ tiêu '{indicator}' trong tệp tiêu chí; có phải ý là '{suggestion}'?"
    ),
    "expected a number, not a yes/no value": "cần ghi một số, không phải giá trị có/không",
    "expected a number, got {kind}": "cần ghi một số, nhưng giá trị có kiểu {kind}",
    "expected có or không (or yes/no, true/false)": "cần ghi có hoặc không (hoặc yes/no, true/false)",
    "expected one of: {answers}": "cần chọn một trong các giá trị: {answers}",
    "{value} is beyond the largest figure accepted ({limit})": "{value} vượt quá số lớn nhất được chấp nhận ({limit})",
    "{value} has more than {places} decimal places": "{value} có quá {places} chữ số thập phân",
    "{value} is not a whole number": "{value} không phải là số nguyên",
    "{value} is not a whole number; write {whole}": "{value} không phải là số nguyên; hãy viết {whole}",
    '{value} is not a whole number; if you meant {meant} (a dot grouping thousands), write {meant} or "{written}" in quotes': (
        "{value} không phải là số nguyên; nếu muốn ghi {meant} (dấu chấm phân cách hàng nghìn),"
        ' hãy viết {meant} hoặc "{written}" trong dấu ngoặc kép'
    ),
    "{value} is below the minimum {minimum}": "{value} nhỏ hơn giá trị tối thiểu {minimum}",
    "{value} is above the maximum {maximum}": "{value} lớn hơn giá trị tối đa {maximum}",
}
