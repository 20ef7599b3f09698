"""Vietnamese wordings: tie groups and seat holders said once and referred to (linear outputs)."""

MESSAGES: dict[str, str] = {
    # ties: a group too large for each unit to name the others
    "tied with {others} other units (tie group {group}) after every tie-break key ({tried}): they share the rank": (
        "vẫn bằng {others} đơn vị khác (nhóm đồng hạng {group}) sau mọi tiêu chí phụ ({tried}): đồng hạng"
    ),
    "level on total with {others} more units, placed by the tie-break keys": (
        "bằng tổng điểm với {others} đơn vị khác nữa, xếp theo các tiêu chí phụ"
    ),
    " (shared with {count} other units: tie group {group})": " (đồng hạng với {count} đơn vị khác: nhóm đồng hạng {group})",
    "Tie groups (units that share a rank)": "Các nhóm đồng hạng",
    "tie group {group}, {where}: {units}": "nhóm đồng hạng {group}, {where}: {units}",
    # award seats: holders named once in the seats
    "{count} units (named in the award's seats)": "{count} đơn vị (có tên trong danh sách suất của danh hiệu)",
}
MESSAGES.update(
    {
        # minutes: a unit of a large tie group refers to it; the groups listed once after the ranking
        "level with {count} other units (tie group {group})": "đồng hạng với {count} đơn vị khác (nhóm đồng hạng {group})",
        "Tie group": "Nhóm đồng hạng",
        "Units that share the rank": "Các đơn vị đồng hạng",
    }
)
MESSAGES.update(
    {
        # record: the writer refuses what verify would refuse
        "the decision record would be {size} bytes, over the {limit} bytes that verify reads: nothing was written": (
            "hồ sơ xét duyệt sẽ có {size} byte, vượt giới hạn {limit} byte mà lệnh verify đọc được: chưa ghi tệp nào"
        ),
    }
)
