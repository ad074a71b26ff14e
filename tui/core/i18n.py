"""Every sentence a reviewer reads, in Vietnamese (default) and English."""

from __future__ import annotations

import os

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_ENV_VAR = "NTM_REVIEW_LANG"

MESSAGES: dict[str, tuple[str, str]] = {
    # --- database file -------------------------------------------------------
    "db_missing": (
        "Không tìm thấy tệp dữ liệu {path}. Hãy kiểm tra đường dẫn, hoặc tạo dữ liệu mẫu bằng lệnh: ntm-review demo --db {path}",
        "The database file {path} does not exist. Check the path, or build the demo data with: ntm-review demo --db {path}",
    ),
    "db_is_directory": (
        "{path} là một thư mục, không phải tệp dữ liệu. Hãy chỉ đến tệp .duckdb bằng --db.",
        "{path} is a directory, not a database file. Point --db at a .duckdb file.",
    ),
    "db_empty": (
        "Tệp {path} rỗng (0 byte), không phải cơ sở dữ liệu ntm-review. Hãy xoá tệp này rồi chạy: ntm-review demo --db {path}",
        "The file {path} is empty (0 bytes), not an ntm-review database. Delete it, then run: ntm-review demo --db {path}",
    ),
    "db_not_duckdb": (
        "Tệp {path} không phải cơ sở dữ liệu DuckDB. Hãy kiểm tra lại đường dẫn --db.",
        "The file {path} is not a DuckDB database. Check the --db path.",
    ),
    "db_not_ntm": (
        "Tệp {path} là cơ sở dữ liệu DuckDB nhưng không phải của ntm-review (thiếu bảng phiên bản). Hãy chỉ đến đúng tệp.",
        "The file {path} is a DuckDB database but not an ntm-review one (no schema version). Point --db at the right file.",
    ),
    "db_truncated": (
        "Tệp {path} bị cắt cụt hoặc chưa ghi xong. Hãy khôi phục từ bản sao lưu hoặc tạo lại dữ liệu.",
        "The file {path} is truncated or was not written completely. Restore it from a backup or rebuild the data.",
    ),
    "db_corrupt": (
        "Tệp {path} bị hỏng (sai tổng kiểm tra). Hãy khôi phục từ bản sao lưu hoặc tạo lại dữ liệu.",
        "The file {path} is corrupt (checksum mismatch). Restore it from a backup or rebuild the data.",
    ),
    "db_old_storage": (
        "Tệp {path} được ghi bằng một phiên bản DuckDB khác không đọc được. Hãy tạo lại dữ liệu bằng phiên bản ntm-review này.",
        "The file {path} was written by an incompatible DuckDB version. Rebuild the data with this version of ntm-review.",
    ),
    "db_newer": (
        "Tệp {path} có lược đồ phiên bản {found}, mới hơn phiên bản {supported} mà chương trình này hỗ trợ. Hãy cập nhật ntm-review.",
        "The file {path} has schema version {found}, newer than version {supported} that this program supports. Update ntm-review.",
    ),
    "db_needs_migrate": (
        "Tệp {path} có lược đồ phiên bản {found}, cũ hơn phiên bản {supported}. Hãy chạy: ntm-review migrate --db {path}",
        "The file {path} has schema version {found}, older than version {supported}. Run: ntm-review migrate --db {path}",
    ),
    "db_locked": (
        "Tệp {path} đang bị khoá bởi {holder}. Hãy đợi tiến trình đó kết thúc rồi thử lại.",
        "The file {path} is locked by {holder}. Wait for that process to finish, then try again.",
    ),
    "db_locked_unknown": (
        "Tệp {path} đang bị một tiến trình khác khoá. Hãy đợi tiến trình đó kết thúc rồi thử lại.",
        "The file {path} is locked by another process. Wait for it to finish, then try again.",
    ),
    "db_permission": (
        "Không có quyền đọc tệp {path}. Hãy kiểm tra quyền truy cập (nhóm, umask).",
        "No permission to read {path}. Check its permissions (group, umask).",
    ),
    "db_unreadable": (
        "Không đọc được tệp {path}: {detail}",
        "Cannot read {path}: {detail}",
    ),
    "db_migrate_failed": (
        "Không nâng cấp được tệp {path} (tệp vẫn giữ nguyên): {detail}. Hãy tạo lại dữ liệu hoặc khôi phục từ bản sao lưu.",
        "Could not migrate {path} (the file is unchanged): {detail}. Rebuild the data or restore it from a backup.",
    ),
    "lock_holder": ("người dùng {user} (tiến trình {pid})", "user {user} (process {pid})"),
    "lock_holder_pid": ("tiến trình {pid}", "process {pid}"),
    # --- command line --------------------------------------------------------
    "unknown_unit": (
        "Không có đơn vị mã {code} trong dữ liệu. Xem danh sách bằng: ntm-review check",
        "There is no unit with code {code} in the data. List the units with: ntm-review check",
    ),
    "bad_year": (
        "Năm {value} không hợp lệ; hãy ghi năm bằng bốn chữ số, ví dụ 2023.",
        "The year {value} is not valid; give a four-digit year such as 2023.",
    ),
    "model_not_commune": (
        "Đơn vị {code} không phải là xã nên không thể làm mô hình chuẩn mẫu nông thôn mới.",
        "Unit {code} is not a commune (xã), so it cannot be the NTM model.",
    ),
    "no_model": (
        "Chưa chọn xã chuẩn mẫu. Hãy dùng --model MÃ.",
        "No model commune is set. Use --model CODE.",
    ),
    "demo_built": (
        "Đã tạo dữ liệu mẫu ({scale}) tại {path}: {units} đơn vị, {resolutions} nghị quyết, {findings} phát hiện, trong {seconds} giây.",
        "Built the {scale} demo data at {path}: {units} units, {resolutions} resolutions, {findings} findings, in {seconds} s.",
    ),
    "migrated": (
        "Đã nâng cấp {path} từ phiên bản {old} lên {new}.",
        "Migrated {path} from schema version {old} to {new}.",
    ),
    "migrate_current": (
        "Tệp {path} đã ở phiên bản mới nhất ({version}).",
        "{path} is already at the latest schema version ({version}).",
    ),
    "build_failed": (
        "Không tạo được cơ sở dữ liệu tại {path}: {detail}",
        "Could not build the database at {path}: {detail}",
    ),
    "interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
}


def resolve_lang(lang: str | None = None) -> str:
    """The UI language: explicit choice, then NTM_REVIEW_LANG, then Vietnamese."""
    for candidate in (lang, os.environ.get(LANG_ENV_VAR)):
        if candidate and candidate.lower() in LANGS:
            return candidate.lower()
    return DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    vi, en = MESSAGES[key]
    template = en if lang == "en" else vi
    return template.format(**params)


def pick(lang: str, vi: str, en: str) -> str:
    """Choose between a pair of already-translated strings (e.g. name_vi/name_en columns)."""
    return en if lang == "en" and en else vi
