"""Vietnamese wordings: the tables on the terminal."""

MESSAGES: dict[str, str] = {
    "scale {scale}": "thang điểm {scale}",
    "Unit": "Đơn vị",
    "Bonus/\ndeduction": "Cộng/\nTrừ",
    "Total": "Tổng điểm",
    "Classification": "Xếp loại",
    "Self-score": "Tự chấm",
    "Differ-\nence": "Chênh\nlệch",
    "Ranking and proposed awards": "Xếp hạng và đề nghị khen thưởng",
    "Rank": "Hạng",
    "Cluster": "Cụm",
    "Rank in\ncluster": "Hạng\ntrong cụm",
    "Proposed": "Đề nghị",
    "Notes": "Ghi chú",
    "the council decides: {awards}": "Hội đồng quyết định: {awards}",
    "The council's decisions": "Kết quả xét duyệt của Hội đồng",
    "Proposed (computed)": "Đề nghị (máy tính)",
    "Council's decision": "Hội đồng quyết định",
    "Reason": "Lý do",
    " (changed)": " (thay đổi)",
    "If {new} were applied to the figures of {old}": "Nếu áp dụng {new} cho số liệu {old}",
}
