"""Vietnamese wordings: tables (bảng quy đổi), text compared with a choice's answers, and the criteria file's
lighter form (no year, no classification) with its hints."""

MESSAGES: dict[str, str] = {
    "say how it is scored: method achieved, per_item, target, relative, bands, table, graded or formula": (
        "hãy ghi cách chấm điểm: method achieved, per_item, target, relative, bands, table, graded hoặc formula"
    ),
    # a table's rows, checked at load
    "'{name}' is a choice indicator: its table gives each answer its points, e.g. {{{example}}}": (
        "'{name}' là chỉ tiêu lựa chọn: bảng của nó cho điểm từng phương án trả lời, ví dụ {{{example}}}"
    ),
    "'{name}' is not a choice indicator: its table lists ranges, e.g. [{{from: 0, to: 0, points: 4}}, {{from: 1, points: 2}}]": (
        "'{name}' không phải chỉ tiêu lựa chọn: bảng của nó liệt kê các khoảng giá trị, ví dụ"
        " [{{from: 0, to: 0, points: 4}}, {{from: 1, points: 2}}]"
    ),
    "'{answer}' is not an answer of '{name}'{hint} (its answers: {answers})": (
        "'{answer}' không phải phương án trả lời của '{name}'{hint} (các phương án: {answers})"
    ),
    "the table gives no points for {answers}: every answer of '{name}' needs its row": (
        "bảng chưa cho điểm {answers}: mỗi phương án trả lời của '{name}' cần một dòng"
    ),
    "{points} points is outside the criterion's −{max} to {max}": (
        "{points} điểm nằm ngoài khoảng −{max} đến {max} của tiêu chí"
    ),
    "only the last row may leave out 'to' (it then has no upper end)": (
        "chỉ dòng cuối được bỏ 'to' (khi đó dòng không có cận trên)"
    ),
    "the row ends at {to}, below its start {start}": "dòng kết thúc ở {to}, thấp hơn điểm bắt đầu {start} của nó",
    "rows must be listed with 'from' rising": "các dòng phải được liệt kê với 'from' tăng dần",
    "row {row} starts at {start}, inside row {above} ({low} to {high}): ranges include both ends, so rows may not overlap": (
        "dòng {row} bắt đầu từ {start}, nằm trong dòng {above} ({low} đến {high}): khoảng tính cả hai đầu,"
        " nên các dòng không được chồng lên nhau"
    ),
    # a table while scoring, and in explanations
    "{name} = {value} falls in no row of the table": "{name} = {value} không thuộc dòng nào của bảng",
    "{name} = {answer} → row {row} of the table: {points}": "{name} = {answer} → dòng {row} của bảng: {points} điểm",
    "{name} = {value} → row {row} of the table ({start} or more): {points}": (
        "{name} = {value} → dòng {row} của bảng (từ {start} trở lên): {points} điểm"
    ),
    "{name} = {value} → row {row} of the table ({start} to {end}): {points}": (
        "{name} = {value} → dòng {row} của bảng (từ {start} đến {end}): {points} điểm"
    ),
    # a choice compared with its answer in a formula
    "a choice's answer is compared only with == or !=, one at a time": (
        "phương án trả lời của chỉ tiêu lựa chọn chỉ được so sánh bằng == hoặc !=, mỗi lần một phương án"
    ),
    "text in quotes is compared only with a choice indicator, e.g. {example}; '{segment}' is not one": (
        "chữ trong ngoặc kép chỉ được so sánh với một chỉ tiêu lựa chọn, ví dụ {example}; '{segment}' không phải"
        " chỉ tiêu lựa chọn"
    ),
    # hints
    "'{id}' is a criterion; a formula reads its points as points(\"{id}\")": (
        "'{id}' là một tiêu chí; công thức đọc điểm của nó bằng points(\"{id}\")"
    ),
    "'{id}' is a group; a formula reads its points as group_points(\"{id}\")": (
        "'{id}' là một nhóm; công thức đọc điểm của nhóm bằng group_points(\"{id}\")"
    ),
    "expected a number, got the text {text}: write {number} or {share} as the table means it (a plain number, without '%')": (
        "cần một số, nhưng nhận được chữ {text}: hãy viết {number} hoặc {share} tùy bảng muốn nói gì"
        " (một số thường, không có '%')"
    ),
    # a round without classification bands
    "the round has no classification bands to require: declare classification, or leave this out": (
        "đợt này không có mức xếp loại nào để yêu cầu: hãy khai báo classification, hoặc bỏ điều kiện này"
    ),
    "{name} ({id}): {total} / {scale}": "{name} ({id}): {total} / {scale}",
    "{rank}{cluster}. {name} ({id}): {total}{shared}": "{rank}{cluster}. {name} ({id}): {total}{shared}",
    "Report of the scores, the ranking and the proposed awards · round {id} · scale {scale} · {units} units": (
        "Báo cáo kết quả chấm điểm, xếp hạng và đề nghị khen thưởng · mã đợt {id} · thang điểm {scale} · {units} đơn vị"
    ),
    "{start} to {end}: {points}": "{start} đến {end}: {points}",
}
