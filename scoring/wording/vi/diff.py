"""Vietnamese wordings: diff (what a new criteria file changes) and whatif (new criteria on an earlier round)."""

MESSAGES: dict[str, str] = {
    # diff: the heading, the summary line, no change
    "Changes in meaning from {old_file} ({old_id}) to {new_file} ({new_id}): 1 change": (
        "Thay đổi về nội dung từ {old_file} ({old_id}) sang {new_file} ({new_id}): 1 thay đổi"
    ),
    "Changes in meaning from {old_file} ({old_id}) to {new_file} ({new_id}): {count} changes": (
        "Thay đổi về nội dung từ {old_file} ({old_id}) sang {new_file} ({new_id}): {count} thay đổi"
    ),
    "No change in meaning between {old_file} ({old_id}) and {new_file} ({new_id}).": (
        "Không có thay đổi về nội dung giữa {old_file} ({old_id}) và {new_file} ({new_id})."
    ),
    "# Changes in meaning: {old_id} → {new_id}": "# Thay đổi về nội dung: {old_id} → {new_id}",
    "Old: `{old_file}` · New: `{new_file}`": "Tệp cũ: `{old_file}` · Tệp mới: `{new_file}`",
    "1 change.": "1 thay đổi.",
    "{count} changes.": "{count} thay đổi.",
    "| Change | Item | Field | Old | New |": "| Thay đổi | Mục | Trường | Cũ | Mới |",
    # diff: the sections
    "Round": "Thông tin chung",
    "Clusters": "Cụm thi đua",
    "Units": "Đơn vị",
    "Indicators": "Chỉ tiêu",
    "Derived values": "Giá trị trung gian",
    "Targets": "Chỉ tiêu được giao",
    "Groups": "Nhóm tiêu chí",
    "Criteria": "Tiêu chí",
    "Adjustments": "Điểm cộng, điểm trừ",
    "Disqualifiers": "Điều kiện loại trừ",
    "Classification": "Xếp loại",
    "Tie-break": "Thứ tự ưu tiên khi bằng điểm",
    "Awards": "Hình thức khen thưởng",
    # diff: the kinds of change (the Markdown table)
    "added": "thêm mới",
    "removed": "bỏ",
    "changed": "thay đổi",
    "moved": "chuyển nhóm",
    "renamed": "đổi tên",
    "order": "thứ tự",
    "round": "đợt thi đua",
    # diff: one line per change
    "{name}: {field} {old} → {new}": "{name}: {field} {old} → {new}",
    "{field}: {old} → {new}": "{field}: {old} → {new}",
    "order: {old} → {new}": "thứ tự: {old} → {new}",
    "{name}: added ({summary})": "{name}: thêm mới ({summary})",
    "{name}: added": "{name}: thêm mới",
    "{name}: removed ({summary})": "{name}: bỏ ({summary})",
    "{name}: removed": "{name}: bỏ",
    "{old}: renamed to {new}": "{old}: đổi mã thành {new}",
    "{name}: moved from group {old} to group {new}": "{name}: chuyển từ nhóm {old} sang nhóm {new}",
    "{name}: joined": "{name}: đơn vị mới tham gia",
    "{name}: joined, formed from {units}": "{name}: đơn vị mới tham gia, hình thành từ {units}",
    "{name}: formed from {units}": "{name}: hình thành từ {units}",
    "{name}: left": "{name}: không còn tham gia",
    "{name}: left (now part of {units})": "{name}: không còn tham gia (nay thuộc {units})",
    "{name}: {unit} {old} → {new}": "{name}: chỉ tiêu giao cho {unit} {old} → {new}",
    "{name}: targets added ({targets})": "{name}: thêm chỉ tiêu được giao ({targets})",
    "{name}: targets removed ({targets})": "{name}: bỏ chỉ tiêu được giao ({targets})",
    # diff: values and what an item is
    "1 place, {mode}": "1 chữ số thập phân, {mode}",
    "{places} places, {mode}": "{places} chữ số thập phân, {mode}",
    "≥{start}: {points}": "≥{start}: {points} điểm",
    "weighted_mean of {weight}": "weighted_mean theo {weight}",
    "{type}, {unit}": "kiểu {type}, đơn vị tính {unit}",
    "{type}": "kiểu {type}",
    "max {max}, 1 criterion": "tối đa {max} điểm, 1 tiêu chí",
    "max {max}, {count} criteria": "tối đa {max} điểm, {count} tiêu chí",
    "{method} of {indicator}": "{method} theo {indicator}",
    "{rule}, {points} each": "{rule}, mỗi trường hợp {points} điểm",
    "group {group}, max {max}, {rule}": "nhóm {group}, tối đa {max} điểm, {rule}",
    "bonus {formula}": "điểm cộng {formula}",
    "deduction {formula}": "điểm trừ {formula}",
    "{adjustment}, cap {cap}": "{adjustment}, tối đa {cap} điểm",
    "when {when}; blocks {blocks}": "khi {when}; không được xét {blocks}",
    "min_total {min_total}": "tổng điểm từ {min_total}",
    "floor {floor}": "mỗi tiêu chí đạt từ {floor} số điểm tối đa",
    "every unit that reaches no band above": "các đơn vị không đạt mức xếp loại nào ở trên",
    "{share} of {share_of}, {rounding}": "{share} số {share_of}, {rounding}",
    "quota {quota}": "hạn mức {quota}",
    "quota {quota} per cluster": "hạn mức {quota} mỗi cụm",
    "{award}, among {among}": "{award}, chỉ xét trong số đơn vị được đề nghị {among}",
    # (the tie-break keys, the quota's bases and roundings are the core's wordings: see core.py)
    # whatif: new criteria on an earlier round's submissions
    "not in the earlier submissions": "không có trong số liệu báo cáo đợt trước",
    "unit {unit} has no figures in round {round} (it is not there, nor formed from units there)": (
        "đơn vị {unit} không có số liệu trong đợt {round}"
        " (không có trong đợt đó, cũng không được hình thành từ đơn vị nào của đợt đó)"
    ),
    "disqualifier {disqualifier} reads {indicators}, not in the earlier submissions": (
        "điều kiện loại trừ {disqualifier} dùng chỉ tiêu {indicators} mà số liệu báo cáo của đợt trước không có"
    ),
}
