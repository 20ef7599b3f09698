"""Vietnamese wordings: criteria (the criteria file's checks, tie-break keys) and lineage (previous-round values)."""

MESSAGES: dict[str, str] = {
    # scoring/criteria.py: where a problem stands, and "did you mean"
    "{path}: {message}": "{path}: {message}",
    "{error}\n{caret}": "{error}\n{caret}",
    "; did you mean '{close}'?": "; có phải là '{close}' không?",
    # tie-break keys (thứ tự phân định khi bằng điểm)
    "fewer deductions": "ít điểm trừ hơn",
    "more bonuses": "nhiều điểm cộng hơn",
    "group {ref} (higher first)": "điểm nhóm {ref} (cao hơn xếp trước)",
    "group {ref} (lower first)": "điểm nhóm {ref} (thấp hơn xếp trước)",
    "criterion {ref} (higher first)": "điểm tiêu chí {ref} (cao hơn xếp trước)",
    "criterion {ref} (lower first)": "điểm tiêu chí {ref} (thấp hơn xếp trước)",
    "value {ref} (higher first)": "giá trị {ref} (cao hơn xếp trước)",
    "value {ref} (lower first)": "giá trị {ref} (thấp hơn xếp trước)",
    # formulas
    "previous({name}) needs the previous round: declare previous: {{criteria: …, submissions: …}}": (
        "previous({name}) cần số liệu của đợt thi đua trước: hãy khai báo previous: {{criteria: …, submissions: …}}"
    ),
    "previous({name}): '{name}' is not an indicator; previous() reads last round's indicators": (
        "previous({name}): '{name}' không phải là chỉ tiêu; previous() chỉ đọc các chỉ tiêu của đợt thi đua trước"
    ),
    "the formula gives a number, but a yes/no condition is needed here\n{caret}": (
        "công thức cho ra một số, nhưng ở đây cần một điều kiện có/không\n{caret}"
    ),
    "the formula gives a yes/no condition, but a number is needed here\n{caret}": (
        "công thức cho ra một điều kiện có/không, nhưng ở đây cần một số\n{caret}"
    ),
    "the groups' maxima add up to {maxima} = {total}, not the scale {scale}": (
        "điểm tối đa của các nhóm cộng lại là {maxima} = {total}, không bằng thang điểm {scale}"
    ),
    # indicators
    "a choice indicator needs 'choices': each answer with the number it stands for": (
        "chỉ tiêu kiểu choice cần có 'choices': ghi từng phương án trả lời kèm con số tương ứng"
    ),
    "'choices' is only for indicators of type choice": "'choices' chỉ dùng cho chỉ tiêu kiểu choice",
    "a {type} indicator has no range": "chỉ tiêu kiểu {type} không có khoảng giá trị (min, max)",
    "min {min} is above max {max}": "min {min} lớn hơn max {max}",
    "'{name}' is not a numeric indicator of this round": "'{name}' không phải là chỉ tiêu dạng số của đợt thi đua này",
    "a {type} indicator carries by any or all, not {given}": (
        "chỉ tiêu kiểu {type} lấy số liệu đợt trước (carry) theo any hoặc all, không theo {given}"
    ),
    "a {type} indicator carries by sum, mean, max, min or weighted_mean, not {given}": (
        "chỉ tiêu kiểu {type} lấy số liệu đợt trước (carry) theo sum, mean, max, min hoặc weighted_mean, không theo {given}"
    ),
    "unknown indicator '{name}'{hint} (renamed maps an old id to an indicator of this round)": (
        "không có chỉ tiêu '{name}'{hint} (renamed ghép mã cũ với một chỉ tiêu của đợt thi đua này)"
    ),
    "a predecessor is named twice": "một đơn vị tiền thân được ghi hai lần",
    "the default {value} is not a whole number": "giá trị mặc định {value} không phải là số nguyên",
    "the default {value} is outside the indicator's range": "giá trị mặc định {value} nằm ngoài khoảng giá trị của chỉ tiêu",
    "the default does not fit the indicator's type ({type})": "giá trị mặc định không đúng kiểu của chỉ tiêu ({type})",
    # derived values
    "'{name}' is declared below '{derived}'; a derived value reads only names declared above it": (
        "'{name}' được khai báo sau '{derived}'; giá trị trung gian chỉ đọc được các tên khai báo trước nó"
    ),
    "'{name}' refers to itself": "'{name}' tự tham chiếu đến chính nó",
    "{function}({of}) compares across the round, so it belongs in a criterion, not a derived value": (
        "{function}({of}) so sánh giữa các đơn vị trong đợt thi đua, nên phải đặt trong một tiêu chí,"
        " không đặt trong giá trị trung gian"
    ),
    # unknown names
    "unknown indicator '{name}'{hint}": "không có chỉ tiêu '{name}'{hint}",
    "unknown unit '{name}'{hint}": "không có đơn vị '{name}'{hint}",
    "unknown indicator or derived value '{name}'{hint}": "không có chỉ tiêu hay giá trị trung gian '{name}'{hint}",
    "unknown cluster '{name}'{hint} (declare it under clusters)": (
        "không có cụm thi đua '{name}'{hint} (hãy khai báo cụm này trong clusters)"
    ),
    "unknown group '{name}'{hint}": "không có nhóm tiêu chí '{name}'{hint}",
    "unknown criterion '{name}'{hint}": "không có tiêu chí '{name}'{hint}",
    "unknown numeric value '{name}'{hint}": "không có giá trị số '{name}'{hint}",
    "unknown earlier award '{name}'{hint} (among names an award listed above)": (
        "không có hình thức khen thưởng '{name}' ở phía trên{hint} (among phải ghi một hình thức khen thưởng liệt kê trước nó)"
    ),
    "unknown classification band '{name}'{hint}": "không có mức xếp loại '{name}'{hint}",
    "unknown classification band or award '{name}'{hint}": "không có mức xếp loại hay hình thức khen thưởng '{name}'{hint}",
    # targets, groups and criteria
    "a target must be above zero, not {value}": "chỉ tiêu được giao phải lớn hơn 0, không thể là {value}",
    "group {group}'s criteria add up to {maxima} = {total}, not its max {max}": (
        "điểm tối đa các tiêu chí của nhóm {group} cộng lại là {maxima} = {total}, không bằng điểm tối đa {max} của nhóm"
    ),
    "'{key}' does not belong to method {method}": "'{key}' không dùng cho method {method}",
    "method {method} needs '{key}'": "method {method} cần có '{key}'",
    "points_each must be above zero": "points_each phải lớn hơn 0",
    "method {method} needs a yes/no value, but '{name}' is a number": (
        "method {method} cần một giá trị có/không, nhưng '{name}' là một số"
    ),
    "method {method} needs a number, but '{name}' is a yes/no value": (
        "method {method} cần một số, nhưng '{name}' là một giá trị có/không"
    ),
    "method {method} counts '{name}', which may be negative: give it min: 0": (
        "method {method} tính điểm theo '{name}', nhưng '{name}' có thể âm: hãy ghi min: 0"
    ),
    "method target needs an indicator with per-unit targets; '{name}' is a derived value": (
        "method target cần một chỉ tiêu có mức giao cho từng đơn vị (targets); '{name}' là giá trị trung gian"
    ),
    "no target for '{name}' is set for: {units} (add them under targets.{name})": (
        "chưa giao chỉ tiêu '{name}' cho: {units} (bổ sung trong targets.{name})"
    ),
    "{points} has more decimal places than the round keeps (rounding.places: {places})": (
        "{points} có nhiều chữ số thập phân hơn số chữ số đợt thi đua giữ lại (rounding.places: {places})"
    ),
    "{points} points is above the criterion's max {max}": "{points} điểm vượt điểm tối đa {max} của tiêu chí",
    "bands must be listed with 'from' rising": "các mức trong bands phải ghi theo 'from' tăng dần",
    # classification (xếp loại) and clusters
    "the last band takes every unit that reaches no other band: leave out its min_total and floor": (
        "mức xếp loại cuối cùng nhận mọi đơn vị không đạt mức nào khác: hãy bỏ min_total và floor của mức này"
    ),
    "every band but the last needs a min_total": "mỗi mức xếp loại, trừ mức cuối cùng, đều cần min_total",
    "bands go from the highest to the lowest: min_total must not rise": (
        "các mức xếp loại ghi từ cao xuống thấp: min_total không được tăng lên"
    ),
    "unit {unit} names no cluster; the round declares clusters: {clusters}": (
        "đơn vị {unit} chưa ghi cụm thi đua; đợt thi đua này có các cụm: {clusters}"
    ),
    # awards (khen thưởng) and disqualifiers
    "scope cluster needs clusters: declare them and give each unit its cluster": (
        "scope cluster cần có cụm thi đua: hãy khai báo clusters và ghi cụm cho từng đơn vị"
    ),
    "a share of {share} is more than all the units": "tỷ lệ {share} vượt quá toàn bộ số đơn vị",
    "'{key}' goes with a share quota such as 20%, not a number of seats": (
        "'{key}' chỉ dùng với chỉ tiêu khen thưởng theo tỷ lệ (ví dụ 20%), không dùng với số suất cố định"
    ),
    "blocks nothing: name the bands and awards it blocks, or write all": (
        "không chặn mức nào: hãy ghi các mức xếp loại và hình thức khen thưởng bị chặn, hoặc ghi all"
    ),
    "'{band}' is the last band, which takes every unit: it cannot be blocked": (
        "'{band}' là mức xếp loại cuối cùng, nhận mọi đơn vị: không thể chặn mức này"
    ),
    # ids and names
    "the id '{id}' is already used on line {line}; ids must be unique": (
        "mã '{id}' đã được dùng ở dòng {line}; mỗi mã chỉ được dùng một lần"
    ),
    "'{name}' is a reserved word in formulas; choose another name": (
        "'{name}' là từ dành riêng trong công thức; hãy chọn tên khác"
    ),
    "'{name}' is already an indicator; give the derived value another name": (
        "'{name}' đã là tên một chỉ tiêu; hãy đặt tên khác cho giá trị trung gian"
    ),
    # scoring/lineage.py: last round's values (số liệu đợt trước), and how a merged unit's value was formed
    "unit {unit} is formed from '{predecessor}', which is not a unit of the previous round {round}": (
        "đơn vị {unit} được hình thành từ '{predecessor}', nhưng '{predecessor}' không phải là đơn vị"
        " của đợt thi đua trước {round}"
    ),
    "{round}: {unit} {value}": "{round}: số liệu của {unit} là {value}",
    "{unit} {value}": "{unit} {value}",
    "{round}: sum of {parts} = {value}": "{round}: tổng của {parts} = {value}",
    "{round}: mean of {parts} = {value}": "{round}: trung bình cộng của {parts} = {value}",
    "{round}: max of {parts} = {value}": "{round}: giá trị lớn nhất trong {parts} = {value}",
    "{round}: min of {parts} = {value}": "{round}: giá trị nhỏ nhất trong {parts} = {value}",
    "{round}: any of {parts} = {value}": "{round}: any của {parts} (có nếu ít nhất một đơn vị có) = {value}",
    "{round}: all of {parts} = {value}": "{round}: all của {parts} (có nếu mọi đơn vị đều có) = {value}",
    "{round}: mean weighted by {weight} ({weights}) of {parts} = {value}": (
        "{round}: trung bình có trọng số theo {weight} ({weights}) của {parts} = {value}"
    ),
}
