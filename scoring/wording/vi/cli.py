"""Vietnamese wordings: the command line, and argparse's own messages."""

MESSAGES: dict[str, str] = {
    # Help.
    "Score emulation and commendation rounds (thi đua – khen thưởng) from declarative criteria.": "Chấm điểm, xếp hạng và"
    " đề nghị khen thưởng trong phong trào thi đua theo bộ tiêu chí khai báo.",
    "show this help and exit": "hiện hướng dẫn này rồi thoát",
    "show the version and exit": "hiện phiên bản rồi thoát",
    "the language of the output: vi (Vietnamese, the default) or en; or set THIDUA_LANG": "ngôn ngữ hiển thị: vi (tiếng"
    " Việt, mặc định) hoặc en (tiếng Anh); cũng có thể đặt biến môi trường THIDUA_LANG",
    "COMMAND": "LỆNH",
    "commands": "các lệnh",
    "the round's criteria file (YAML)": "tệp tiêu chí của đợt thi đua (YAML)",
    "submission files or folders": "các tệp hoặc thư mục số liệu của đơn vị",
    "apply the council's corrections from this review file": "áp dụng điều chỉnh của Hội đồng trong tệp thẩm định này",
    "check a criteria file (and submissions) and list every problem": "kiểm tra tệp tiêu chí (và số liệu) và liệt kê mọi lỗi",
    "score every unit of the round": "chấm điểm mọi đơn vị trong đợt",
    "the output's form": "dạng kết quả",
    "rank the units and propose award tiers, with every unit's reasons": "xếp hạng các đơn vị và đề nghị mức khen, kèm lý"
    " do của từng đơn vị",
    "apply the council's review: corrections, decisions, ballots; check them and write the record": "áp dụng kết quả thẩm"
    " định của Hội đồng (điều chỉnh, quyết định, phiếu biểu quyết), kiểm tra và ghi hồ sơ xét duyệt",
    "the review file (YAML)": "tệp thẩm định (YAML)",
    "write the decision record (JSON) here": "ghi hồ sơ xét duyệt (JSON) vào tệp này",
    "replace an existing record": "ghi đè hồ sơ đã có",
    "recompute a decision record from its input files and report every difference": "tính lại hồ sơ xét duyệt từ các tệp"
    " đầu vào và báo mọi chỗ khác biệt",
    "a decision record written by thidua review": "hồ sơ xét duyệt do lệnh thidua review ghi",
    "the criteria file (default: the path in the record)": "tệp tiêu chí (mặc định: đường dẫn ghi trong hồ sơ)",
    "submission files or folders (default: as recorded)": "các tệp hoặc thư mục số liệu (mặc định: như ghi trong hồ sơ)",
    "the review file (default: the path in the record)": "tệp thẩm định (mặc định: đường dẫn ghi trong hồ sơ)",
    "write the meeting's minutes (biên bản) from a decision record, to print and sign": "lập biên bản họp từ hồ sơ xét"
    " duyệt, để in và ký",
    "replace existing minutes": "ghi đè biên bản đã có",
    "explain where each point of one unit came from": "giải trình từng điểm của một đơn vị",
    "the unit's id, as in the criteria file": "mã đơn vị, như trong tệp tiêu chí",
    "apply the council's review: its corrections and decided tiers": "áp dụng kết quả thẩm định: điều chỉnh và mức khen Hội"
    " đồng đã quyết định",
    "replace an existing report": "ghi đè báo cáo đã có",
    "write a submission form from the criteria: .xlsx (a sheet per unit, or one unit's) or .csv": "lập biểu mẫu báo cáo số"
    " liệu từ tệp tiêu chí: .xlsx (mỗi đơn vị một trang, hoặc của một đơn vị) hoặc .csv",
    "a form for this unit only (default: every unit of the round)": "biểu mẫu chỉ cho đơn vị này (mặc định: mọi đơn vị của đợt)",
    "the form: a .xlsx or .csv file": "biểu mẫu: tệp .xlsx hoặc .csv",
    "replace an existing file": "ghi đè tệp đã có",
    "write the score table (points, total, rank, classification, proposed awards) as .xlsx or .csv": "xuất bảng điểm (điểm,"
    " tổng điểm, hạng, xếp loại, đề nghị khen thưởng) ra .xlsx hoặc .csv",
    "the table: a .xlsx or .csv file": "bảng điểm: tệp .xlsx hoặc .csv",
    "score an earlier round's submissions under new criteria, beside their own results": "chấm lại số liệu của đợt trước"
    " theo bộ tiêu chí mới, đặt cạnh kết quả cũ",
    "the new criteria file": "tệp tiêu chí mới",
    "the earlier round's submissions": "số liệu của đợt trước",
    "the earlier criteria (default: the new file's previous round)": "tệp tiêu chí cũ (mặc định: đợt trước ghi trong tệp mới)",
    "show what a new criteria file changes, in meaning: criteria, points, bands, targets, awards, units": "cho biết tệp tiêu"
    " chí mới thay đổi những gì: tiêu chí, điểm, khung, chỉ tiêu, khen thưởng, đơn vị",
    "the criteria file in use (YAML)": "tệp tiêu chí đang dùng (YAML)",
    "the proposed criteria file (YAML)": "tệp tiêu chí dự thảo (YAML)",
    "no progress bars or messages, only the output asked for": "không hiện tiến trình hay thông báo, chỉ in kết quả",
    # Messages.
    "Reading the figures": "Đọc số liệu",
    "Scoring": "Chấm điểm",
    "{file}: round {round}, {units} units, {indicators} indicators, {criteria} criteria in {groups} groups, scale {scale}": "{file}: đợt {round}, {units} đơn vị, {indicators} chỉ tiêu, {criteria} tiêu chí trong {groups} nhóm, thang điểm"
    " {scale}",
    "{summary}; {n} submissions scored without a problem": "{summary}; đã chấm {n} bản số liệu, không có lỗi",
    "OK: {summary}": "Hợp lệ: {summary}",
    "unit '{unit}' is not in round {round}; its units are: {units}": "đơn vị '{unit}' không thuộc đợt {round}; các đơn vị"
    " của đợt: {units}",
    "acknowledged: {breach} — reason: {reason}": "đã chấp nhận: {breach} — lý do: {reason}",
    "No record written: give -o RECORD.json to write the decision record.": "Chưa ghi hồ sơ: thêm -o HO-SO.json để ghi hồ"
    " sơ xét duyệt.",
    "Record written: {file} (SHA-256 {digest})": "Đã ghi hồ sơ: {file} (SHA-256 {digest})",
    "DIFFERENT: {difference}": "KHÁC: {difference}",
    "{file}: verified: the input files give this record exactly.": "{file}: đã kiểm chứng: các tệp đầu vào cho đúng hồ sơ này.",
    "{file} changed while it was being read; run again": "{file} đã thay đổi trong lúc đang đọc; hãy chạy lại",
    "not a complete decision record: {error}": "không phải hồ sơ xét duyệt đầy đủ: {error}",
    "Minutes written: {file} (record SHA-256 {digest})": "Đã lập biên bản: {file} (SHA-256 của hồ sơ {digest})",
    "Report written: {file}": "Đã lập báo cáo: {file}",
    "{file}: a form is written as .xlsx (Excel) or .csv; name the file so": "{file}: biểu mẫu được ghi dưới dạng .xlsx"
    " (Excel) hoặc .csv; hãy đặt tên tệp như vậy",
    "unit {unit}": "đơn vị {unit}",
    "{n} units": "{n} đơn vị",
    "Form written: {file} (round {round}, {whom})": "Đã lập biểu mẫu: {file} (đợt {round}, {whom})",
    "{file}: the score table is written as .xlsx (Excel) or .csv; name the file so": "{file}: bảng điểm được ghi dưới dạng"
    " .xlsx (Excel) hoặc .csv; hãy đặt tên tệp như vậy",
    "Score table written: {file} ({n} units)": "Đã xuất bảng điểm: {file} ({n} đơn vị)",
    "{file} names no previous round: give the earlier criteria with --old": "{file} không ghi đợt trước: hãy chỉ tệp tiêu"
    " chí cũ bằng --old",
    "{indicator}: {why} of {units}; the criteria reading it score no points here": "{indicator}: {why} của {units}; các"
    " tiêu chí dùng chỉ tiêu này không được tính điểm ở đây",
    "units of {old} with no place in {new}: {units}": "các đơn vị của {old} không có trong {new}: {units}",
    "{file}: this is one of the input files; write the output to another file": "{file}: đây là một tệp đầu vào; hãy ghi"
    " kết quả ra tệp khác",
    "{n} problem(s) found.": "Tìm thấy {n} lỗi.",
}

# argparse's messages (its gettext ids, with its %-placeholders), in Vietnamese.
ARGPARSE: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu các đối số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu các đối số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn chưa rõ: %(option)s có thể là %(matches)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "not allowed with argument %s": "không dùng cùng đối số %s",
    "ignored explicit argument %r": "bỏ qua đối số %r",
    "one of the arguments %s is required": "cần một trong các đối số %s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
}


def argparse_gettext(message: str) -> str:
    return ARGPARSE.get(message, message)


def argparse_ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "cần %s giá trị"
    return singular if n == 1 else plural
