"""Messages of faults on writes and of hostile files (issue 15), in Vietnamese and English."""

from __future__ import annotations

MESSAGES_FAULTS: dict[str, tuple[str, str]] = {
    "fault_nospace": ("ổ đĩa đã đầy", "the disk is full"),
    "fault_readonly": ("ổ đĩa chỉ cho đọc", "the file system is read-only"),
    "fault_permission": ("không có quyền ghi vào đó", "no permission to write there"),
    "fault_quota": ("đã hết hạn mức dung lượng", "the disk quota is exhausted"),
    "fault_missing_dir": ("thư mục không tồn tại", "the folder does not exist"),
    "fault_not_dir": (
        "một phần của đường dẫn là tệp chứ không phải thư mục",
        "part of the path is a file, not a folder",
    ),
    "fault_other": ("{detail}", "{detail}"),
    "write_failed": (
        "Không ghi được {path}: {cause}; dữ liệu cũ vẫn giữ nguyên.",
        "Could not write {path}: {cause}; the old data is intact.",
    ),
    "symlink_foreign": (
        "{path} là liên kết tượng trưng do người khác ({owner}) tạo; chương trình không ghi "
        "qua nó. Hãy chọn tên tệp khác hoặc xoá liên kết đó.",
        "{path} is a symbolic link made by someone else ({owner}); it is not written "
        "through. Choose another file name or remove that link.",
    ),
    "imp_csv_nul": (
        "tệp CSV có byte NUL ở dòng {row} ({encoding}); đây không phải văn bản CSV UTF-8 — "
        "hãy lưu lại dạng “CSV UTF-8”",
        "the CSV file has a NUL byte on row {row} ({encoding}); it is not UTF-8 CSV text — "
        "save it again as “CSV UTF-8”",
    ),
    "imp_csv_utf16": (
        "tệp CSV được mã hoá {encoding} (nhận ra từ dòng {row}); hãy lưu lại dạng “CSV UTF-8”",
        "the CSV file is encoded in {encoding} (seen from row {row}); save it again as “CSV UTF-8”",
    ),
    "imp_too_large": (
        "bảng tính vượt giới hạn an toàn ({what}: {found}, tối đa {limit}); chương trình "
        "không đọc tệp này — hãy chia nhỏ hoặc kiểm tra xem tệp có bị hỏng không",
        "the workbook exceeds a safety limit ({what}: {found}, at most {limit}); it is not "
        "read — split it, or check whether the file is damaged",
    ),
    "reviewers_missing": (
        "Tệp phân công người rà soát {path} (biến {variable}) không tồn tại; chương trình "
        "không ghi quyết định khi không biết phân công. Hãy sửa {variable} hoặc bỏ biến đó.",
        "The reviewers file {path} (named by {variable}) does not exist; nothing is "
        "recorded without the assignments. Fix {variable} or unset it.",
    ),
    "reviewers_writable_group": (
        "Tệp phân công người rà soát {path} cho cả nhóm ghi (quyền {mode}), nên ai cũng tự "
        "đổi được phân công; trưởng nhóm hãy chạy: chmod 644 {path}",
        "The reviewers file {path} is writable by its group (mode {mode}), so anyone could "
        "change the assignments; the review lead should run: chmod 644 {path}",
    ),
    "reviewers_writable_others": (
        "Tệp phân công người rà soát {path} cho mọi người ghi (quyền {mode}), nên ai cũng "
        "tự đổi được phân công; trưởng nhóm hãy chạy: chmod 644 {path}",
        "The reviewers file {path} is writable by everyone (mode {mode}), so anyone could "
        "change the assignments; the review lead should run: chmod 644 {path}",
    ),
    "imp_limit_members": ("số phần trong gói", "parts in the package"),
    "imp_limit_part_bytes": ("byte của một phần khi giải nén", "bytes of one part, uncompressed"),
    "imp_limit_total_bytes": ("byte của cả tệp khi giải nén", "bytes of the file, uncompressed"),
    "imp_limit_ratio": ("tỷ lệ nén", "compression ratio"),
    "imp_limit_cells": ("số ô", "cells"),
    "imp_limit_grid": ("số hàng × số cột của một trang", "rows × columns of one sheet"),
    "imp_limit_seconds": ("giây để kiểm tra", "seconds to check"),
    "note_not_saved": (
        "Chưa lưu được ghi chú (dữ liệu đang được mở lại hoặc dòng đã đổi); nội dung: {text}",
        "The note was not saved (the data is being reopened, or the row changed); it read: {text}",
    ),
    "key_during_reopen": (
        "Dữ liệu vừa được dựng lại và đang mở lại; hãy bấm lại sau giây lát.",
        "The data was rebuilt and is being reopened; press the key again in a moment.",
    ),
}
