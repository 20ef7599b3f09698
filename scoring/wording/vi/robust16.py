"""Vietnamese wordings: how sure the proposal is (thidua robustness) — margins, rank intervals, the report's section."""

MESSAGES: dict[str, str] = {
    # the command and its options
    "how sure the proposal is: each unit's exact margins, and its rank and awards when the weights vary": "độ vững của đề"
    " nghị: biên độ chính xác của từng đơn vị, và thứ hạng, mức khen của đơn vị khi trọng số thay đổi",
    "how many samples of the weights (default 10,000)": "số mẫu trọng số (mặc định 10.000)",
    "each criterion's maximum varied within ±K percent (default 20)": "điểm tối đa của mỗi tiêu chí thay đổi trong khoảng ±K"
    " phần trăm (mặc định 20)",
    "the random seed: the same seed gives the same output (default 2026)": "hạt giống ngẫu nhiên: cùng hạt giống cho cùng"
    " kết quả (mặc định 2026)",
    "write the output to this file": "ghi kết quả ra tệp này",
    "Written: {file}": "Đã ghi: {file}",
    "--samples {given}: give a whole number from 1 to {most}": "--samples {given}: hãy ghi một số nguyên từ 1 đến {most}",
    "--seed {given}: give a whole number, 0 or more": "--seed {given}: hãy ghi một số nguyên không âm",
    "--spread {given}: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)": "--spread {given}: hãy ghi"
    " một tỷ lệ phần trăm lớn hơn 0 và nhỏ hơn 100, tối đa 2 chữ số thập phân (20 là ±20%)",
    # the tables
    "How sure the proposal is": "Độ vững của đề nghị khen thưởng",
    "{samples} samples of the criteria's maxima, each varied within ±{spread} and scaled back to the scale {scale}"
    " (seed {seed}); held as they are: {held}": "{samples} mẫu điểm tối đa của các tiêu chí, mỗi tiêu chí thay đổi trong"
    " khoảng ±{spread} rồi quy lại theo thang điểm {scale} (hạt giống {seed}); giữ nguyên: {held}",
    "in {changed} of {samples} samples some unit's awards change": "trong {changed}/{samples} mẫu có đơn vị đổi mức khen",
    "Median rank": "Hạng trung vị",
    "5–95% of ranks": "Khoảng hạng 5–95%",
    "Same awards": "Giữ nguyên mức khen",
    "{share} (+{council} tied)": "{share} (+{council} đồng hạng)",
    "Which weight moves the awards": "Trọng số nào làm thay đổi mức khen",
    "Maximum": "Điểm tối đa",
    "First-order index": "Chỉ số bậc nhất",
    "Exact margins: the nearest single change that changes a unit's awards": "Biên độ chính xác: thay đổi đơn lẻ gần nhất"
    " làm đổi mức khen của đơn vị",
    "What would change its awards": "Điều gì làm đổi mức khen",
    "{rank}. {unit}: {tiers}": "{rank}. {unit}: {tiers}",
    "These figures say how fragile the ranking is to the weights and to each input; they do not say that the weights"
    " are right.": "Các số liệu này cho biết thứ hạng nhạy đến đâu với trọng số và với từng số liệu đầu vào; chúng không"
    " cho biết trọng số đã hợp lý hay chưa.",
    "Rank of each unit over the samples: median (dot), 5–95% (bar), as it stands (ring)": "Thứ hạng của từng đơn vị qua"
    " các mẫu: trung vị (chấm), khoảng 5–95% (thanh), hiện tại (vòng tròn)",
    # a unit's margins, said
    "{award} (tied for the last seat: the council decides)": "{award} (đồng hạng ở suất cuối: Hội đồng quyết định)",
    ", or ": ", hoặc ",
    "if {criterion}'s maximum were {value} instead of {current}": "nếu điểm tối đa của tiêu chí {criterion} là {value}"
    " thay vì {current}",
    "if its own {indicator} were {value} instead of {current}": "nếu chỉ tiêu {indicator} của chính đơn vị là {value} thay"
    " vì {current}",
    "{unit} would take the {award} seat of {others} {moves}": "{unit} sẽ giành suất {award} của {others} {moves}",
    "{unit} would give its {award} seat to {others} {moves}": "{unit} sẽ nhường suất {award} cho {others} {moves}",
    "{unit} would have {then} instead of {now} {moves}": "{unit} sẽ chuyển từ {now} sang {then} {moves}",
    "none of the awards": "không khen thưởng",
    "no change of one of these alone can do it: the maximum of {maxima}; its own {indicators}": "không thay đổi riêng lẻ"
    " nào của các đầu vào sau làm được điều đó: điểm tối đa của {maxima}; chỉ tiêu của chính đơn vị {indicators}",
    "no change of one of these alone can do it: the maximum of {maxima}": "không thay đổi riêng lẻ nào của các đầu vào sau"
    " làm được điều đó: điểm tối đa của {maxima}",
    "no change of one of these alone can do it: its own {indicators}": "không thay đổi riêng lẻ nào của các đầu vào sau làm"
    " được điều đó: chỉ tiêu của chính đơn vị {indicators}",
    "add a page on how sure the proposal is (thidua robustness): margins, rank intervals and their chart": "thêm một trang"
    " về độ vững của đề nghị (thidua robustness): biên độ, khoảng hạng và biểu đồ",
}
