"""The review store's refusals and failures: one ``ReviewError`` with a message key, its
parameters and a sentence in Vietnamese (default) or English.

Nothing here imports textual.
"""

from __future__ import annotations

from typing import Any

from ..lang.i18n import render
from ..lang.language import EN, VI, Lang

__all__ = ["ReviewError"]

_MESSAGES: dict[str, dict[str, str]] = {
    "invalid_decision": {
        "vi": "“{decision}” không phải là quyết định hợp lệ; hãy chọn Cần chỉnh sửa, "
        "Chấp nhận, Đã khắc phục hoặc Không áp dụng.",
        "en": "“{decision}” is not a valid decision; choose Needs correction, Accepted, "
        "Corrected or Not applicable.",
    },
    "reason_required": {
        "vi": "Quyết định “{label}” phải ghi rõ lý do.",
        "en": "The decision “{label}” needs a reason.",
    },
    "note_blank": {
        "vi": "Ghi chú đang để trống; hãy nhập nội dung trước khi lưu.",
        "en": "The note is empty; type some text before saving.",
    },
    "out_of_scope": {
        "vi": "Người rà soát {reviewer} không được phân công đơn vị {unit_code} nên chỉ "
        "được xem, không được ghi.",
        "en": "Reviewer {reviewer} is not assigned to unit {unit_code}, so they may read "
        "but not record.",
    },
    "unit_incomplete": {
        "vi": "Chưa thể kết luận đơn vị {unit_code} năm {year} vì còn {count} phát hiện "
        "chưa có quyết định.",
        "en": "Unit {unit_code} cannot be concluded for {year} because {count} {count:finding|findings} "
        "still {count:has|have} no decision.",
    },
    "store_unwritable": {
        "vi": "Không ghi được vào {path} ({detail}); các người rà soát cần chung một nhóm "
        "Unix, thư mục phải cho nhóm ghi và có setgid (chmod 2775), và umask phải là 002.",
        "en": "Cannot write to {path} ({detail}); reviewers need one shared Unix group, "
        "the folder must be group-writable with setgid (chmod 2775), and umask must be 002.",
    },
    "store_corrupt": {
        "vi": "{path} không phải là tệp SQLite lưu quyết định rà soát hoặc đã bị hỏng ({detail}).",
        "en": "{path} is not a SQLite review-decision file or is damaged ({detail}).",
    },
    "store_busy": {
        "vi": "Tệp {path} bận quá {seconds} giây nên thao tác chưa được thực hiện; hãy thử lại.",
        "en": "{path} stayed busy for more than {seconds} seconds, so nothing was done; try again.",
    },
    "store_too_new": {
        "vi": "Tệp {path} do phiên bản ntm-review mới hơn tạo ra (phiên bản dữ liệu "
        "{found}, bản này đọc được đến {supported}); hãy cập nhật ntm-review.",
        "en": "{path} was written by a newer ntm-review (store version {found}, this one "
        "reads up to {supported}); update ntm-review.",
    },
    "store_error": {
        "vi": "Lỗi khi truy cập tệp {path} ({detail}).",
        "en": "Error while accessing {path} ({detail}).",
    },
    "scope_invalid": {
        "vi": "Không dùng được tệp phân công người rà soát {path} ({detail}).",
        "en": "The reviewers file {path} cannot be used ({detail}).",
    },
    "until_not_allowed": {
        "vi": "Chỉ quyết định Chấp nhận hoặc Không áp dụng mới có ngày hết hiệu lực.",
        "en": "Only an Accepted or Not applicable decision can have an end date.",
    },
    "until_in_past": {
        "vi": "Ngày hết hiệu lực {until} đã qua (hôm nay là {today}); hãy chọn một ngày sau hôm nay.",
        "en": "The end date {until} has passed (today is {today}); choose a later date.",
    },
    "event_id_reused": {
        "vi": "Mã sự kiện {event_id} đã được dùng cho một nội dung khác.",
        "en": "Event id {event_id} was already used for different content.",
    },
    "invalid_field": {
        "vi": "Trường {field} bị thiếu hoặc không hợp lệ.",
        "en": "The field {field} is missing or invalid.",
    },
    "store_replaced": {
        "vi": "Tệp {path} đã bị xoá hoặc thay thế trong khi phiên này đang mở nên chưa lưu "
        "gì; hãy đóng rồi mở lại ntm-review.",
        "en": "{path} was deleted or replaced while this session was open, so nothing was "
        "saved; close and reopen ntm-review.",
    },
    "store_read_only": {
        "vi": "Bạn chỉ có quyền đọc {path}: xem được các quyết định nhưng không ghi được.",
        "en": "You may only read {path}: decisions can be seen but not recorded.",
    },
    "store_wal_missing": {
        "vi": "Tệp {path} thiếu {missing} sự kiện đã ghi (đã ghi đến số {recorded}, tệp chỉ có "
        "đến số {found}): có lẽ tệp được chép mà không kèm tệp -wal; hãy khôi phục từ bản "
        "ntm-review backup, hoặc xoá {marker} nếu các sự kiện đó được bỏ có chủ ý.",
        "en": "{path} lacks {missing} recorded {missing:event|events} (recorded up to number {recorded}, "
        "the file holds up to {found}): it was probably copied without its -wal file; "
        "restore it from an ntm-review backup, or delete {marker} if those events were "
        "removed on purpose.",
    },
    "pg_connect": {
        "vi": "Không kết nối được kho quyết định PostgreSQL {url} ({detail}).",
        "en": "Cannot connect to the PostgreSQL review store {url} ({detail}).",
    },
    "pg_not_initialised": {
        "vi": "Cơ sở dữ liệu {url} chưa có kho quyết định; người quản trị cần chạy "
        "ntm-review store init-postgres.",
        "en": "The database {url} holds no review store yet; the administrator needs to "
        "run ntm-review store init-postgres.",
    },
    "pg_refused": {
        "vi": "Máy chủ PostgreSQL {url} từ chối thao tác ({reason}).",
        "en": "The PostgreSQL server {url} refused ({reason}).",
    },
    "pg_copy_owner": {
        "vi": "Chỉ chủ sở hữu kho {url} mới chép được sự kiện kèm người rà soát gốc; {reviewer} "
        "không phải chủ sở hữu.",
        "en": "Only the owner of the store {url} may copy events with their original "
        "reviewers; {reviewer} is not the owner.",
    },
    "pg_copy_conflict": {
        "vi": "Kho {url} đã có sự kiện khác mang cùng số thứ tự nên không chép; hãy chép "
        "vào một kho mới.",
        "en": "The store {url} already holds other events with the same numbers, so "
        "nothing was copied; copy into a new store.",
    },
    "decision_changed": {
        "vi": "Phát hiện {finding} đã có quyết định khác với quyết định bạn đã xem: {who} ghi "
        "“{label}” lúc {when} (sự kiện số {seq}); không ghi đè. Xem lại, rồi ghi với "
        "--expect-seq {seq}, hoặc --force để ghi đè.",
        "en": "Finding {finding} now has another decision than the one you saw: {who} "
        "recorded “{label}” at {when} (event number {seq}); nothing was overwritten. Look "
        "again, then record with --expect-seq {seq}, or --force to overwrite.",
    },
    "decided_by_other": {
        "vi": "Phát hiện {finding} đang có quyết định “{label}” của {who} (lúc {when}, sự kiện "
        "số {seq}); không ghi đè. Ghi với --expect-seq {seq} hoặc --force nếu vẫn muốn ghi.",
        "en": "Finding {finding} holds “{label}” by {who} (at {when}, event number {seq}); "
        "nothing was overwritten. Record with --expect-seq {seq} or --force to overwrite it.",
    },
    "undo_nothing": {
        "vi": "Chưa có quyết định nào của bạn trong phiên này để hoàn tác.",
        "en": "You have recorded no decision in this session to undo.",
    },
    "undo_not_own": {
        "vi": "Chỉ hoàn tác được quyết định của chính mình; sự kiện số {seq} do {who} ghi.",
        "en": "Only your own decision can be undone; event number {seq} was recorded by {who}.",
    },
    "undo_superseded": {
        "vi": "Không hoàn tác: sau quyết định của bạn, {who} đã ghi “{label}” cho phát hiện "
        "{finding} lúc {when}.",
        "en": "Not undone: after your decision, {who} recorded “{label}” on finding {finding} "
        "at {when}.",
    },
    "undo_done_already": {
        "vi": "Quyết định này đã được hoàn tác hoặc thay bằng quyết định khác của bạn.",
        "en": "This decision was already undone or replaced by another of yours.",
    },
    "undo_concluded": {
        "vi": "Không hoàn tác: đơn vị {unit_code} năm {year} đã kết luận; hãy mở lại kết luận "
        "trước.",
        "en": "Not undone: unit {unit_code} is concluded for {year}; reopen the conclusion first.",
    },
    "unit_not_concluded": {
        "vi": "Đơn vị {unit_code} năm {year} chưa kết luận nên không có gì để mở lại.",
        "en": "Unit {unit_code} is not concluded for {year}, so there is nothing to reopen.",
    },
    "chain_broken": {
        "vi": "Nhật ký {path} đã bị sửa ngoài ntm-review: chuỗi băm đứt tại sự kiện số "
        "{seq} ({detail}).",
        "en": "The log {path} was changed outside ntm-review: the hash chain breaks at "
        "event number {seq} ({detail}).",
    },
}

# Localised text for the ``detail`` parameter of the store_* and scope_* messages.
_DETAILS: dict[str, dict[str, str]] = {
    "is_directory": {"vi": "đây là một thư mục", "en": "it is a directory"},
    "not_sqlite": {"vi": "không phải tệp SQLite", "en": "not a SQLite file"},
    "malformed": {"vi": "tệp SQLite bị hỏng", "en": "the SQLite file is malformed"},
    "foreign_db": {
        "vi": "đây là cơ sở dữ liệu của ứng dụng khác",
        "en": "it belongs to another application",
    },
    "dir_missing": {"vi": "thư mục không tồn tại", "en": "the folder does not exist"},
    "dir_not_writable": {
        "vi": "thư mục không cho phép tạo tệp",
        "en": "the folder does not allow creating files",
    },
    "file_not_writable": {"vi": "tệp không cho phép ghi", "en": "the file is not writable"},
    "read_only": {
        "vi": "tệp hoặc ổ đĩa chỉ cho đọc",
        "en": "the file or file system is read-only",
    },
    "cannot_open": {"vi": "không mở được tệp", "en": "the file cannot be opened"},
    "disk_full": {"vi": "ổ đĩa đã đầy", "en": "the disk is full"},
    "wal_unavailable": {
        "vi": "không bật được chế độ WAL, có thể do ổ mạng",
        "en": "WAL mode is unavailable, possibly a network file system",
    },
    "unreadable": {"vi": "không đọc được tệp", "en": "the file cannot be read"},
    "closed": {"vi": "kho đã được đóng", "en": "the store is closed"},
    "server_down": {
        "vi": "máy chủ không chạy hoặc không nghe ở địa chỉ này",
        "en": "the server is not running or not listening there",
    },
    "refused": {"vi": "máy chủ từ chối: {reason}", "en": "the server refused: {reason}"},
    "missing_link": {
        "vi": "sự kiện được thêm không qua ntm-review",
        "en": "an event was added without ntm-review",
    },
    "previous_mismatch": {
        "vi": "một sự kiện trước đó đã bị xoá hoặc sửa",
        "en": "an earlier event was deleted or changed",
    },
    "content_mismatch": {
        "vi": "nội dung sự kiện này đã bị sửa",
        "en": "this event's content was changed",
    },
    "event_deleted": {"vi": "sự kiện này đã bị xoá", "en": "this event was deleted"},
    "toml_syntax": {
        "vi": "sai cú pháp TOML ở dòng {line}, cột {column}",
        "en": "invalid TOML at line {line}, column {column}",
    },
    "toml_end": {"vi": "sai cú pháp TOML ở cuối tệp", "en": "invalid TOML at the end of the file"},
    "not_utf8": {"vi": "không phải văn bản UTF-8", "en": "not UTF-8 text"},
    "reviewers_not_table": {
        "vi": "mục [reviewers] phải là một bảng",
        "en": "[reviewers] must be a table",
    },
    "units_not_strings": {
        "vi": 'units của {name} phải là danh sách chuỗi trong ngoặc kép, ví dụ ["06745"]',
        "en": 'units of {name} must be a list of quoted strings, e.g. ["06745"]',
    },
}


def _lang(lang: str | None) -> Lang:
    """Any code starting "en" reads English; anything else (None too) Vietnamese."""
    return EN if (lang or "").lower().startswith("en") else VI


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class ReviewError(Exception):
    """A refusal or failure with a message key, parameters and a localised sentence."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """One sentence in Vietnamese (default) or English ('en')."""
        from .events import DECISION_LABELS  # events.py raises ReviewError

        lg = _lang(lang)
        values = _Missing({k: ("—" if v is None else v) for k, v in self.params.items()})
        decision = self.params.get("decision")
        if isinstance(decision, str):
            values.setdefault("label", DECISION_LABELS[lg].get(decision, decision))
        detail = self.params.get("detail")
        if isinstance(detail, str) and detail in _DETAILS:
            values["detail"] = render(_DETAILS[detail][lg], values)
        template = _MESSAGES.get(self.key, {}).get(lg)
        if template is None:
            return f"{self.key}: {self.params}"
        return render(template, values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Survives pickling (multiprocessing) with key and params intact.
        return (_rebuild_error, (self.key, self.params))


def _rebuild_error(key: str, params: dict[str, Any]) -> ReviewError:
    return ReviewError(key, **params)
