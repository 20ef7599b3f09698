"""Vietnamese wordings: what new criteria would have done to an earlier round, and an award's seats not proposed."""

MESSAGES: dict[str, str] = {
    # whatif: the two sides named, tier changes and their causes, the council's assumptions
    "Criteria of {year}": "Tiêu chí năm {year}",
    "If the criteria of {new} ({new_id}) were applied to the figures of {old} ({old_id})": "Nếu áp dụng tiêu chí năm {new}"
    " ({new_id}) cho số liệu năm {old} ({old_id})",
    "{side}: total (rank)": "{side}: tổng điểm (thứ hạng)",
    "{side}: proposed awards": "{side}: khen thưởng đề nghị",
    "Change of tier": "Thay đổi mức khen",
    "TIER CHANGED by the new criteria": "ĐỔI MỨC KHEN do tiêu chí mới",
    "assumed: {values}": "giả định: {values}",
    "assumed by the council (whatif --assume)": "Hội đồng giả định (whatif --assume)",
    "due to missing figures: {indicators} (not in the earlier submissions of other units)": "do thiếu số liệu: {indicators}"
    " (số liệu báo cáo đợt trước của các đơn vị khác không có)",
    "due to missing figures: {indicators} (not in the earlier submissions; {lines} scored no points)": "do thiếu số liệu:"
    " {indicators} (số liệu báo cáo đợt trước không có; {lines} không được tính điểm)",
    "the council set {points} points on {criterion} of {unit}: the new criteria have no such line for that unit": "Hội đồng"
    " đã chấm {points} điểm tiêu chí {criterion} của {unit}: tiêu chí mới không có tiêu chí này cho đơn vị đó",
    "the council set {points} points on {criterion} of {unit}: more than its new maximum {maximum}": "Hội đồng đã chấm"
    " {points} điểm tiêu chí {criterion} của {unit}: vượt điểm tối đa mới {maximum}",
    "the assumed {indicator} is not used: no unit lacks it": "giá trị giả định {indicator} không được dùng: không đơn vị"
    " nào thiếu số liệu này",
    "the assumed {indicator} of {unit} is not used: the unit has it": "giá trị giả định {indicator} của {unit} không được"
    " dùng: đơn vị đã có số liệu này",
    "not carried: {why}": "không áp dụng sang tiêu chí mới: {why}",
    "apply the council's corrections from the earlier round's review file, on both sides": "áp dụng các điều chỉnh của Hội"
    " đồng trong tệp xem xét của đợt trước, cho cả hai bên",
    "a value the earlier figures lack, assumed for every unit; repeatable": "giá trị giả định cho mọi đơn vị, thay cho số liệu"
    " đợt trước không có; dùng được nhiều lần",
    "values the earlier figures lack, assumed: a YAML mapping of indicator to value, or of unit to such a mapping": "các giá trị giả định"
    " thay cho số liệu đợt trước không có: tệp YAML ghi chỉ tiêu: giá trị, hoặc đơn vị với các chỉ tiêu: giá trị của đơn vị đó",
    "'{given}': write INDICATOR=VALUE": "'{given}': viết CHỈ_TIÊU=GIÁ_TRỊ",
    "give the assumed value": "hãy ghi giá trị giả định",
    "write indicator: value, or a unit with its indicator: value lines": "hãy ghi chỉ tiêu: giá trị, hoặc đơn vị với các dòng chỉ tiêu: giá trị",
    # an award's seats not proposed (the award table of rank, the report and the minutes)
    "held for the council's decision (tied on points): {units} (1 seat)": "giữ cho Hội đồng quyết định (đồng điểm): {units}"
    " (1 suất)",
    "held for the council's decision (tied on points): {units} ({n} seats)": "giữ cho Hội đồng quyết định (đồng điểm):"
    " {units} ({n} suất)",
    "too few units eligible: 1 seat with no one to receive it": "không đủ đơn vị đủ điều kiện: 1 suất không có người nhận",
    "too few units eligible: {n} seats with no one to receive them": "không đủ đơn vị đủ điều kiện: {n} suất không có người nhận",
    "Seats not proposed": "Suất chưa đề nghị",
}
