"""Vietnamese wordings: floors on groups, criteria that may not score 0, and formulas that read points."""

MESSAGES: dict[str, str] = {
    # scoring/wording/reasons.py: group floors and no-zero rules
    "group {group} has {points} of {max}, under {floor} of it ({needed})": (
        "nhóm {group} đạt {points}/{max}, dưới mức sàn {floor} số điểm của nhóm ({needed})"
    ),
    "under the group floor: {groups}": "có nhóm tiêu chí dưới mức sàn: {groups}",
    "{criteria} scored 0, and no criterion of group {group} may": (
        "tiêu chí {criteria} bị 0 điểm, trong khi nhóm {group} không được có tiêu chí nào bị 0 điểm"
    ),
    "{criteria} scored 0, and no criterion of groups {groups} may": (
        "tiêu chí {criteria} bị 0 điểm, trong khi các nhóm {groups} không được có tiêu chí nào bị 0 điểm"
    ),
    "points above 0 on {criteria}": "có điểm (trên 0) ở tiêu chí {criteria}",
    # scoring/criteria.py: group floors and no-zero rules
    "the last band takes every unit that reaches no other band: leave out its {key}": (
        "mức xếp loại cuối cùng nhận mọi đơn vị không đạt mức nào khác: hãy bỏ {key} của mức này"
    ),
    "names no group: name the groups with their share, e.g. {{I: 50%}}": (
        "chưa nêu nhóm nào: hãy nêu các nhóm cùng tỷ lệ, ví dụ {{I: 50%}}"
    ),
    "names no group: name the groups, e.g. [I], or write all": "chưa nêu nhóm nào: hãy nêu các nhóm, ví dụ [I], hoặc ghi all",
    # scoring/formula.py: points("I.2"), group_points("III"), criteria_points()
    "{function}() reads points already scored: it can be used in adjustments, disqualifiers and award conditions, not here": (
        "{function}() đọc điểm đã chấm: chỉ dùng được trong điểm cộng/trừ, điều kiện loại trừ và điều kiện khen thưởng,"
        " không dùng ở đây"
    ),
    "criteria_points() takes no arguments": "criteria_points() không nhận đối số",
    '{function}() takes one id in quotes, e.g. {function}("{example}")': (
        '{function}() nhận một mã đặt trong dấu nháy, ví dụ {function}("{example}")'
    ),
    # scoring/diff.py: a band's floors on named groups and its no-zero groups
    "floor {floor} in group {group}": "mỗi tiêu chí nhóm {group} đạt từ {floor} số điểm tối đa",
    "group {group} at least {floor} of its max": "nhóm {group} đạt từ {floor} số điểm của nhóm",
    "no criterion at 0 in {groups}": "không tiêu chí nào bị 0 điểm ở nhóm {groups}",
}
