"""Vietnamese wordings: review."""

MESSAGES: dict[str, str] = {
    # the rules the council's decisions can break
    "the same person reviewed and approved ({name}); two people must finalize": (
        "cùng một người vừa thẩm định vừa phê duyệt ({name}); việc hoàn tất hồ sơ cần hai người khác nhau"
    ),
    "{award}: {count} units ({units}) exceed the quota of {quota}": (
        "{award}: {count} đơn vị ({units}) vượt quá chỉ tiêu {quota} suất"
    ),
    "{award}: {count} units in cluster {cluster} ({units}) exceed the quota of {quota}": (
        "{award}: {count} đơn vị trong cụm {cluster} ({units}) vượt quá chỉ tiêu {quota} suất"
    ),
    "{unit} is not eligible for {award}: {unmet}": "{unit} không đủ điều kiện nhận {award}: {unmet}",
    "it does not hold {among}, among whose holders this award is given": (
        "đơn vị không đạt {among}, mà hình thức khen thưởng này chỉ xét trong số các đơn vị đạt {among}"
    ),
    "it also holds {award}, and one tier per unit is the rule": (
        "đơn vị đã nhận {award}, trong khi mỗi đơn vị chỉ được nhận một mức khen thưởng"
    ),
    "{award} for {unit}: no ballot is recorded; the award needs {threshold} in favour": (
        "{award} cho {unit}: chưa ghi kết quả bỏ phiếu; hình thức này cần ít nhất {threshold} số phiếu tán thành"
    ),
    "{award} for {unit}: {in_favour} of {voters} voters in favour ({share}%) is under the threshold of {threshold}": (
        "{award} cho {unit}: {in_favour}/{voters} người bỏ phiếu tán thành ({share}%), chưa đạt tỷ lệ {threshold}"
    ),
    "{breach} (acknowledge it under 'acknowledged' with a reason if the council so decided)": (
        "{breach} (nếu Hội đồng đã quyết định như vậy, hãy ghi nhận ở mục 'acknowledged' kèm lý do)"
    ),
    "no {rule} rule is broken here; remove it": "không có vi phạm quy tắc {rule} nào ở đây; hãy xoá mục này",
    # the council's corrections
    "corrected by the council: from {before} to {after}, reason: {reason}": (
        "Hội đồng điều chỉnh: từ {before} thành {after}, lý do: {reason}"
    ),
    "corrected by the council: from {before} to {after}, reason: {reason}; the unit's explanation: {explanation}": (
        "Hội đồng điều chỉnh: từ {before} thành {after}, lý do: {reason}; giải trình của đơn vị: {explanation}"
    ),
    "{reason}; the unit's explanation: {explanation}": "{reason}; giải trình của đơn vị: {explanation}",
    # the review file
    "{field}: {problem}": "{field}: {problem}",
    "this review is for round '{review_round}', but the criteria are for round '{criteria_round}'": (
        "tệp xét duyệt này thuộc đợt xét '{review_round}', nhưng tệp tiêu chí thuộc đợt xét '{criteria_round}'"
    ),
    "unit '{unit}' is not in the round": "đơn vị '{unit}' không có trong đợt xét",
    "correct either an indicator (indicator, value) or a criterion (criterion, points)": (
        "mỗi mục chỉ điều chỉnh hoặc một chỉ tiêu (indicator, value) hoặc điểm của một tiêu chí (criterion, points)"
    ),
    "give the corrected value": "hãy ghi giá trị sau khi điều chỉnh",
    "criterion '{criterion}' does not exist": "không có tiêu chí '{criterion}'",
    "give the points the council sets, from 0 to {maximum}": "hãy ghi số điểm Hội đồng chấm, từ 0 đến {maximum}",
    "{points} has more decimal places than the round keeps": (
        "{points} có nhiều chữ số thập phân hơn số chữ số mà đợt xét giữ lại"
    ),
    "'{award}' is not an award of the round (or write none)": (
        "'{award}' không phải là hình thức khen thưởng của đợt xét (hoặc ghi none)"
    ),
    "'{award}' is not an award of the round": "'{award}' không phải là hình thức khen thưởng của đợt xét",
    "an override needs its reason": "quyết định thay đổi (override) phải ghi lý do",
    "a second correction of {key} (the first is on line {line})": (
        "điều chỉnh {key} được ghi lần thứ hai (lần thứ nhất ở dòng {line})"
    ),
    "a second ballot for {key} (the first is on line {line})": (
        "kết quả bỏ phiếu cho {key} được ghi lần thứ hai (lần thứ nhất ở dòng {line})"
    ),
    "contradicts the decision for {unit} on line {line}": "mâu thuẫn với quyết định cho {unit} ở dòng {line}",
    "{in_favour} + {against} + {abstain} votes are more than the {voters} voters": (
        "{in_favour} + {against} + {abstain} phiếu, nhiều hơn số {voters} người bỏ phiếu"
    ),
    "confirms {award} for {unit}, but the proposal is {proposed}": ("xác nhận {award} cho {unit}, nhưng đề nghị là {proposed}"),
    "no award": "không có đề nghị khen thưởng nào",
}
