"""Vietnamese wordings: formula."""

MESSAGES: dict[str, str] = {
    # what a value is
    "a number": "một số",
    "a yes/no value": "một giá trị có/không",  # also schema's description of a yes/no given where text is needed
    # a message with the formula and its caret below it
    "{message}\n{caret}": "{message}\n{caret}",
    # refused when loading
    "the formula is empty": "công thức đang để trống",
    "the formula is {length} characters long; the limit is {limit}": "công thức dài {length} ký tự; giới hạn là {limit} ký tự",
    "comments ('#') are not allowed in a formula; put them in the YAML, outside the formula": (
        "không được ghi chú ('#') trong công thức; hãy ghi chú trong tệp YAML, bên ngoài công thức"
    ),
    "the formula contains the control character {char}": "công thức chứa ký tự điều khiển {char}",
    "the formula is nested too deeply": "công thức lồng nhau quá sâu",
    "the formula is nested more than {limit} levels deep": "công thức lồng nhau sâu quá {limit} tầng",
    "a number runs into the word after it: put a space between them": (
        "một số viết liền với chữ đứng sau nó: hãy thêm dấu cách ở giữa"
    ),
    "not a valid formula ({detail})": "công thức không hợp lệ ({detail})",
    "a formula is one expression; remove the ';'": "công thức chỉ gồm một biểu thức; hãy bỏ dấu ';'",
    "assignment is not allowed: a formula computes a value (use == to compare)": (
        "không được dùng phép gán: công thức dùng để tính ra một giá trị (muốn so sánh bằng, hãy dùng ==)"
    ),
    "not a formula: {kind} statements are not allowed": "đây không phải công thức: không được dùng câu lệnh {kind}",
    "attribute access ('.') is not allowed": "không được truy cập thuộc tính (dấu '.')",
    "indexing ('[...]') is not allowed": "không được lấy phần tử theo chỉ số ('[...]')",
    "lambda is not allowed": "không được dùng lambda",
    "comprehensions are not allowed": "không được dùng biểu thức duyệt (comprehension)",
    "lists are not allowed": "không được dùng danh sách",
    "tuples are not allowed": "không được dùng bộ giá trị (tuple)",
    "sets are not allowed": "không được dùng tập hợp",
    "dictionaries are not allowed": "không được dùng từ điển (dictionary)",
    "strings are not allowed": "không được dùng chuỗi ký tự",
    "strings are not allowed in a formula": "không được dùng chuỗi ký tự trong công thức",
    "assignment (':=') is not allowed": "không được dùng phép gán (':=')",
    "'*' unpacking is not allowed": "không được dùng dấu '*' để tách các đối số",
    "await is not allowed": "không được dùng await",
    "yield is not allowed": "không được dùng yield",
    "slices are not allowed": "không được dùng lát cắt (slice)",
    "'{kind}' is not allowed in a formula": "không được dùng '{kind}' trong công thức",
    "'{segment}' is not a decimal number": "'{segment}' không phải là số thập phân",
    "the number '{segment}' has more than {limit} digits or places": (
        "số '{segment}' có quá {limit} chữ số ở phần nguyên hoặc phần thập phân"
    ),
    "unknown name '{name}'": "tên '{name}' chưa được khai báo",
    "unknown name '{name}'; did you mean '{close}'?": "tên '{name}' chưa được khai báo; có phải ý là '{close}'?",
    "unknown function '{name}'": "không có hàm '{name}'",
    "unknown function '{name}'; did you mean '{close}'?": "không có hàm '{name}'; có phải ý là '{close}'?",
    "'{name}' is a function; call it as {name}(...)": "'{name}' là một hàm; hãy gọi theo dạng {name}(...)",
    "bitwise operators are not allowed": "không được dùng phép toán trên bit",
    "the operator '{symbol}' is not allowed (use + - * / **)": "không được dùng phép toán '{symbol}' (hãy dùng + - * / **)",
    "exponents are limited to {limit}": "số mũ không được vượt quá {limit}",
    "the comparison {kind} is not allowed": "không được dùng phép so sánh {kind}",
    "only the listed functions can be called: {functions}": "chỉ được gọi các hàm sau: {functions}",
    "{name}() takes no named arguments": "{name}() không nhận đối số có tên",
    "{name}() takes {count} arguments, not {given}": "{name}() nhận {count} đối số, không phải {given}",
    "{name}() takes {low} to {high} arguments, not {given}": "{name}() nhận từ {low} đến {high} đối số, không phải {given}",
    "round(x, n) needs n as a whole number from 0 to 10": "round(x, n) cần n là một số nguyên từ 0 đến 10",
    "previous() takes the name of one indicator, e.g. previous(members)": (
        "previous() nhận tên của một chỉ tiêu, ví dụ previous(members)"
    ),
    "{function}() takes the name of one indicator or derived value, e.g. {function}(members)": (
        "{function}() nhận tên của một chỉ tiêu hoặc một giá trị tính toán (derived), ví dụ {function}(members)"
    ),
    "{function}() needs a number, but '{name}' is a yes/no value": "{function}() cần một số, nhưng '{name}' là giá trị có/không",
    "clamp() has its low bound {low} above its high bound {high}": "clamp() có cận dưới {low} lớn hơn cận trên {high}",
    # types
    "{what} needs {wanted}, but '{segment}' is {given}": "{what} cần {wanted}, nhưng '{segment}' là {given}",
    "{what} needs {wanted}, but '{segment}' is {given} (write e.g. '5 if x else 0' to turn a yes/no into points)": (
        "{what} cần {wanted}, nhưng '{segment}' là {given} (muốn đổi giá trị có/không thành điểm, hãy viết ví dụ '5 if x else 0')"
    ),
    "the condition of 'if'": "điều kiện của 'if'",
    "the 'else' branch": "nhánh 'else'",
    "'{symbol}' with {kind}": "'{symbol}' với {kind}",
    # what Python's parser says of a formula it cannot read
    "invalid syntax": "sai cú pháp",
    "invalid syntax. Perhaps you forgot a comma?": "sai cú pháp; có thể thiếu dấu phẩy?",
    "'{bracket}' was never closed": "dấu '{bracket}' chưa được đóng",
    "unmatched '{bracket}'": "dấu '{bracket}' không có dấu mở tương ứng",
    "closing parenthesis '{closing}' does not match opening parenthesis '{opening}'": (
        "dấu đóng '{closing}' không khớp với dấu mở '{opening}'"
    ),
    "unterminated string literal (detected at line {line})": "chuỗi ký tự chưa có dấu nháy đóng (phát hiện ở dòng {line})",
    "invalid character '{char}' ({code})": "ký tự không hợp lệ '{char}' ({code})",
    "invalid non-printable character {code}": "ký tự không in được, không hợp lệ: {code}",
    "expected 'else' after 'if' expression": "thiếu 'else' sau biểu thức 'if'",
    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers": (
        "số nguyên không được bắt đầu bằng chữ số 0"
    ),
    "unexpected character after line continuation character": "có ký tự không hợp lệ sau dấu gạch chéo ngược (\\)",
    "positional argument follows keyword argument": "đối số không tên đứng sau đối số có tên",
    "too many nested parentheses": "quá nhiều dấu ngoặc lồng nhau",
    # faults for one unit's values
    "the result is out of range": "kết quả vượt quá giới hạn tính toán",
    "the result is out of range ({error})": "kết quả vượt quá giới hạn tính toán ({error})",
    "division by zero": "chia cho 0",
    "exponent {exponent} is over the limit of {limit}": "số mũ {exponent} vượt quá giới hạn {limit}",
    "zero to a negative power (division by zero)": "0 lũy thừa với số mũ âm (chia cho 0)",
    "a negative number to a fractional power": "số âm lũy thừa với số mũ không nguyên",
}
