"""Vietnamese wordings: errors (the time and memory backstop, writing outputs)."""

MESSAGES: dict[str, str] = {
    # scoring/limits.py
    "the work took longer than the limit of {seconds} s (THIDUA_TIME_LIMIT)": (
        "lệnh chạy quá thời gian cho phép là {seconds} giây (THIDUA_TIME_LIMIT)"
    ),
    "the work needed more memory than the limit of {mebibytes} MiB (THIDUA_MEMORY_LIMIT)": (
        "lệnh cần nhiều bộ nhớ hơn mức cho phép là {mebibytes} MiB (THIDUA_MEMORY_LIMIT)"
    ),
    # scoring/files.py
    "{path} already exists; give --force to replace it": "{path} đã có; thêm --force nếu muốn ghi đè",
    "{path} is being written by process {pid} on {host} since {since}; try again when it has finished": (
        "{path} đang được tiến trình {pid} trên máy {host} ghi từ {since}; hãy chạy lại khi việc ghi đã xong"
    ),
    "cannot write {path}: {reason} ({old})": "không ghi được {path}: {reason} ({old})",
    "the folder is read-only or permission is denied ({error})": "thư mục chỉ cho phép đọc hoặc không có quyền ghi ({error})",
    "the folder {folder} does not exist": "thư mục {folder} không tồn tại",
    "the old file is unchanged": "tệp cũ vẫn giữ nguyên",
    "no file was written": "chưa có tệp nào được ghi",
}
