"""Vietnamese wordings: verify for anyone, later (inputs found from the record's folder, differences in the council's
terms), and minutes made only of a record that verifies."""

MESSAGES: dict[str, str] = {
    # where a record's inputs are, and what is not read
    "{what} {path}: not read: {why}; give the file on the command line if it is the right one": (
        "{what} {path}: không đọc: {why}; nếu đúng là tệp này, hãy chỉ định tệp trên dòng lệnh"
    ),
    "the record's base folder {base} is not relative to the record's folder": (
        "thư mục gốc {base} của hồ sơ không được ghi tương đối theo thư mục chứa hồ sơ"
    ),
    "the record names a path outside its folder {folder}": "hồ sơ ghi một đường dẫn nằm ngoài thư mục {folder} của nó",
    "the record names a link that leads outside its folder {folder}": (
        "hồ sơ ghi một liên kết trỏ ra ngoài thư mục {folder} của nó"
    ),
    "{path}: not a {what} (its content is not shown, and nothing is recomputed from it)": (
        "{path}: không phải là {what} (không hiển thị nội dung tệp, và không tính lại gì từ tệp này)"
    ),
    # the differences, in the council's terms
    "{name} — {what}{source}: the record has {recorded}, the inputs give {now} (in the record: {paths})": (
        "{name} — {what}{source}: hồ sơ ghi {recorded}, số liệu hiện nay cho {now} (trong hồ sơ: {paths})"
    ),
    " ({source})": " ({source})",
    "group {id}": "nhóm {id}",
    "criterion {id}": "tiêu chí {id}",
    "indicator {id}": "chỉ số {id}",
    "total points": "tổng điểm",
    "rank": "thứ hạng",
    "classification": "xếp loại",
    "awards decided": "hình thức khen thưởng được quyết định",
    "awards proposed": "hình thức khen thưởng được đề nghị",
    "points needed to pass the unit ranked above": "số điểm cần thêm để vượt đơn vị xếp trên",
    "none": "không có",
    "computed points less its own score": "điểm tính trừ điểm tự chấm",
    "{file}: NOT verified: {n} difference(s) in {units} unit(s); files changed: {files}.": (
        "{file}: không khớp: {n} chỗ khác nhau ở {units} đơn vị; tệp đã đổi: {files}."
    ),
    # minutes only of a record that verifies
    "{file}: the record does not verify against its input files ({n} difference(s); thidua verify {file} names them),"
    " so no document is made from it; give --unverified to make one marked NOT VERIFIED": (
        "{file}: hồ sơ không khớp với các tệp đầu vào ({n} chỗ khác nhau; lệnh thidua verify {file} nêu từng chỗ),"
        " nên không lập văn bản nào từ hồ sơ này; thêm --unverified để lập văn bản có dấu CHƯA KIỂM CHỨNG"
    ),
    "{file}: NOT verified; the document is marked so on every page": "{file}: CHƯA KIỂM CHỨNG; mọi trang của văn bản được đánh dấu như vậy",
    # each value of a record checked for its type and range when it is read
    "{field} is {value}, not {expected}": "{field} là {value}, không phải {expected}",
    'a number as the engine writes it (a decimal as text, such as "94.58")': (
        'một số như chương trình ghi (số thập phân dạng văn bản, ví dụ "94.58")'
    ),
    'a share from 0 to 1 written as text, such as "0.8"': 'một tỷ lệ từ 0 đến 1 dạng văn bản, ví dụ "0.8"',
    'a decimal written as text, such as "94.58"': 'một số thập phân dạng văn bản, ví dụ "94.58"',
    "a value as the engine writes it: true, false or a decimal as text": (
        "một giá trị như chương trình ghi: true, false hoặc số thập phân dạng văn bản"
    ),
    "a whole number from 0 to {max}": "một số nguyên từ 0 đến {max}",
}
