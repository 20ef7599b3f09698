"""Vietnamese wordings: the round's report for print (báo cáo kết quả thi đua)."""

MESSAGES: dict[str, str] = {
    # The summary page.
    "Report of the scores, the ranking and the proposed awards · round {id} · year {year} · scale {scale} · {units} units": (
        "Báo cáo kết quả chấm điểm, xếp hạng và đề nghị khen thưởng · mã đợt {id} · năm {year} · thang điểm {scale}"
        " · {units} đơn vị"
    ),
    "The emulation and commendation council met on {date} at {place}; reviewed by {reviewed_by}; approved by"
    " {approved_by}. The points below include the council's corrections.": (
        "Hội đồng thi đua – khen thưởng họp ngày {date} tại {place}; thẩm định: {reviewed_by}; phê duyệt: {approved_by}."
        " Điểm dưới đây đã gồm các điều chỉnh của Hội đồng."
    ),
    "Ranking and awards": "Xếp hạng và khen thưởng",
    "Rank": "Hạng",
    "Unit": "Đơn vị",
    "Cluster": "Cụm",
    "Total": "Tổng điểm",
    "Classification": "Xếp loại",
    "Proposed (computed)": "Đề nghị (máy tính)",
    "Council's decision": "Hội đồng quyết định",
    "Reason": "Lý do",
    "{proposed}; for the council to decide: {awards}": "{proposed}; Hội đồng quyết định: {awards}",
    "{tiers} (changed)": "{tiers} (thay đổi)",
    "Council: {reasons}": "Hội đồng: {reasons}",
    # The seats.
    "{award} (cluster {cluster})": "{award} (cụm {cluster})",
    "{award}: {basis}": "{award}: {basis}",
    "needs at least {share} of the votes in favour": "cần từ {share} số phiếu tán thành trở lên",
    "no unit": "không có đơn vị nào",
    "Accepted by the council: {breach} — reason: {reason}": "Hội đồng chấp nhận: {breach} — lý do: {reason}",
    # The chart.
    "Points by criteria group": "Điểm theo nhóm tiêu chí",
    "Each unit's points by criteria group": "Điểm từng nhóm tiêu chí của mỗi đơn vị",
    "{id}. {label} (at most {max} points)": "{id}. {label} (tối đa {max} điểm)",
    # The inputs.
    "Input files (SHA-256 digests)": "Dữ liệu đầu vào (mã SHA-256)",
    "File": "Tệp",
    "Path": "Đường dẫn",
    "Criteria": "Tiêu chí",
    "Unit's submission": "Số liệu đơn vị",
    "Council's review": "Kết quả xét duyệt",
    "Software: thidua {version}. Running it again on the same files gives exactly this result.": (
        "Phần mềm: thidua {version}. Chạy lại cùng các tệp trên sẽ cho đúng kết quả này."
    ),
    "{round} · criteria SHA-256 {digest} · thidua {version}": "{round} · tiêu chí SHA-256 {digest} · thidua {version}",
    # A unit's page.
    "Self-score": "Tự chấm",
    "the unit gave no self-score": "đơn vị không tự chấm",
    "{own}; computed − self-scored = {difference}": "{own}; máy chấm − tự chấm = {difference}",
    "To the rank above": "Tới hạng trên",
    "at the top": "đang đứng đầu",
    "How the tie was settled": "Cách phân hạng",
    "For the council to decide": "Chờ Hội đồng quyết định",
    "reason: {reason}": "lý do: {reason}",
    "To the tier above": "Tới mức khen trên",
    "Not proposed": "Không được đề nghị",
    "needs: {what}": "cần: {what}",
}
