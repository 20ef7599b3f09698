"""Vietnamese wordings: points graded by the assessors (chấm theo đánh giá của tổ thẩm định, thành viên Hội đồng)."""

MESSAGES: dict[str, str] = {
    # reading the grades
    "this grading file is for round '{grades_round}', but the criteria are for round '{criteria_round}'": "tệp điểm đánh"
    " giá này thuộc đợt '{grades_round}', nhưng bảng tiêu chí thuộc đợt '{criteria_round}'",
    "criterion {id} is scored by method {method}; only a criterion of method graded takes the assessors' grades": "tiêu chí"
    " {id} chấm theo phương pháp {method}; chỉ tiêu chí chấm theo đánh giá (method graded) mới nhận điểm đánh giá",
    "a grade of {criterion} is from 0 to {max} (its max), not {points}": "điểm đánh giá tiêu chí {criterion} từ 0 đến {max}"
    " (điểm tối đa), không phải {points}",
    "{assessor} has already graded {unit} on {criterion} ({first}); an assessor gives one grade": "{assessor} đã chấm"
    " {unit} ở tiêu chí {criterion} ({first}); mỗi người đánh giá chỉ chấm một lần",
    # scoring
    "unit {unit}: {what} is graded by the assessors, but no grade is given; give the grades (--grades FILE, or grades in"
    " the review file), or declare what no grade means (if_missing: no_points)": "đơn vị {unit}: {what} chấm theo đánh"
    " giá, nhưng chưa có điểm đánh giá nào; hãy cung cấp điểm đánh giá (--grades TỆP, hoặc mục grades trong tệp thẩm"
    " định), hoặc khai báo cách xử lý khi không có điểm (if_missing: no_points)",
    "unit {unit}: {what} needs grades from {needed} assessors (assessors: {needed}), but {given} given": "đơn vị {unit}:"
    " {what} cần điểm đánh giá của {needed} người (assessors: {needed}), nhưng mới có {given}",
    "unit {unit}: {what} combines by trimmed_mean, which leaves out the highest and the lowest grade and needs 3 grades or"
    " more, but {given} given": "đơn vị {unit}: {what} tính trung bình sau khi bỏ điểm cao nhất và thấp nhất"
    " (trimmed_mean), cần từ 3 điểm đánh giá trở lên, nhưng mới có {given}",
    "no grade from the assessors: no points (if_missing: no_points)": "không có điểm đánh giá: không tính điểm (if_missing:"
    " no_points)",
    # explaining
    "a single grade: {result}": "một điểm đánh giá: {result}",
    "mean of {n} grades: ({grades}) / {n} = {result}": "trung bình của {n} điểm đánh giá: ({grades}) / {n} = {result}",
    "median of {n} grades ({grades}, in order): {result}": "trung vị của {n} điểm đánh giá ({grades}, theo thứ tự): {result}",
    "median of {n} grades ({grades}, in order): ({low} + {high}) / 2 = {result}": "trung vị của {n} điểm đánh giá ({grades},"
    " theo thứ tự): ({low} + {high}) / 2 = {result}",
    "mean of {n} grades without the highest ({high}) and the lowest ({low}): ({grades}) / {kept} = {result}": "trung bình"
    " của {n} điểm đánh giá, bỏ điểm cao nhất ({high}) và thấp nhất ({low}): ({grades}) / {kept} = {result}",
    "{grade} [{source}]": "{grade} [{source}]",
    "{assessor}: {points} ({reason})": "{assessor}: {points} ({reason})",
    # the record and the command line
    "grading file": "tệp điểm đánh giá",
    "Assessors' grades": "Điểm đánh giá của tổ thẩm định",
    "the grading files given are not those recorded (their digests differ)": "các tệp điểm đánh giá đưa vào không phải"
    " các tệp đã ghi trong hồ sơ (mã băm khác nhau)",
    "the assessors' grades of the criteria of method graded: a grading file (thidua/grades-1); repeatable": "điểm đánh giá"
    " của tổ thẩm định cho các tiêu chí chấm theo đánh giá: một tệp thidua/grades-1; dùng được nhiều lần",
    "the earlier round's grading files (thidua/grades-1); repeatable": "các tệp điểm đánh giá của đợt trước"
    " (thidua/grades-1); dùng được nhiều lần",
    "grading files (default: as recorded)": "các tệp điểm đánh giá (mặc định: như đã ghi trong hồ sơ)",
}
