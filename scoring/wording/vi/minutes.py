"""Vietnamese wordings: the meeting's minutes (biên bản họp Hội đồng thi đua – khen thưởng).

Column heads the minutes share with the report (Rank, Unit, Total, Classification, Council's decision, Reason,
File, no unit) are worded in wording/vi/report.py.
"""

MESSAGES: dict[str, str] = {
    # The masthead and the meeting.
    "SOCIALIST REPUBLIC OF VIET NAM": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Independence - Freedom - Happiness": "Độc lập - Tự do - Hạnh phúc",
    "MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL": "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
    "Minutes of the meeting of the emulation and commendation council — {title}": (
        "Biên bản họp Hội đồng thi đua – khen thưởng — {title}"
    ),
    "Round id": "Đợt xét",
    "Date": "Thời gian",
    "Place": "Địa điểm",
    "Chair": "Chủ trì",
    "Secretary": "Thư ký",
    "Present:": "Thành phần tham dự:",
    # I. Scores.
    "I. SCORES": "I. KẾT QUẢ CHẤM ĐIỂM",
    "Each unit's points by the criteria, after the council's corrections in section II; the difference is the total"
    " minus the unit's own score.": (
        "Điểm của từng đơn vị theo bảng tiêu chí, sau các điều chỉnh của Hội đồng tại mục II;"
        " chênh lệch là tổng điểm trừ điểm đơn vị tự chấm."
    ),
    "Group {group} (at most {max})": "Nhóm {group} (tối đa {max})",
    "Self-scored points": "Điểm tự chấm",
    "Difference": "Chênh lệch",
    "Notes:": "Ghi chú:",
    "{unit}: disqualified by «{id}», not considered for: {awards}": (
        "{unit}: thuộc trường hợp loại trừ «{id}», không được xét: {awards}"
    ),
    "{unit}: not classified «{band}»: {reason}": "{unit}: không đạt mức «{band}»: {reason}",
    # II. Corrections.
    "II. CORRECTIONS AFTER THE CROSS-CHECK": "II. ĐIỀU CHỈNH SAU KIỂM TRA CHÉO",
    "No correction after the cross-check.": "Không có điều chỉnh nào sau kiểm tra chéo.",
    "The council corrects {count} items:": "Hội đồng điều chỉnh {count} nội dung:",
    "Evidence": "Căn cứ",
    "(not given)": "(không ghi)",
    "The unit's explanation": "Giải trình của đơn vị",
    "(none)": "(không có)",
    "indicator {indicator}: the value is corrected to {value}": "chỉ tiêu {indicator}: giá trị được điều chỉnh thành {value}",
    "indicator {indicator} (used by criteria {criteria}): the value is corrected to {value}": (
        "chỉ tiêu {indicator} (dùng cho tiêu chí {criteria}): giá trị được điều chỉnh thành {value}"
    ),
    "criterion {criterion}: the council gives {points} points": "tiêu chí {criterion}: Hội đồng chấm {points} điểm",
    "criterion {criterion} «{label}», at most {max} points: the council gives {points} points": (
        "tiêu chí {criterion} «{label}», tối đa {max} điểm: Hội đồng chấm {points} điểm"
    ),
    # III. Ranking and seats.
    "III. RANKING AND PROPOSED AWARDS": "III. XẾP HẠNG VÀ ĐỀ NGHỊ KHEN THƯỞNG",
    "Units level on points are separated by the tie-break keys of the criteria, in their order; units still level"
    " share the rank.": (
        "Các đơn vị bằng điểm được phân định theo thứ tự ưu tiên của bảng tiêu chí; còn bằng nhau thì đồng hạng."
    ),
    "Proposed by the criteria": "Đề nghị theo tiêu chí",
    "Notes": "Ghi chú",
    "{rank} (shared)": "{rank} (đồng hạng)",
    "level with {units}": "đồng hạng với {units}",
    "tie settled: {how}": "phân định hạng: {how}",
    "for the council to consider: {awards}": "để Hội đồng xem xét: {awards}",
    "Considered across": "Phạm vi xét",
    "the whole round": "toàn đợt xét",
    "each cluster": "từng cụm",
    "Vote": "Biểu quyết",
    "not needed": "không cần",
    "at least {share} of the votes in favour": "từ {share} số phiếu tán thành trở lên",
    "Scope": "Phạm vi",
    "The whole round": "Toàn đợt xét",
    "Quota": "Định mức",
    "Basis of the quota": "Căn cứ định mức",
    "Eligible": "Đủ điều kiện",
    "Proposed": "Đề nghị",
    "For the council to consider": "Để Hội đồng xem xét",
    # IV. Ballots.
    "IV. BALLOTS": "IV. KẾT QUẢ BỎ PHIẾU",
    "Nothing was put to the vote.": "Không có nội dung nào phải bỏ phiếu.",
    "No.": "TT",
    "Title or form of award": "Danh hiệu, hình thức",
    "Voters": "Số người biểu quyết",
    "In favour": "Tán thành",
    "Against": "Không tán thành",
    "Abstaining": "Không biểu quyết",
    "Share in favour": "Tỷ lệ tán thành",
    "Threshold": "Ngưỡng",
    "Result": "Kết quả",
    "Passed": "Đạt",
    "Not passed": "Không đạt",
    "Vote thresholds set by the criteria:": "Ngưỡng biểu quyết theo bảng tiêu chí:",
    "{award}: needs at least {share} of the votes in favour": "{award}: cần từ {share} số phiếu tán thành trở lên",
    "No award needs a vote.": "Không danh hiệu nào phải biểu quyết.",
    # V. The council's decisions.
    "V. THE COUNCIL'S DECISIONS": "V. QUYẾT ĐỊNH CỦA HỘI ĐỒNG",
    "Compared with the proposal": "So với đề nghị",
    "No proposal": "Không đề nghị",
    "No award": "Không khen thưởng",
    "CHANGED": "CÓ THAY ĐỔI",
    "Unchanged": "Giữ nguyên",
    "The council agrees to propose these awards:": "Hội đồng thống nhất đề nghị khen thưởng:",
    "{award}: {units}": "{award}: {units}",
    "Departures from the rules accepted by the council:": "Các trường hợp khác quy định được Hội đồng chấp thuận:",
    "None.": "Không có.",
    "Beyond the award quota": "Vượt định mức khen thưởng",
    "Not eligible by the criteria": "Chưa đủ điều kiện theo tiêu chí",
    "Short of the share of votes in favour": "Chưa đạt tỷ lệ phiếu tán thành",
    "The reviewer is also the approver": "Người thẩm định đồng thời là người phê duyệt",
    "What": "Nội dung",
    "Reason for accepting": "Lý do chấp thuận",
    # Signatures.
    "REVIEWER AND APPROVER": "NGƯỜI THẨM ĐỊNH VÀ NGƯỜI PHÊ DUYỆT",
    "Reviewed by": "Người thẩm định",
    "Approved by": "Người phê duyệt",
    "These minutes are drawn up from the decision record whose SHA-256 is in the footer; the members present agree and sign.": (
        "Biên bản được lập từ hồ sơ xét duyệt có mã SHA-256 ghi ở chân trang; các thành viên dự họp thống nhất ký tên."
    ),
    "SECRETARY": "THƯ KÝ",
    "CHAIR": "CHỦ TRÌ",
    "(Signature and full name)": "(Ký, ghi rõ họ tên)",
    # The inputs and the digest.
    "DATA SOURCES": "CĂN CỨ DỮ LIỆU",
    "Decision record {round}, drawn up by {engine}, SHA-256 {digest}. The record is checked against the input files"
    " below with the command thidua verify.": (
        "Hồ sơ xét duyệt {round} do {engine} lập, mã SHA-256 {digest}."
        " Hồ sơ được đối chiếu với các tệp đầu vào dưới đây bằng lệnh thidua verify."
    ),
    "Kind of file": "Loại tệp",
    "Criteria table": "Bảng tiêu chí",
    "Unit's report": "Báo cáo của đơn vị",
    "The council's review": "Kết quả xét duyệt của Hội đồng",
    "Decision record {round} — SHA-256 {digest} — {engine}": "Hồ sơ xét duyệt {round} — SHA-256 {digest} — {engine}",
    # A record the minutes cannot show.
    "the record lacks or garbles a part the minutes show ({error})": (
        "hồ sơ thiếu hoặc sai một phần mà biên bản cần thể hiện ({error})"
    ),
}
