"""Vietnamese wordings: record."""

MESSAGES: dict[str, str] = {
    # reading a record
    "not a decision record: {problem}": "không phải là hồ sơ xét duyệt: {problem}",
    "not a decision record (format {format})": "không phải là hồ sơ xét duyệt (định dạng {format})",
    "text that is not UTF-8, or half a surrogate pair": "có văn bản không phải UTF-8, hoặc nửa cặp ký tự thay thế (surrogate)",
    "the key '{key}' is given twice": "khoá '{key}' được ghi hai lần",
    "numbers too long or nesting too deep": "số quá dài hoặc lồng nhau quá sâu",
    "not a complete decision record: {field} is missing or not as the engine writes it": (
        "hồ sơ xét duyệt không đầy đủ: {field} bị thiếu hoặc không đúng dạng chương trình ghi"
    ),
    # verify: the differences between a record and its input files today
    "criteria file": "tệp tiêu chí",
    "review file": "tệp xét duyệt",
    "previous round's file": "tệp của đợt xét trước",
    "submission file": "tệp số liệu báo cáo",
    "{what} {path}: its SHA-256 is {now}…, the record has {recorded}…: the file changed": (
        "{what} {path}: mã SHA-256 hiện là {now}…, hồ sơ ghi {recorded}…: tệp đã thay đổi"
    ),
    "{what} {path}: {problem}": "{what} {path}: {problem}",
    "the record has no complete 'inputs' section": "hồ sơ không có đầy đủ mục 'inputs'",
    "the inputs no longer give a valid record: {problems}": "các tệp đầu vào không còn cho ra hồ sơ hợp lệ: {problems}",
    "the submission files given are not those recorded (their digests differ)": (
        "các tệp số liệu báo cáo được chỉ định không phải là các tệp hồ sơ đã ghi (mã SHA-256 khác nhau)"
    ),
    "engine: the record was made by {recorded}, this is {now}": (
        "engine: hồ sơ được lập bằng {recorded}, chương trình đang chạy là {now}"
    ),
    "{path}: the record has {recorded}, the inputs give {now}": "{path}: hồ sơ ghi {recorded}, các tệp đầu vào cho ra {now}",
    "(missing)": "(không có)",
}
