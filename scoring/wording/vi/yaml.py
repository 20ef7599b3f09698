"""Vietnamese wordings: yaml (reading YAML: yamlio; the files' shape: schema; Vietnamese number text: numbers)."""

MESSAGES: dict[str, str] = {
    # --- yamlio: reading a file
    "cannot read the file: {reason}": "không đọc được tệp: {reason}",
    "cannot read the file: it is a folder": "không đọc được tệp: đây là một thư mục",
    "cannot read the file: it is not a regular file (a pipe or a device)": (
        "không đọc được tệp: đây không phải tệp thông thường (mà là đường ống hoặc thiết bị)"
    ),
    "cannot read the file: its name contains a NUL": "không đọc được tệp: tên tệp chứa ký tự NUL",
    "the file is {size} bytes; the limit is {limit}": "tệp có {size} byte; giới hạn là {limit} byte",
    "the file grew past the limit of {limit} bytes while it was read": (
        "tệp đã lớn vượt giới hạn {limit} byte trong lúc đang được đọc"
    ),
    "No such file or directory": "không có tệp hoặc thư mục này",
    "Permission denied": "không có quyền truy cập",
    "Operation not permitted": "thao tác không được phép",
    "Not a directory": "không phải là thư mục",
    "Is a directory": "đây là một thư mục",
    "Too many levels of symbolic links": "quá nhiều tầng liên kết tượng trưng (symlink)",
    "File name too long": "tên tệp quá dài",
    "Input/output error": "lỗi đọc/ghi thiết bị",
    "Read-only file system": "hệ thống tệp chỉ cho phép đọc",
    "No space left on device": "thiết bị đã hết dung lượng",
    # --- yamlio: the text
    "the file is UTF-16 text; save it as UTF-8 and try again": "tệp được lưu dạng UTF-16; hãy lưu lại dạng UTF-8 rồi thử lại",
    "the file contains NUL bytes; is it really a text file?": "tệp chứa byte NUL; đây có đúng là tệp văn bản không?",
    "the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again": (
        "tệp không phải văn bản UTF-8; hãy lưu lại dạng UTF-8 (Unicode) rồi thử lại"
    ),
    "the file contains the control character {char}; is it really a text file?": (
        "tệp chứa ký tự điều khiển {char}; đây có đúng là tệp văn bản không?"
    ),
    "the escape {escape} names no character (the last is \\U0010FFFF)": (
        "mã thoát {escape} không ứng với ký tự nào (mã cuối cùng là \\U0010FFFF)"
    ),
    "the escape {escape} is half of a surrogate pair, not a character; write the character itself": (
        "mã thoát {escape} chỉ là một nửa của cặp thay thế (surrogate pair), không phải một ký tự; hãy viết chính ký tự đó"
    ),
    # --- yamlio: what the strict reader refuses
    "the file holds more than {count} values, far more than a round needs: is it the right file?": (
        "tệp chứa hơn {count} giá trị, nhiều hơn hẳn mức một đợt thi đua cần: có đúng là tệp cần dùng không?"
    ),
    "the YAML is nested more than {limit} levels deep": "YAML lồng nhau sâu quá {limit} tầng",
    "aliases (*{anchor}) are not allowed; write the value out": "không được dùng bí danh (*{anchor}); hãy viết đầy đủ giá trị",
    "anchors (&{anchor}) are not allowed; write the value out": "không được dùng neo (&{anchor}); hãy viết đầy đủ giá trị",
    "YAML tags ({tag}) are not allowed": "không được dùng thẻ YAML ({tag})",
    "a key must be plain text, not a list or mapping": (
        "khóa phải là chữ thông thường, không phải danh sách hay nhóm khóa: giá trị"
    ),
    "merge keys (<<) are not allowed; write the values out": "không được dùng khóa gộp (<<); hãy viết đầy đủ từng giá trị",
    "duplicate key '{key}' (first given on line {line}); give each key once": (
        "khóa '{key}' bị lặp lại (đã có ở dòng {line}); mỗi khóa chỉ được ghi một lần"
    ),
    # --- yamlio: the slips people make writing YAML by hand, with the fix
    "a comma inside {{…}} starts a new key, so '{key}: {written}' is read as '{key}: {whole}' and a key '{decimals}': write {{{key}: {dotted}, …}}, or put the number in quotes: {{{key}: \"{written}\", …}}": (
        "trong {{…}} dấu phẩy bắt đầu một khóa mới, nên '{key}: {written}' bị đọc thành '{key}: {whole}' và một khóa"
        " '{decimals}': hãy viết {{{key}: {dotted}, …}} (dùng dấu chấm thập phân), hoặc đặt số trong ngoặc kép:"
        ' {{{key}: "{written}", …}}'
    ),
    "line {line} is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces": (
        "dòng {line} được thụt lề bằng dấu tab; YAML chỉ cho phép thụt lề bằng dấu cách: hãy thay dấu tab bằng các dấu cách"
    ),
    "a tab cannot stand here: write a space instead of the tab (a tab is allowed only inside quotes)": (
        "không được dùng dấu tab ở đây: hãy thay dấu tab bằng dấu cách (dấu tab chỉ được phép nằm trong ngoặc kép)"
    ),
    "a value cannot start with '%' in YAML: write {fixed} (the sign after the number), or put the value in quotes: {quoted}": (
        "trong YAML, giá trị không được bắt đầu bằng '%': hãy viết {fixed} (dấu % đặt sau số), hoặc đặt giá trị trong"
        " ngoặc kép: {quoted}"
    ),
    "a value cannot start with '%' in YAML: put the value in quotes: {quoted}": (
        "trong YAML, giá trị không được bắt đầu bằng '%': hãy đặt giá trị trong ngoặc kép: {quoted}"
    ),
    "a value cannot start with '{char}' in YAML (the sign is reserved): put the value in quotes: {quoted}": (
        "trong YAML, giá trị không được bắt đầu bằng '{char}' (ký hiệu này được dành riêng): hãy đặt giá trị trong ngoặc kép:"
        " {quoted}"
    ),
    "a line that starts with '%' is read as a YAML directive: put the text in quotes, or remove the '%'": (
        "dòng bắt đầu bằng '%' bị đọc như một chỉ thị YAML: hãy đặt nội dung trong ngoặc kép, hoặc bỏ dấu '%'"
    ),
    "YAML syntax error: a ': ' inside a value starts a new key here; put the value in quotes": (
        "lỗi cú pháp YAML: dấu ': ' nằm trong giá trị nên bắt đầu một khóa mới ở đây; hãy đặt giá trị trong ngoặc kép"
    ),
    # --- yamlio: PyYAML's findings
    "YAML syntax error: {problem}": "lỗi cú pháp YAML: {problem}",
    "YAML syntax error: {context} {problem}": "lỗi cú pháp YAML: {context}, {problem}",
    "YAML error: {detail}": "lỗi YAML: {detail}",
    "expected a single document in the stream but found another document": (
        "tệp chỉ được chứa một tài liệu YAML nhưng lại có thêm một tài liệu khác (sau dấu ---)"
    ),
    "while scanning for the next token": "khi đọc phần tiếp theo",
    "while scanning a simple key": "khi đọc một khóa",
    "while scanning a directive": "khi đọc một chỉ thị YAML (dòng bắt đầu bằng '%')",
    "while parsing a directive": "khi đọc một chỉ thị YAML (dòng bắt đầu bằng '%')",
    "while scanning an anchor": "khi đọc một neo ('&')",
    "while scanning an alias": "khi đọc một bí danh ('*')",
    "while scanning a tag": "khi đọc một thẻ ('!')",
    "while parsing a tag": "khi đọc một thẻ ('!')",
    "while scanning a block scalar": "khi đọc một khối văn bản ('|' hoặc '>')",
    "while scanning a double-quoted scalar": "khi đọc một đoạn chữ trong ngoặc kép",
    "while scanning a quoted scalar": "khi đọc một đoạn chữ trong ngoặc",
    "while parsing a node": "khi đọc một giá trị",
    "while parsing a block node": "khi đọc một giá trị",
    "while parsing a flow node": "khi đọc một giá trị trong {{…}} hoặc […]",
    "while parsing a block collection": "khi đọc một danh sách (các dòng '- ')",
    "while parsing a block mapping": "khi đọc một nhóm khóa: giá trị",
    "while parsing a flow sequence": "khi đọc một danh sách trong […]",
    "while parsing a flow mapping": "khi đọc một nhóm khóa trong {{…}}",
    "'<scalar>'": "một giá trị",
    "'<block mapping start>'": "một nhóm khóa: giá trị mới",
    "'<block sequence start>'": "một danh sách mới",
    "'<block end>'": "chỗ kết thúc một khối thụt lề",
    "'<stream start>'": "đầu tệp",
    "'<stream end>'": "cuối tệp",
    "'<document start>'": "dấu bắt đầu tài liệu '---'",
    "'<document end>'": "dấu kết thúc tài liệu '...'",
    "'<directive>'": "một chỉ thị '%'",
    "'<alias>'": "một bí danh '*'",
    "'<anchor>'": "một neo '&'",
    "'<tag>'": "một thẻ '!'",
    "'?'": "một khóa",
    "found character {found} that cannot start any token": "gặp ký tự {found}, ký tự này không thể đứng đầu một phần tử",
    "could not find expected ':'": "không tìm thấy dấu ':' cần có",
    "sequence entries are not allowed here": "không được có mục danh sách ('- ') ở đây",
    "mapping keys are not allowed here": "không được có khóa ('? ') ở đây",
    "mapping values are not allowed here": "không được có giá trị của khóa (': ') ở đây",
    "expected alphabetic or numeric character, but found {found}": "cần một chữ cái hoặc chữ số, nhưng gặp {found}",
    "expected a digit or '.', but found {found}": "cần một chữ số hoặc dấu '.', nhưng gặp {found}",
    "expected a digit or ' ', but found {found}": "cần một chữ số hoặc dấu cách, nhưng gặp {found}",
    "expected a digit, but found {found}": "cần một chữ số, nhưng gặp {found}",
    "expected ' ', but found {found}": "cần một dấu cách, nhưng gặp {found}",
    "expected a comment or a line break, but found {found}": "cần một ghi chú hoặc xuống dòng, nhưng gặp {found}",
    "expected '>', but found {found}": "cần dấu '>', nhưng gặp {found}",
    "expected '!', but found {found}": "cần dấu '!', nhưng gặp {found}",
    "expected indentation indicator in the range 1-9, but found 0": "cần chỉ số thụt lề từ 1 đến 9, nhưng gặp 0",
    "expected chomping or indentation indicators, but found {found}": (
        "cần dấu '+', dấu '-' hoặc chỉ số thụt lề, nhưng gặp {found}"
    ),
    "expected escape sequence of {count} hexadecimal numbers, but found {found}": (
        "cần mã thoát gồm {count} chữ số thập lục phân, nhưng gặp {found}"
    ),
    "found unknown escape character {found}": "gặp mã thoát không hợp lệ {found}",
    "found unexpected end of stream": "gặp cuối tệp bất ngờ",
    "found unexpected document separator": "gặp dấu phân cách tài liệu ('---' hoặc '...') bất ngờ",
    "expected URI, but found {found}": "cần một URI, nhưng gặp {found}",
    "expected URI escape sequence of 2 hexadecimal numbers, but found {found}": (
        "cần mã thoát URI gồm 2 chữ số thập lục phân, nhưng gặp {found}"
    ),
    "expected '<document start>', but found {found}": "cần dấu bắt đầu tài liệu '---', nhưng gặp {found}",
    "found duplicate YAML directive": "chỉ thị %YAML bị lặp lại",
    "found incompatible YAML document (version 1.* is required)": "tài liệu YAML không tương thích (cần phiên bản 1.*)",
    "duplicate tag handle {found}": "tên viết tắt của thẻ {found} bị lặp lại",
    "found undefined tag handle {found}": "gặp tên viết tắt của thẻ chưa khai báo {found}",
    "expected the node content, but found {found}": "cần một giá trị, nhưng gặp {found}",
    "expected <block end>, but found {found}": "cần kết thúc khối thụt lề, nhưng gặp {found}",
    "expected ',' or ']', but got {found}": "cần dấu ',' hoặc ']', nhưng gặp {found}",
    "expected ',' or '}}', but got {found}": "cần dấu ',' hoặc '}}', nhưng gặp {found}",
    # --- schema: the shape of the files
    "the file": "tệp",
    "the file must be a mapping of keys (format, id, …), not {given}": (
        "tệp phải là một nhóm khóa: giá trị (format, id, …), không phải {given}"
    ),
    "nothing": "giá trị trống",
    "a mapping": "một nhóm khóa: giá trị",
    "a list": "một danh sách",
    "the number {number}": "số {number}",
    "the text {text}": "đoạn chữ {text}",
    # ("a yes/no value" is worded once, in the formula catalog)
    "{choices} or {last}": "{choices} hoặc {last}",
    "expected a number, got {given}": "cần một số, nhưng lại là {given}",
    "expected a number, got the text {text} (write plain digits, without quotes)": (
        "cần một số, nhưng lại là đoạn chữ {text} (hãy viết chữ số, không đặt trong ngoặc kép)"
    ),
    "expected a number, got the text {text}: write {dotted} (in this file the dot is the decimal point)": (
        "cần một số, nhưng lại là đoạn chữ {text}: hãy viết {dotted} (trong tệp này dấu chấm là dấu thập phân)"
    ),
    "expected a whole number, got {given}": "cần một số nguyên, nhưng lại là {given}",
    "expected true or false, got {given}": "cần true hoặc false, nhưng lại là {given}",
    "{field}: {problem}": "{field}: {problem}",
    "{field}: {problem} (got {given})": "{field}: {problem} (giá trị đã ghi: {given})",
    "{field}: unknown key '{key}'": "{field}: khóa '{key}' không hợp lệ",
    "{field}: unknown key '{key}' (a ',' inside {{...}} starts a new key: put text that has commas in quotes)": (
        "{field}: khóa '{key}' không hợp lệ (trong {{...}} dấu ',' bắt đầu một khóa mới: hãy đặt đoạn chữ có dấu phẩy"
        " trong ngoặc kép)"
    ),
    "{field}: missing (this field is required)": "{field}: còn thiếu (mục này bắt buộc phải có)",
    "{field}: expected text, got {given}": "{field}: cần một đoạn chữ, nhưng lại là {given}",
    "{field}: expected text, got {given} (put it in quotes)": (
        "{field}: cần một đoạn chữ, nhưng lại là {given} (hãy đặt trong ngoặc kép)"
    ),
    "{field}: Input should be {choices} (got {given})": "{field}: giá trị phải là {choices} (giá trị đã ghi: {given})",
    "{field}: Input should be a valid dictionary": "{field}: cần một nhóm khóa: giá trị",
    "{field}: Input should be a valid list (got {given})": "{field}: cần một danh sách (giá trị đã ghi: {given})",
    "{field}: Input should be a valid boolean (got {given})": "{field}: cần true hoặc false (giá trị đã ghi: {given})",
    "{field}: Input should be a valid boolean, unable to interpret input (got {given})": (
        "{field}: cần true hoặc false, không hiểu được giá trị đã ghi ({given})"
    ),
    "{field}: String should have at least 1 character (got {given})": "{field}: không được để trống (giá trị đã ghi: {given})",
    "{field}: String should have at most {limit} characters (got {given})": (
        "{field}: đoạn chữ dài quá {limit} ký tự (giá trị đã ghi: {given})"
    ),
    "{field}: an id is made of letters, digits, '_', '.' and '-', and starts with a letter or a digit (got {given})": (
        "{field}: mã (id) chỉ gồm chữ cái không dấu, chữ số, '_', '.' và '-', và bắt đầu bằng chữ cái hoặc chữ số"
        " (giá trị đã ghi: {given})"
    ),
    "{field}: a share is written as a percentage, such as 20% (got {given})": (
        "{field}: tỷ lệ phải viết dạng phần trăm, ví dụ 20% (giá trị đã ghi: {given})"
    ),
    "{field}: List should have at least 1 item after validation, not 0 (got {given})": (
        "{field}: danh sách phải có ít nhất 1 mục (giá trị đã ghi: {given})"
    ),
    "{field}: Dictionary should have at least 1 item after validation, not 0 (got {given})": (
        "{field}: phải có ít nhất 1 khóa (giá trị đã ghi: {given})"
    ),
    "{field}: Input should be greater than or equal to {limit} (got {given})": (
        "{field}: giá trị phải lớn hơn hoặc bằng {limit} (giá trị đã ghi: {given})"
    ),
    "{field}: Input should be less than or equal to {limit} (got {given})": (
        "{field}: giá trị phải nhỏ hơn hoặc bằng {limit} (giá trị đã ghi: {given})"
    ),
    # --- numbers: Vietnamese number text
    "'{text}' is not a number": "'{text}' không phải là số",
    "'{text}' starts with a zero; write it without leading zeros": (
        "'{text}' bắt đầu bằng chữ số 0; hãy viết số không có các chữ số 0 ở đầu"
    ),
    "'{text}' is ambiguous: in Vietnamese a dot groups thousands, yet '{digits}' is not a group of three digits; write '{hint}' for a decimal": (
        "'{text}' chưa rõ nghĩa: theo cách viết Việt Nam, dấu chấm phân cách hàng nghìn, nhưng '{digits}' không phải nhóm"
        " ba chữ số; nếu là số thập phân, hãy viết '{hint}'"
    ),
    "'{text}' uses the English number style; write '{hint}' (dot for thousands, comma for decimals)": (
        "'{text}' được viết theo kiểu tiếng Anh; hãy viết '{hint}' (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân)"
    ),
}
