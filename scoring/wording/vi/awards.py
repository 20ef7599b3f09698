"""Vietnamese wordings: what an award ranks by (rank_by), and the places and distances by it."""

MESSAGES: dict[str, str] = {
    "the total": "tổng điểm",
    "the criteria's points before bonuses and deductions": "điểm các tiêu chí trước điểm cộng/trừ",
    "group {group}'s points": "điểm nhóm {group}",
    "group {group}'s points (lower first)": "điểm nhóm {group} (thấp hơn xếp trước)",
    "value {name}": "giá trị {name}",
    "value {name} (lower first)": "giá trị {name} (thấp hơn xếp trước)",
    "rank {rank} in the round by {measure} ({value})": "hạng {rank} toàn đợt theo {measure} ({value})",
    "rank {rank} in cluster {cluster} by {measure} ({value})": "hạng {rank} trong cụm {cluster} theo {measure} ({value})",
    "rank {rank} by {measure}; the award needs rank {max_rank} or better": "hạng {rank} theo {measure}; mức khen này cần"
    " hạng {max_rank} trở lên",
    "rank {rank} or better by {measure}": "đạt hạng {rank} trở lên theo {measure}",
    "no value for '{name}', which the award ranks by": "không có giá trị '{name}', là giá trị mức khen này dùng để xếp hạng",
    "{points} more in {measure}": "thêm {points} {measure}",
    "{points} less in {measure}": "giảm {points} {measure}",
    "{amount} to pass {unit}, the last to take a seat": "{amount} để vượt {unit}, đơn vị cuối cùng nhận suất",
    "{amount}, to meet the conditions and pass {unit}, the last to take a seat": "{amount}, để đạt điều kiện và vượt"
    " {unit}, đơn vị cuối cùng nhận suất",
    "{amount} to pass {units}, tied for the last seat, which the council decides": "{amount} để vượt {units}, đang đồng"
    " hạng ở suất cuối do Hội đồng quyết định",
    "{amount}, to meet the conditions and pass {units}, tied for the last seat, which the council decides": "{amount}, để"
    " đạt điều kiện và vượt {units}, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    "{amount} to pass {units}, for whom a seat is held until the council decides a tie for a higher tier": "{amount} để"
    " vượt {units}, đơn vị đang được giữ suất chờ Hội đồng quyết định mức khen cao hơn",
    "{amount}, to meet the conditions and pass {units}, for whom a seat is held until the council decides a tie for a"
    " higher tier": "{amount}, để đạt điều kiện và vượt {units}, đơn vị đang được giữ suất chờ Hội đồng quyết định mức"
    " khen cao hơn",
    # The ranking's story and tables.
    "{vote}; ranked by {measure}": "{vote}; xếp hạng theo {measure}",
    "{measure}: {value}": "{measure}: {value}",
    "in cluster {cluster}: {ties}": "trong cụm {cluster}: {ties}",
    "in the round: {ties}": "toàn đợt: {ties}",
}
