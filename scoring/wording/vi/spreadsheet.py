"""Vietnamese wordings: spreadsheets, the xlsx form (biểu mẫu báo cáo) made and read, and the score table."""

MESSAGES: dict[str, str] = {
    # The form: sheet, headings, labels
    "Indicators": "Chỉ tiêu",
    "Indicator id": "Mã chỉ tiêu",
    "Indicator": "Chỉ tiêu",
    "Unit of measure": "Đơn vị tính",
    "Type": "Kiểu",
    "Allowed values": "Giới hạn",
    "Assigned target": "Chỉ tiêu được giao",
    "Value": "Giá trị",
    "Evidence (document, number)": "Căn cứ (văn bản, số hiệu)",
    "Unit: {name} (id {unit})": "Đơn vị: {name} (mã {unit})",
    (
        "Round {round}. Enter each figure in the Value column and its evidence (document, number) in the Evidence column;"
        " a figure typed as text is read the Vietnamese way (4.093,7 is 4093.7); leave an indicator empty if it is not"
        " reported."
    ): (
        "Vòng thi đua {round}. Nhập số liệu vào cột Giá trị và căn cứ (văn bản, số hiệu) vào cột Căn cứ;"
        " số thập phân viết dấu phẩy (4.093,7); để trống chỉ tiêu không báo cáo."
    ),
    "Self-assessed score (the unit's own total)": "Tự chấm điểm (tổng điểm đơn vị tự chấm)",
    "Whole number": "Số nguyên",
    "Number": "Số",
    "Yes/no": "Có/không",
    "Choice": "Lựa chọn",
    "from {low} to {high}": "từ {low} đến {high}",
    "unit '{unit}' is not in round {round}": "đơn vị '{unit}' không thuộc đợt {round}",
    # The form: what the spreadsheet says of a cell typed in
    "Invalid value": "Giá trị không hợp lệ",
    "Enter the self-assessed total, 0 or more.": "Nhập tổng điểm tự chấm, từ 0 trở lên.",
    "Choose yes or no.": "Chọn có hoặc không.",
    "Choose one of: {answers}.": "Chọn một trong: {answers}.",
    "Enter a whole number from {low} to {high}.": "Nhập số nguyên từ {low} đến {high}.",
    "Enter a whole number of {low} or more.": "Nhập số nguyên từ {low} trở lên.",
    "Enter a whole number of at most {high}.": "Nhập số nguyên không quá {high}.",
    "Enter a whole number.": "Nhập một số nguyên.",
    "Enter a number from {low} to {high}.": "Nhập số từ {low} đến {high}.",
    "Enter a number of {low} or more.": "Nhập số từ {low} trở lên.",
    "Enter a number of at most {high}.": "Nhập số không quá {high}.",
    "Enter a number.": "Nhập một số.",
    # A filled form read back
    "sheet {sheet}, cell {cell}: {message}": "trang tính {sheet}, ô {cell}: {message}",
    "sheet {sheet}: {message}": "trang tính {sheet}: {message}",
    "not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx": (
        "không phải tệp Excel .xlsx (hoặc tệp đã hỏng); hãy mở bằng Excel và lưu lại dưới dạng .xlsx"
    ),
    "not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx (part {part} is not as Excel writes it)": (
        "không phải tệp Excel .xlsx (hoặc tệp đã hỏng); hãy mở bằng Excel và lưu lại dưới dạng .xlsx"
        " (phần {part} không đúng như Excel ghi)"
    ),
    (
        "the workbook unpacks to more than {limit} MB; a form as thidua or Excel writes it is far smaller:"
        " make the form again with thidua template"
    ): (
        "tệp bảng tính khi giải nén vượt quá {limit} MB, trong khi biểu mẫu do thidua hoặc Excel ghi nhỏ hơn nhiều:"
        " hãy lập lại biểu mẫu bằng lệnh thidua template"
    ),
    (
        "the workbook's part {part} unpacks to more than {limit} MB; a form as thidua or Excel writes it is far smaller:"
        " make the form again with thidua template"
    ): (
        "phần {part} của tệp bảng tính khi giải nén vượt quá {limit} MB, trong khi biểu mẫu do thidua hoặc Excel ghi"
        " nhỏ hơn nhiều: hãy lập lại biểu mẫu bằng lệnh thidua template"
    ),
    (
        "this workbook is not a thidua form (it has no sheet '{sheet}');"
        " make the forms with thidua template, or submit a .csv or .yaml file"
    ): (
        "tệp bảng tính này không phải biểu mẫu thidua (không có trang tính '{sheet}');"
        " hãy lập biểu mẫu bằng lệnh thidua template, hoặc nộp tệp .csv hay .yaml"
    ),
    "the workbook has no sheet '{sheet}'": "tệp bảng tính không có trang tính '{sheet}'",
    "the form names no unit sheet": "biểu mẫu không ghi trang tính nào của đơn vị",
    "the cell does not hold a finite number": "ô không chứa một số hữu hạn",
    "the cell holds a date or time, not a figure; type the figure as a number": (
        "ô chứa ngày hoặc giờ, không phải số liệu; hãy nhập số liệu dưới dạng số"
    ),
    "the cell holds {kind}, not a figure": "ô chứa dữ liệu kiểu {kind}, không phải số liệu",
    # The score table
    "Score table": "Bảng điểm",
    "Summary of scores and ranking — round {round}": "Bảng tổng hợp kết quả chấm điểm, xếp hạng — đợt {round}",
    "the council's corrections applied ({file})": "đã áp dụng điều chỉnh của Hội đồng ({file})",
    "Unit id": "Mã đơn vị",
    "Unit name": "Tên đơn vị",
    "Group {group}. {label} (max {max})": "Nhóm {group}. {label} (tối đa {max})",
    "{criterion}. {label} (max {max})": "{criterion}. {label} (tối đa {max})",
    "Bonus: {label}": "Cộng: {label}",
    "Bonus: {label} (max {cap})": "Cộng: {label} (tối đa {cap})",
    "Deduction: {label}": "Trừ: {label}",
    "Deduction: {label} (max {cap})": "Trừ: {label} (tối đa {cap})",
    "Total score": "Tổng điểm",
    "Rank": "Hạng",
    "Classification": "Xếp loại",
    "Proposed award": "Đề nghị khen thưởng",
    "For the council to decide (tied at the last seat)": "Hội đồng quyết định (đồng điểm ở suất cuối)",
    "Award decided by the council": "Khen thưởng Hội đồng quyết định",
    "Self-assessed score": "Tự chấm điểm",
    "Difference (scored − self-assessed)": "Chênh lệch (chấm − tự chấm)",
    "Group {group}": "Nhóm {group}",
}
