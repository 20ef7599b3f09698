"""Vietnamese wordings: the report written as a Word file (.docx) as well as HTML and PDF."""

MESSAGES: dict[str, str] = {
    "write the round's report to print: ranking, chart by group, every unit's explanation (HTML, Word or PDF, A4)": "lập"
    " báo cáo của đợt để in: xếp hạng, biểu đồ theo nhóm, giải trình của từng đơn vị (tệp .html, .docx hoặc .pdf, khổ A4)",
    "the report: an .html, .docx (Word) or .pdf file": "báo cáo: tệp .html, .docx (Word) hoặc .pdf",
    "{file}: the report is written as .html (to open in a browser and print), .docx (Word) or .pdf; name the file so": "{file}:"
    " báo cáo được ghi dưới dạng .html (để mở bằng trình duyệt và in), .docx (Word) hoặc .pdf; hãy đặt tên tệp như vậy",
}
