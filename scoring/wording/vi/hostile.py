"""Vietnamese wordings: hostile files, second round (issue 15): numbers, lock files, deep folders, outputs over inputs."""

MESSAGES: dict[str, str] = {
    "'{text}' has more than {digits} digits": "'{text}' có quá {digits} chữ số",
    "a number of more than {digits} digits": "một số có quá {digits} chữ số",
    "its lock file {lock} is not a regular file (a pipe, a device or a link); remove it and try again": "tệp khóa {lock}"
    " không phải là tệp thông thường (là ống dẫn, thiết bị hoặc liên kết); hãy xóa tệp đó rồi thử lại",
    "{path} is not a regular file (a pipe or a device); it is not replaced": "{path} không phải là tệp thông thường"
    " (là ống dẫn hoặc thiết bị); không ghi đè lên",
    "the folder is more than {depth} levels below {folder}; submissions are not looked for so deep": "thư mục nằm sâu"
    " quá {depth} cấp bên trong {folder}; không tìm tệp số liệu ở độ sâu như vậy",
    "the evidence is {length} characters long; the limit is {limit}": "căn cứ dài {length} ký tự; giới hạn là {limit}",
    "values.{indicator}.evidence: {reason}": "values.{indicator}.evidence: {reason}",
}
