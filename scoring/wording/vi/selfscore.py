"""Vietnamese wordings: the unit's own score per criterion (tự chấm, diễn giải) and the evidence the criteria require."""

MESSAGES: dict[str, str] = {
    # criteria
    "if_no_evidence is only for an indicator that requires evidence (evidence: required)": "if_no_evidence chỉ dùng cho"
    " chỉ tiêu bắt buộc có căn cứ (evidence: required)",
    # submissions
    "self_scores.{criterion}: unknown key '{key}' (give points and explanation)": "self_scores.{criterion}: khóa không hợp"
    " lệ '{key}' (ghi points và explanation)",
    "self_scores.{criterion}.explanation: give the explanation as text": "self_scores.{criterion}.explanation: ghi diễn"
    " giải dưới dạng văn bản",
    "self_scores.{criterion}: {reason}": "self_scores.{criterion}: {reason}",
    "self_scores.{criterion}: the criterion is listed twice": "self_scores.{criterion}: tiêu chí được ghi hai lần",
    "{value} is below 0: a criterion's points are 0 or more": "{value} nhỏ hơn 0: điểm của một tiêu chí phải từ 0 trở lên",
    "{value} is above the criterion's maximum {maximum}": "{value} vượt điểm tối đa của tiêu chí ({maximum})",
    "unit {unit}, indicator {indicator}: no evidence given; the criteria require evidence"
    " (document, number, date of issue) for this value": "đơn vị {unit}, chỉ tiêu {indicator}: chưa ghi căn cứ; bộ tiêu"
    " chí yêu cầu căn cứ (văn bản, số, ký hiệu, ngày ban hành) cho giá trị này",
    # the diff
    "required (if_no_evidence: {mode})": "bắt buộc (if_no_evidence: {mode})",
    # the review
    "the criteria require evidence (document, number, date of issue) for {indicator}: give the correction's evidence": "bộ"
    " tiêu chí yêu cầu căn cứ (văn bản, số, ký hiệu, ngày ban hành) cho {indicator}: hãy ghi căn cứ của việc điều chỉnh",
    # the score table exported for people: each line's own points beside the computed ones
    "{criterion}: self-assessed points": "{criterion}: điểm tự chấm",
    "{criterion} self-assessed": "{criterion} tự chấm",
    # the form
    "Criterion id": "Mã tiêu chí",
    "Criterion": "Tiêu chí",
    "Maximum points": "Điểm tối đa",
    "Self-assessed points": "Điểm tự chấm",
    "Explanation (how the unit scored itself)": "Diễn giải (căn cứ tự chấm)",
    "Enter the points the unit gives itself, from 0 to {max}.": "Nhập điểm đơn vị tự chấm, từ 0 đến {max}.",
    "Evidence is required for this value: the document, its number and date of issue.": "Bắt buộc ghi căn cứ cho giá trị"
    " này: văn bản, số, ký hiệu, ngày ban hành.",
    # facts
    "reported without the evidence (document, number) the criteria require [{source}]": "báo cáo không kèm căn cứ (văn"
    " bản, số hiệu) mà bộ tiêu chí yêu cầu [{source}]",
    "no evidence (document, number) for the value of '{name}' [{source}]: no points (if_no_evidence: no_points)": "không"
    " có căn cứ (văn bản, số hiệu) cho giá trị '{name}' [{source}]: không tính điểm (if_no_evidence: no_points)",
    "'{name}' needs '{needed}', which has no evidence (document, number) [{source}]:"
    " no points (if_no_evidence: no_points)": "'{name}' cần '{needed}', giá trị này không có căn cứ (văn bản, số hiệu)"
    " [{source}]: không tính điểm (if_no_evidence: no_points)",
    "{criterion} (self-scored {own}, computed {computed}, difference {difference})": "{criterion} (tự chấm {own}, tính"
    " được {computed}, chênh {difference})",
    "The self-scored points per criterion add up to {lines}, not to the self-assessed total {total}": "Điểm tự chấm từng"
    " tiêu chí cộng lại được {lines}, khác tổng điểm tự chấm {total}",
    # explain
    "Lines where your own score differs most: {lines}": "Các tiêu chí có điểm tự chấm chênh nhiều nhất: {lines}",
    "The unit's explanation: {explanation}": "Diễn giải của đơn vị: {explanation}",
    "Self-scored {own} (computed − self = {difference})": "Tự chấm {own} (điểm tính − tự chấm = {difference})",
    "Self-scored {own} (computed − self = {difference}); explanation: {explanation}": "Tự chấm {own} (điểm tính − tự chấm"
    " = {difference}); diễn giải: {explanation}",
}
