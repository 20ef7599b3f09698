"""Vietnamese wordings: one round feeding another (criteria `sources`, an indicator's `from`)."""

MESSAGES: dict[str, str] = {
    # criteria file
    "unknown source '{name}'{hint} (declare it under sources)": "không có nguồn '{name}'{hint} (khai báo nguồn ở mục sources)",
    "an indicator taken from another round holds points: give it type: number": "chỉ tiêu lấy từ đợt khác là số điểm: hãy ghi type: number",
    # reading and verifying a source record
    "sources.{source}.record: {problem}": "sources.{source}.record: {problem}",
    "the record {path} takes values from itself (through its own sources)": "hồ sơ {path} lấy số liệu từ chính nó (qua các nguồn của nó)",
    "{path}: {problems}": "{path}: {problems}",
    "the record {path} does not verify: {differences}": "hồ sơ {path} không khớp khi kiểm tra lại: {differences}",
    "round {round} has no group '{name}'{hint} (its groups: {ids})": "đợt {round} không có nhóm '{name}'{hint} (các nhóm của đợt: {ids})",
    "round {round} has no criterion '{name}'{hint} (its criteria: {ids})": "đợt {round} không có tiêu chí '{name}'{hint} (các tiêu chí của đợt: {ids})",
    "unit {unit}: {value} taken from round {round} is outside the indicator's range": "đơn vị {unit}: giá trị {value} lấy từ đợt {round} nằm ngoài khoảng giá trị của chỉ tiêu",
    "unit {unit}: no value for '{name}' ({why}), which {what} ({rule}) needs; map the unit under sources.{source}.units, or declare what a missing value means (default, or if_missing: no_points){caret}": "đơn vị {unit}: không có giá trị '{name}' ({why}), mà {what} ({rule}) cần; hãy nối đơn vị ở sources.{source}.units, hoặc khai báo cách xử lý khi thiếu số liệu (default, hoặc if_missing: no_points){caret}",
    # submissions
    "'{indicator}' is taken from source {source} (indicators.{indicator}.from in the criteria), not reported": "'{indicator}' được lấy từ nguồn {source} (indicators.{indicator}.from trong tệp tiêu chí), đơn vị không báo cáo chỉ tiêu này",
    # verify
    "source round's record": "hồ sơ của đợt nguồn",
    "Record of a source round": "Hồ sơ xét duyệt của đợt nguồn",
    # facts
    "{unit} is not in the record of round {round} (source {source})": "{unit} không có trong hồ sơ của đợt {round} (nguồn {source})",
    "from round {round} (record sha256 {sha256}…, {take} of {unit})": "từ đợt {round} (hồ sơ sha256 {sha256}…, {take} của {unit})",
    "the total": "tổng điểm",
    "the criteria's points (before bonuses and deductions)": "điểm các tiêu chí (chưa tính điểm cộng, điểm trừ)",
    "the points of group {group}": "điểm nhóm {group}",
    "the points of criterion {criterion}": "điểm tiêu chí {criterion}",
    # diff of two criteria files
    "source {source}, {take}": "nguồn {source}, {take}",
    # explanation
    "{name} ({label}) = {value}{unit} — {taken}": "{name} ({label}) = {value}{unit} — {taken}",
}
