"""Vietnamese wordings: the documents the council signs and sends (biên bản, tờ trình), their form and their output."""

MESSAGES: dict[str, str] = {
    # The command line.
    "write the proposal sent up (tờ trình) and its list of the awards decided, from a verified record": "lập tờ trình đề"
    " nghị khen thưởng gửi cấp trên và danh sách đề nghị kèm theo, từ một hồ sơ xét duyệt đã kiểm chứng",
    "the minutes: a .md (Markdown), .html, .docx (Word) or .pdf file": "biên bản: tệp .md (Markdown), .html, .docx (Word)"
    " hoặc .pdf",
    "the proposal: a .md (Markdown), .html, .docx (Word) or .pdf file": "tờ trình: tệp .md (Markdown), .html, .docx (Word)"
    " hoặc .pdf",
    "write it even if the record does not verify, marked NOT VERIFIED on every page": "vẫn lập khi hồ sơ không kiểm chứng"
    " được, mỗi trang ghi CHƯA KIỂM CHỨNG",
    "replace an existing proposal": "ghi đè tờ trình đã có",
    "Proposal written: {file} (record SHA-256 {digest})": "Đã lập tờ trình: {file} (SHA-256 của hồ sơ {digest})",
    "{file}: the minutes are written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so": "{file}: biên bản"
    " được ghi dưới dạng .md (Markdown), .html, .docx (Word) hoặc .pdf; hãy đặt tên tệp như vậy",
    "{file}: the proposal is written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so": "{file}: tờ trình"
    " được ghi dưới dạng .md (Markdown), .html, .docx (Word) hoặc .pdf; hãy đặt tên tệp như vậy",
    "NOT VERIFIED": "CHƯA KIỂM CHỨNG",
    # Printing a PDF.
    "Chromium (Debian package chromium)": "Chromium (gói Debian chromium)",
    "Chromium (Debian package chromium) or LibreOffice (libreoffice-writer-nogui)": "Chromium (gói Debian chromium) hoặc"
    " LibreOffice (libreoffice-writer-nogui)",
    "a PDF is printed by {tools}: install it, or write .html or .docx and print that": "tệp PDF được in bằng {tools}: hãy"
    " cài đặt, hoặc ghi ra .html hay .docx rồi in tệp đó",
    "{tool} could not print the PDF: {error}": "{tool} không in được tệp PDF: {error}",
    # The administrative form (Decree 30/2020/NĐ-CP).
    "No.: {number}": "Số: {number}",
    "{place}, {date}": "{place}, {date}",
    "{day}/{month}/{year}": "ngày {day} tháng {month} năm {year}",
    "Recipients:": "Nơi nhận:",
    # The minutes.
    "Began at": "Bắt đầu lúc",
    "Absent:": "Vắng mặt:",
    "The meeting ended at {end} on the same day; the minutes were read to the meeting and approved by the members"
    " present.": "Cuộc họp kết thúc vào lúc {end} cùng ngày; biên bản đã được đọc lại trước cuộc họp và được các thành viên"
    " dự họp nhất trí thông qua.",
    # The proposal.
    "Proposal of awards — {title}": "Tờ trình đề nghị khen thưởng — {title}",
    "PROPOSAL": "TỜ TRÌNH",
    "On proposing awards: {title}": "Về việc đề nghị khen thưởng: {title}",
    "To: {addressees}": "Kính gửi: {addressees}",
    "Pursuant to the criteria: {title};": "Căn cứ {title};",
    "Pursuant to the minutes of the emulation and commendation council's meeting of {date} at {place};": "Căn cứ biên bản"
    " họp Hội đồng thi đua – khen thưởng ngày {date} tại {place};",
    "The council respectfully proposes these awards for {count} units (list annexed):": "Hội đồng thi đua – khen thưởng"
    " kính đề nghị khen thưởng cho {count} đơn vị (có danh sách kèm theo), cụ thể:",
    "{award}: {count} units": "{award}: {count} đơn vị",
    "Respectfully submitted for consideration and decision.": "Kính trình xem xét, quyết định./.",
    "ON BEHALF OF THE COUNCIL": "TM. HỘI ĐỒNG",
    "As above;": "Như trên;",
    "Filed: the office.": "Lưu: VT.",
    "LIST OF PROPOSED AWARDS": "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    "(Annexed to proposal No. {number} of {date})": "(Kèm theo Tờ trình số {number} {date})",
    "No unit.": "Không có đơn vị nào.",
    "Ballot": "Kết quả bỏ phiếu",
    "{in_favour}/{voters} in favour": "{in_favour}/{voters} phiếu tán thành",
    "The list has {count} units.": "Danh sách có {count} đơn vị.",
}
