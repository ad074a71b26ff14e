"""The review store's sentences: refusals and failures of a decision, note or
conclusion, the store's file and server faults, and the words for each decision.

Keys as the store raises them (``ReviewError(key, **params)``); the ``detail`` parameter of
the store_* and scope_* messages names an entry under "detail.<name>"; the decision labels
are "decision.<decision>".
"""

from __future__ import annotations

MESSAGES_REVIEW: dict[str, tuple[str, str]] = {
    "invalid_decision": (
        "“{decision}” không phải là quyết định hợp lệ; hãy chọn Cần chỉnh sửa, Chấp nhận, Đã khắc phục hoặc Không áp dụng.",
        "“{decision}” is not a valid decision; choose Needs correction, Accepted, Corrected or Not applicable.",
    ),
    "reason_required": (
        "Quyết định “{label}” phải ghi rõ lý do.",
        "The decision “{label}” needs a reason.",
    ),
    "note_blank": (
        "Ghi chú đang để trống; hãy nhập nội dung trước khi lưu.",
        "The note is empty; type some text before saving.",
    ),
    "out_of_scope": (
        "Người rà soát {reviewer} không được phân công đơn vị {unit_code} nên chỉ được xem, không được ghi.",
        "Reviewer {reviewer} is not assigned to unit {unit_code}, so they may read but not record.",
    ),
    "unit_incomplete": (
        "Chưa thể kết luận đơn vị {unit_code} năm {year} vì còn {count} phát hiện chưa có quyết định.",
        "Unit {unit_code} cannot be concluded for {year} because {count} {count:finding|findings} still {count:has|have} no decision.",
    ),
    "store_unwritable": (
        "Không ghi được vào {path} ({detail}); các người rà soát cần chung một nhóm Unix, thư mục phải cho nhóm ghi và có setgid (chmod 2775), và umask phải là 002.",
        "Cannot write to {path} ({detail}); reviewers need one shared Unix group, the folder must be group-writable with setgid (chmod 2775), and umask must be 002.",
    ),
    "store_corrupt": (
        "{path} không phải là tệp SQLite lưu quyết định rà soát hoặc đã bị hỏng ({detail}).",
        "{path} is not a SQLite review-decision file or is damaged ({detail}).",
    ),
    "store_busy": (
        "Tệp {path} bận quá {seconds} giây nên thao tác chưa được thực hiện; hãy thử lại.",
        "{path} stayed busy for more than {seconds} seconds, so nothing was done; try again.",
    ),
    "store_too_new": (
        "Tệp {path} do phiên bản ntm-review mới hơn tạo ra (phiên bản dữ liệu {found}, bản này đọc được đến {supported}); hãy cập nhật ntm-review.",
        "{path} was written by a newer ntm-review (store version {found}, this one reads up to {supported}); update ntm-review.",
    ),
    "store_error": (
        "Lỗi khi truy cập tệp {path} ({detail}).",
        "Error while accessing {path} ({detail}).",
    ),
    "scope_invalid": (
        "Không dùng được tệp phân công người rà soát {path} ({detail}).",
        "The reviewers file {path} cannot be used ({detail}).",
    ),
    "until_not_allowed": (
        "Chỉ quyết định Chấp nhận hoặc Không áp dụng mới có ngày hết hiệu lực.",
        "Only an Accepted or Not applicable decision can have an end date.",
    ),
    "until_in_past": (
        "Ngày hết hiệu lực {until} đã qua (hôm nay là {today}); hãy chọn một ngày sau hôm nay.",
        "The end date {until} has passed (today is {today}); choose a later date.",
    ),
    "event_id_reused": (
        "Mã sự kiện {event_id} đã được dùng cho một nội dung khác.",
        "Event id {event_id} was already used for different content.",
    ),
    "invalid_field": (
        "Trường {field} bị thiếu hoặc không hợp lệ.",
        "The field {field} is missing or invalid.",
    ),
    "store_replaced": (
        "Tệp {path} đã bị xoá hoặc thay thế trong khi phiên này đang mở nên chưa lưu gì; hãy đóng rồi mở lại ntm-review.",
        "{path} was deleted or replaced while this session was open, so nothing was saved; close and reopen ntm-review.",
    ),
    "store_read_only": (
        "Bạn chỉ có quyền đọc {path}: xem được các quyết định nhưng không ghi được.",
        "You may only read {path}: decisions can be seen but not recorded.",
    ),
    "store_wal_missing": (
        "Tệp {path} thiếu {missing} sự kiện đã ghi (đã ghi đến số {recorded}, tệp chỉ có đến số {found}): có lẽ tệp được chép mà không kèm tệp -wal; hãy khôi phục từ bản ntm-review backup, hoặc xoá {marker} nếu các sự kiện đó được bỏ có chủ ý.",
        "{path} lacks {missing} recorded {missing:event|events} (recorded up to number {recorded}, the file holds up to {found}): it was probably copied without its -wal file; restore it from an ntm-review backup, or delete {marker} if those events were removed on purpose.",
    ),
    "pg_connect": (
        "Không kết nối được kho quyết định PostgreSQL {url} ({detail}).",
        "Cannot connect to the PostgreSQL review store {url} ({detail}).",
    ),
    "pg_not_initialised": (
        "Cơ sở dữ liệu {url} chưa có kho quyết định; người quản trị cần chạy ntm-review store init-postgres.",
        "The database {url} holds no review store yet; the administrator needs to run ntm-review store init-postgres.",
    ),
    "pg_refused": (
        "Máy chủ PostgreSQL {url} từ chối thao tác ({reason}).",
        "The PostgreSQL server {url} refused ({reason}).",
    ),
    "pg_copy_owner": (
        "Chỉ chủ sở hữu kho {url} mới chép được sự kiện kèm người rà soát gốc; {reviewer} không phải chủ sở hữu.",
        "Only the owner of the store {url} may copy events with their original reviewers; {reviewer} is not the owner.",
    ),
    "pg_copy_conflict": (
        "Kho {url} đã có sự kiện khác mang cùng số thứ tự nên không chép; hãy chép vào một kho mới.",
        "The store {url} already holds other events with the same numbers, so nothing was copied; copy into a new store.",
    ),
    "decision_changed": (
        "Phát hiện {finding} đã có quyết định khác với quyết định bạn đã xem: {who} ghi “{label}” lúc {when} (sự kiện số {seq}); không ghi đè. Xem lại, rồi ghi với --expect-seq {seq}, hoặc --force để ghi đè.",
        "Finding {finding} now has another decision than the one you saw: {who} recorded “{label}” at {when} (event number {seq}); nothing was overwritten. Look again, then record with --expect-seq {seq}, or --force to overwrite.",
    ),
    "decided_by_other": (
        "Phát hiện {finding} đang có quyết định “{label}” của {who} (lúc {when}, sự kiện số {seq}); không ghi đè. Ghi với --expect-seq {seq} hoặc --force nếu vẫn muốn ghi.",
        "Finding {finding} holds “{label}” by {who} (at {when}, event number {seq}); nothing was overwritten. Record with --expect-seq {seq} or --force to overwrite it.",
    ),
    "undo_nothing": (
        "Chưa có quyết định nào của bạn trong phiên này để hoàn tác.",
        "You have recorded no decision in this session to undo.",
    ),
    "undo_not_own": (
        "Chỉ hoàn tác được quyết định của chính mình; sự kiện số {seq} do {who} ghi.",
        "Only your own decision can be undone; event number {seq} was recorded by {who}.",
    ),
    "undo_superseded": (
        "Không hoàn tác: sau quyết định của bạn, {who} đã ghi “{label}” cho phát hiện {finding} lúc {when}.",
        "Not undone: after your decision, {who} recorded “{label}” on finding {finding} at {when}.",
    ),
    "undo_done_already": (
        "Quyết định này đã được hoàn tác hoặc thay bằng quyết định khác của bạn.",
        "This decision was already undone or replaced by another of yours.",
    ),
    "undo_concluded": (
        "Không hoàn tác: đơn vị {unit_code} năm {year} đã kết luận; hãy mở lại kết luận trước.",
        "Not undone: unit {unit_code} is concluded for {year}; reopen the conclusion first.",
    ),
    "unit_not_concluded": (
        "Đơn vị {unit_code} năm {year} chưa kết luận nên không có gì để mở lại.",
        "Unit {unit_code} is not concluded for {year}, so there is nothing to reopen.",
    ),
    "chain_broken": (
        "Nhật ký {path} đã bị sửa ngoài ntm-review: chuỗi băm đứt tại sự kiện số {seq} ({detail}).",
        "The log {path} was changed outside ntm-review: the hash chain breaks at event number {seq} ({detail}).",
    ),
}

# The localised text of the ``detail`` parameter of the store_* and scope_* messages.
REVIEW_DETAILS: dict[str, tuple[str, str]] = {
    "detail.is_directory": ("đây là một thư mục", "it is a directory"),
    "detail.not_sqlite": ("không phải tệp SQLite", "not a SQLite file"),
    "detail.malformed": ("tệp SQLite bị hỏng", "the SQLite file is malformed"),
    "detail.foreign_db": (
        "đây là cơ sở dữ liệu của ứng dụng khác",
        "it belongs to another application",
    ),
    "detail.dir_missing": ("thư mục không tồn tại", "the folder does not exist"),
    "detail.dir_not_writable": (
        "thư mục không cho phép tạo tệp",
        "the folder does not allow creating files",
    ),
    "detail.file_not_writable": ("tệp không cho phép ghi", "the file is not writable"),
    "detail.read_only": ("tệp hoặc ổ đĩa chỉ cho đọc", "the file or file system is read-only"),
    "detail.cannot_open": ("không mở được tệp", "the file cannot be opened"),
    "detail.disk_full": ("ổ đĩa đã đầy", "the disk is full"),
    "detail.wal_unavailable": (
        "không bật được chế độ WAL, có thể do ổ mạng",
        "WAL mode is unavailable, possibly a network file system",
    ),
    "detail.unreadable": ("không đọc được tệp", "the file cannot be read"),
    "detail.closed": ("kho đã được đóng", "the store is closed"),
    "detail.server_down": (
        "máy chủ không chạy hoặc không nghe ở địa chỉ này",
        "the server is not running or not listening there",
    ),
    "detail.refused": ("máy chủ từ chối: {reason}", "the server refused: {reason}"),
    "detail.missing_link": (
        "sự kiện được thêm không qua ntm-review",
        "an event was added without ntm-review",
    ),
    "detail.previous_mismatch": (
        "một sự kiện trước đó đã bị xoá hoặc sửa",
        "an earlier event was deleted or changed",
    ),
    "detail.content_mismatch": (
        "nội dung sự kiện này đã bị sửa",
        "this event's content was changed",
    ),
    "detail.event_deleted": ("sự kiện này đã bị xoá", "this event was deleted"),
    "detail.toml_syntax": (
        "sai cú pháp TOML ở dòng {line}, cột {column}",
        "invalid TOML at line {line}, column {column}",
    ),
    "detail.toml_end": ("sai cú pháp TOML ở cuối tệp", "invalid TOML at the end of the file"),
    "detail.not_utf8": ("không phải văn bản UTF-8", "not UTF-8 text"),
    "detail.reviewers_not_table": (
        "mục [reviewers] phải là một bảng",
        "[reviewers] must be a table",
    ),
    "detail.units_not_strings": (
        'units của {name} phải là danh sách chuỗi trong ngoặc kép, ví dụ ["06745"]',
        'units of {name} must be a list of quoted strings, e.g. ["06745"]',
    ),
}

# What each decision is called (the TUI's keys, the CLI, exports and notices).
DECISION_WORDS: dict[str, tuple[str, str]] = {
    "decision.needs_correction": ("Cần chỉnh sửa", "Needs correction"),
    "decision.accepted": ("Chấp nhận", "Accepted"),
    "decision.corrected": ("Đã khắc phục", "Corrected"),
    "decision.not_applicable": ("Không áp dụng", "Not applicable"),
}
