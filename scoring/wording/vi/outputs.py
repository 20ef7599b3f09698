"""Vietnamese wordings: what people's text may not carry into the outputs (control characters, formulas, form versions)."""

MESSAGES: dict[str, str] = {
    "the text contains the control character {char}; remove it (an escape sequence could change what a terminal shows)": (
        "văn bản chứa ký tự điều khiển {char}; hãy xóa ký tự này (một chuỗi điều khiển có thể làm thay đổi nội dung"
        " hiển thị trên màn hình)"
    ),
    "the cell holds a formula ({formula}); enter the value, not a formula": (
        "ô chứa công thức ({formula}); hãy nhập giá trị, không nhập công thức"
    ),
    "this form was made from another version of round {round}'s criteria (SHA-256 {form});"
    " the criteria given are {criteria}: make the forms again with thidua template": (
        "biểu mẫu này được lập từ một phiên bản khác của bảng tiêu chí đợt {round} (SHA-256 {form});"
        " bảng tiêu chí đang dùng là {criteria}: hãy lập lại biểu mẫu bằng lệnh thidua template"
    ),
    "Enter the text itself, not a formula.": "Nhập nội dung văn bản, không nhập công thức.",
}
