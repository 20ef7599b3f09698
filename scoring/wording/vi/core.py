"""Vietnamese wordings: the core's facts and reasons (scoring, classification, ranking, awards)."""

MESSAGES: dict[str, str] = {
    # Scoring errors.
    "award {id} ({label})": "hình thức khen {id} ({label})",
    "unit {unit}: {what}: {fault} in '{formula}'{caret}": "đơn vị {unit}: {what}: {fault} trong '{formula}'{caret}",
    "unit {unit}: {what}: {fault}": "đơn vị {unit}: {what}: {fault}",
    "unit {unit}: no value for '{name}' ({why}), which {what} ({rule}) needs; report it, or declare what a missing value"
    " means (if_missing: no_points){caret}": "đơn vị {unit}: không có giá trị của '{name}' ({why}), mà {what} ({rule}) cần;"
    " hãy báo cáo số liệu này, hoặc khai báo cách xử lý khi thiếu (if_missing: no_points){caret}",
    "derived value '{id}'": "giá trị tính '{id}'",
    "the result is out of range ({error})": "kết quả vượt quá giới hạn tính toán ({error})",
    "criterion {id} ({label})": "tiêu chí {id} ({label})",
    "adjustment {id} ({label})": "khoản cộng/trừ {id} ({label})",
    "disqualifier {id}": "điều kiện loại trừ {id}",
    "'{name}' is {value}: method {method} needs values of 0 or more": "'{name}' là {value}: phương pháp {method} cần giá trị"
    " từ 0 trở lên",
    # Why a name has no value.
    "not reported": "không báo cáo",
    "left empty on line {line}": "để trống ở dòng {line}",
    "needs '{name}', which has no value": "cần '{name}', mà '{name}' không có giá trị",
    "needs '{name}', {why}": "cần '{name}', {why}",
    "could not be computed": "không tính được",
    "no value": "không có giá trị",
    # Notes on a line.
    "capped at the maximum": "đã giới hạn ở điểm tối đa",
    "clipped at 0": "đã nâng lên 0 (không âm)",
    "capped at {cap}": "đã giới hạn ở {cap}",
    "no value for '{name}': no points (if_missing: no_points)": "không có giá trị của '{name}': không tính điểm"
    " (if_missing: no_points)",
    "no value for '{name}' ({why}): no points (if_missing: no_points)": "không có giá trị của '{name}' ({why}): không tính"
    " điểm (if_missing: no_points)",
    "the best value in the round is 0: no points": "giá trị cao nhất trong đợt là 0: không tính điểm",
    "below the first band": "dưới khung điểm thấp nhất",
    "set by the council: from {before} to {after}, reason: {reason}": "Hội đồng chấm lại: từ {before} thành {after},"
    " lý do: {reason}",
    # Classification.
    "blocked by disqualifier {id} ({label})": "bị chặn bởi điều kiện loại trừ {id} ({label})",
    "total {total} is below {minimum}": "tổng điểm {total} thấp hơn {minimum}",
    "under the floor of {floor} of the maximum: {lines}": "có tiêu chí dưới mức sàn {floor} điểm tối đa: {lines}",
    "{id} has {points} of {max}": "{id} đạt {points}/{max}",
    # Ties.
    "level on total with {other}; settled by {key}: {mine} vs {theirs}": "bằng tổng điểm với {other}; phân định theo {key}:"
    " {mine} so với {theirs}",
    "tied with {other} after every tie-break key ({tried}): they share the rank": "vẫn bằng {other} sau mọi tiêu chí phụ"
    " ({tried}): đồng hạng",
    "none declared": "không khai báo tiêu chí phụ nào",
    # Seats.
    "rank {rank} in the round": "hạng {rank} toàn đợt",
    "rank {rank} in cluster {cluster}": "hạng {rank} trong cụm {cluster}",
    "{place}, {nth} among the eligible": "{place}, {nth} trong số đơn vị đủ điều kiện",
    "1 seat": "1 suất",
    "{seats} seats": "{seats} suất",
    "{share} of {base} {share_of} = {exact} → {seats}, {rounding}": "{share} của {base} {share_of} = {exact} → {seats},"
    " {rounding}",
    "units": "đơn vị",
    "candidates": "đơn vị được xét",
    "eligible": "đơn vị đủ điều kiện",
    "clusters": "cụm",
    "rounded down": "làm tròn xuống",
    "rounded up": "làm tròn lên",
    "rounded half up": "làm tròn đến số gần nhất",
    "{position}, within the quota ({basis})": "{position}, trong hạn mức ({basis})",
    # Why a tier was not given.
    "only units proposed for {award} are considered": "chỉ xét các đơn vị được đề nghị {award}",
    "already proposed for {award} (one tier per unit)": "đã được đề nghị {award} (mỗi đơn vị một mức khen)",
    "total {total} is below the minimum {minimum}": "tổng điểm {total} thấp hơn mức tối thiểu {minimum}",
    "classified {band}, not {wanted}": "xếp loại {band}, không phải {wanted}",
    "classified {band}, not {wanted} ({why})": "xếp loại {band}, không phải {wanted} ({why})",
    " or ": " hoặc ",
    "rank {rank}; the award needs rank {max_rank} or better": "hạng {rank}; mức khen này cần hạng {max_rank} trở lên",
    "group {group} has {points} points, below the {least} required": "nhóm {group} đạt {points} điểm, dưới mức yêu cầu {least}",
    "criterion {criterion} has {points} points, below the {least} required": "tiêu chí {criterion} đạt {points} điểm, dưới"
    " mức yêu cầu {least}",
    "the condition {condition} needs '{name}', which has no value": "điều kiện {condition} cần '{name}', mà '{name}' không"
    " có giá trị",
    "the condition {condition} is not met ({values})": "chưa đạt điều kiện {condition} ({values})",
    "the quota is 0 ({basis})": "hạn mức là 0 ({basis})",
    "{position}: beyond the quota ({basis}), which went to nobody: the last seat is for the council": "{position}: ngoài"
    " hạn mức ({basis}); chưa đơn vị nào nhận: suất cuối do Hội đồng quyết định",
    "{position}: beyond the quota ({basis}), which went to {holders}": "{position}: ngoài hạn mức ({basis}), các suất đã"
    " thuộc về {holders}",
    "{position}: beyond the quota ({basis}), which went to {holders}; the council decides the last seat between {council}": "{position}: ngoài hạn mức ({basis}), các suất đã thuộc về {holders}; Hội đồng quyết định suất cuối giữa {council}",
    "{position}: a seat is held for it if the council does not give it {tier}": "{position}: giữ một suất cho đơn vị nếu"
    " Hội đồng không trao {tier}",
    "tied with {others} for the last seat ({position}): for the council to decide": "đồng hạng với {others} ở suất cuối ({position}): Hội đồng quyết định",
    "tied with {others} for the last {seats} seats ({position}): for the council to decide": "đồng hạng với {others} ở {seats} suất cuối ({position}): Hội đồng quyết định",
    # What it would take.
    "points alone cannot reach it: the disqualifier {id} ({label}) stands in the way": "thêm điểm cũng không đạt được:"
    " vướng điều kiện loại trừ {id} ({label})",
    "{points} more points to reach the minimum total": "thêm {points} điểm để đạt tổng điểm tối thiểu",
    "the classification {wanted}": "đạt xếp loại {wanted}",
    "rank {rank} or better": "đạt hạng {rank} trở lên",
    "{points} more points in group {group}": "thêm {points} điểm ở nhóm {group}",
    "{points} more points on criterion {criterion}": "thêm {points} điểm ở tiêu chí {criterion}",
    "a value for '{name}'": "có giá trị của '{name}'",
    "meeting {condition}": "đạt điều kiện {condition}",
    "first be proposed for {award}": "trước hết được đề nghị {award}",
    "the council's decision (the tie-break keys could not separate them)": "quyết định của Hội đồng (các tiêu chí phụ không"
    " phân định được)",
    "{points} more points to pass {unit}, the last to take a seat": "thêm {points} điểm để vượt {unit}, đơn vị cuối cùng"
    " nhận suất",
    "{points} more points, to meet the conditions and pass {unit}, the last to take a seat": "thêm {points} điểm, để đạt"
    " điều kiện và vượt {unit}, đơn vị cuối cùng nhận suất",
    "{points} more points to pass {units}, tied for the last seat, which the council decides": "thêm {points} điểm để vượt"
    " {units}, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    "{points} more points, to meet the conditions and pass {units}, tied for the last seat, which the council decides": "thêm {points} điểm, để đạt điều kiện và vượt {units}, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    "{points} more points to pass {units}, for whom a seat is held until the council decides a tie for a higher tier": "thêm {points} điểm để vượt {units}, đơn vị đang được giữ suất chờ Hội đồng quyết định mức khen cao hơn",
    "{points} more points, to meet the conditions and pass {units}, for whom a seat is held until the council decides a tie for a higher tier": "thêm {points} điểm, để đạt điều kiện và vượt {units}, đơn vị đang được giữ suất chờ Hội đồng quyết định mức khen cao hơn",
    "no unit is eligible; the best-ranked, {best}: {reasons}": "không đơn vị nào đủ điều kiện; đơn vị hạng cao nhất, {best}:"
    " {reasons}",
    "no unit is a candidate": "không có đơn vị nào được xét",
    "{points} more points to pass {unit} (rank {rank})": "thêm {points} điểm để vượt {unit} (hạng {rank})",
    "{points} more points to pass {unit} (rank {rank} in cluster {cluster})": "thêm {points} điểm để vượt {unit} (hạng"
    " {rank} trong cụm {cluster})",
    "{award}: {what}": "{award}: {what}",
}
