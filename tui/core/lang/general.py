"""The general messages: the database file, the command line, reviewing, exports and the
follow-up, in Vietnamese and English (key → (vi, en)); merged into the one catalogue."""

from __future__ import annotations

MESSAGES_GENERAL: dict[str, tuple[str, str]] = {
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
    "registry_date_missing": (
        "Dòng {line} của {path} ({doc_id}) không có ngày ban hành nhưng được đánh dấu đã xác nhận (confirmed = true): chỉ văn bản chưa xác nhận mới được để trống ngày ban hành.",
        "Row {line} of {path} ({doc_id}) has no issue date but is marked confirmed (confirmed = true): only an unconfirmed document may leave its issue date empty.",
    ),
    "db_migrate_failed": (
        "Không nâng cấp được tệp {path} (tệp vẫn giữ nguyên): {detail}. Hãy tạo lại dữ liệu hoặc khôi phục từ bản sao lưu.",
        "Could not migrate {path} (the file is unchanged): {detail}. Rebuild the data or restore it from a backup.",
    ),
    "lock_holder": ("người dùng {user} (tiến trình {pid})", "user {user} (process {pid})"),
    "lock_holder_pid": ("tiến trình {pid}", "process {pid}"),
    # --- command line --------------------------------------------------------
    "ambiguous_finding": (
        "Mã ngắn {finding} trùng với nhiều phát hiện: {keys}. Hãy dùng mã đầy đủ.",
        "The short id {finding} matches several findings: {keys}. Use the full key.",
    ),
    "unknown_rule": (
        "Không có quy tắc {rule}. Các quy tắc: {rules}",
        "There is no rule {rule}. The rules are: {rules}",
    ),
    "unit_year_ended": (
        "{unit} không tồn tại trong năm {year}: đơn vị đã kết thúc ngày {ended} và nay thuộc {now}; hãy lập thông báo cho đơn vị đó, hoặc cho một năm đến {ended_year}.",
        "{unit} did not exist in {year}: it ended on {ended} and is now part of {now}; draw up the notice for that unit, or for a year up to {ended_year}.",
    ),
    "unit_year_ended_alone": (
        "{unit} không tồn tại trong năm {year}: đơn vị đã kết thúc ngày {ended}; hãy chọn một năm đến {ended_year}.",
        "{unit} did not exist in {year}: it ended on {ended}; choose a year up to {ended_year}.",
    ),
    "unit_year_not_yet": (
        "{unit} chưa tồn tại trong năm {year}: đơn vị bắt đầu từ ngày {began}; hãy chọn một năm từ {began_year}.",
        "{unit} did not exist yet in {year}: it began on {began}; choose a year from {began_year} on.",
    ),
    "unknown_unit": (
        "Không có đơn vị mã {code} trong dữ liệu. Xem danh sách bằng: ntm-review check",
        "There is no unit with code {code} in the data. List the units with: ntm-review check",
    ),
    "bad_year": (
        "Năm {value} không hợp lệ; hãy ghi năm bằng bốn chữ số, ví dụ 2023.",
        "The year {value} is not valid; give a four-digit year such as 2023.",
    ),
    "model_gone": (
        "Xã mẫu {unit} không còn trong năm {year} (nay thuộc {now}); hãy chọn xã mẫu của năm "
        "{year} bằng --model MÃ.",
        "The model commune {unit} no longer exists in {year} (it is now part of {now}); choose "
        "a model commune for {year} with --model CODE.",
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
        "Built the {scale} demo data at {path}: {units} {units:unit|units}, {resolutions} {resolutions:resolution|resolutions}, {findings} {findings:finding|findings}, in {seconds} s.",
    ),
    "first_run_demo": (
        "Lần chạy đầu, chưa có dữ liệu: đang tạo dữ liệu mẫu (giả định, không phải số liệu thật) tại {path}. Dùng --db hoặc NTM_REVIEW_DB để mở tệp dữ liệu thật.",
        "First run, no data yet: building the demo data (invented, not real figures) at {path}. Use --db or NTM_REVIEW_DB to open a real database.",
    ),
    "migrated": (
        "Đã nâng cấp {path} từ phiên bản {old} lên {new}.",
        "Migrated {path} from schema version {old} to {new}.",
    ),
    "migrate_current": (
        "Tệp {path} đã ở phiên bản mới nhất ({version}).",
        "{path} is already at the latest schema version ({version}).",
    ),
    "init_exists": (
        "Đã có tệp {path}; lệnh init chỉ tạo tệp mới (hãy chọn --db khác, hoặc dùng "
        "ntm-review import để nạp thêm vào tệp này).",
        "{path} already exists; init only creates a new file (choose another --db, or use "
        "ntm-review import to add data to this one).",
    ),
    "unknown_province": (
        "Không có tỉnh mã {code}. Mã tỉnh gồm 2 chữ số, ví dụ 22 (Quảng Ninh), 01 (Hà Nội).",
        "There is no province with code {code}. A province code has 2 digits, e.g. 22 "
        "(Quảng Ninh), 01 (Hà Nội).",
    ),
    "init_built": (
        "Đã tạo cơ sở dữ liệu trống tại {path}: {units} đơn vị (theo từng thời kỳ), không có "
        "dữ liệu mẫu. Nạp dữ liệu thật bằng: ntm-review import",
        "Built an empty database at {path}: {units} unit {units:period|periods}, no demo data. Import real "
        "data with: ntm-review import",
    ),
    "build_failed": (
        "Không tạo được cơ sở dữ liệu tại {path}: {detail}",
        "Could not build the database at {path}: {detail}",
    ),
    "interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    "terminal_not_utf8": (
        "Terminal này dùng bảng mã {encoding}, không hiển thị được tiếng Việt có dấu: hãy "
        "đặt LANG=C.UTF-8 (hoặc vi_VN.UTF-8), hoặc dùng --format csv / --format json.",
        "This terminal's encoding is {encoding}, which cannot show Vietnamese: set "
        "LANG=C.UTF-8 (or another UTF-8 locale), or use --format csv / --format json.",
    ),
    # --- the reviewer's config.toml -------------------------------------------
    "config_bad_toml": (
        "Tệp cấu hình {path} sai cú pháp TOML ở {where}; chương trình dùng cài đặt mặc định "
        "cho đến khi tệp được sửa.",
        "The config file {path} is not valid TOML at {where}; the defaults are used until it "
        "is fixed.",
    ),
    "config_not_utf8": (
        "Tệp cấu hình {path} không phải văn bản UTF-8; chương trình dùng cài đặt mặc định "
        "cho đến khi tệp được lưu lại bằng UTF-8.",
        "The config file {path} is not UTF-8 text; the defaults are used until it is saved "
        "as UTF-8.",
    ),
    "config_unreadable": (
        "Không đọc được tệp cấu hình {path} ({detail}); chương trình dùng cài đặt mặc định.",
        "Cannot read the config file {path} ({detail}); the defaults are used.",
    ),
    "toml_at": ("dòng {line}, cột {column}", "line {line}, column {column}"),
    "toml_at_end": ("cuối tệp", "the end of the file"),
    # A value the program cannot use (tui/core/config.py): the program stops.
    "config_bad_value": (
        "Tệp cấu hình {path}: giá trị {value} của khoá {setting} không dùng được; {expected}.",
        "The config file {path}: the value {value} of {setting} cannot be used; {expected}.",
    ),
    "config_unknown_key": (
        "Tệp cấu hình {path} có khoá {setting} mà chương trình không biết; các khoá dùng được: "
        "{known}.",
        "The config file {path} has a key {setting} the program does not know; the keys are: "
        "{known}.",
    ),
    "config_unknown_binding": (
        "Tệp cấu hình {path}: {setting} không phải mã phím nào; màn hình trợ giúp (?) liệt kê "
        "các mã phím.",
        "The config file {path}: {setting} is not a binding id; the help screen (?) lists them.",
    ),
    "config_expect_lang": ('hãy ghi "vi" hoặc "en"', 'write "vi" or "en"'),
    "config_expect_money_unit": (
        'hãy ghi "dong", "trieu" hoặc "ty"',
        'write "dong", "trieu" or "ty"',
    ),
    "config_expect_text": (
        "hãy ghi một đoạn văn bản không rỗng trong dấu ngoặc kép",
        "write a text that is not empty, in double quotes",
    ),
    "config_expect_keys_table": (
        'hãy ghi một mục [keys], mỗi dòng "mã.phím" = "phím"',
        'write a [keys] section, one "binding.id" = "key" a line',
    ),
    "config_expect_key_name": ('hãy ghi tên một phím, ví dụ "f2"', 'write a key name, e.g. "f2"'),
    # --- review workflow (decide, note, conclude, log, followup) -------------
    "unknown_finding": (
        "Không có phát hiện mã {finding} trong dữ liệu hiện tại. Xem các mã bằng: ntm-review followup --format json",
        "There is no finding with key {finding} in the current data. List the keys with: ntm-review followup --format json",
    ),
    "unknown_resolution": (
        "Đơn vị {unit} không có nghị quyết {resolution}. Hãy ghi mã hoặc số nghị quyết như trong dữ liệu.",
        "Unit {unit} has no resolution {resolution}. Give the resolution's id or number as in the data.",
    ),
    "ambiguous_resolution": (
        "Đơn vị {unit} có nhiều nghị quyết số {resolution} ({ids}); hãy ghi mã nghị quyết.",
        "Unit {unit} has several resolutions numbered {resolution} ({ids}); give the resolution id.",
    ),
    "finding_other_unit": (
        "Phát hiện {finding} thuộc đơn vị {actual}, không phải đơn vị {unit}.",
        "The finding {finding} belongs to unit {actual}, not to unit {unit}.",
    ),
    "bad_date": (
        "Ngày {value} không hợp lệ; hãy ghi theo dạng dd/mm/yyyy hoặc yyyy-mm-dd, ví dụ 31/12/2023.",
        "The date {value} is not valid; write it as dd/mm/yyyy or yyyy-mm-dd, e.g. 31/12/2023.",
    ),
    "bad_decision": (
        "“{value}” không phải là quyết định hợp lệ; hãy chọn can_sua, chap_nhan, da_khac_phuc hoặc khong_ap_dung (needs_correction, accepted, corrected, not_applicable).",
        "“{value}” is not a valid decision; choose needs_correction, accepted, corrected or not_applicable (can_sua, chap_nhan, da_khac_phuc, khong_ap_dung).",
    ),
    "decision_recorded": (
        "Đã ghi quyết định “{label}” (trước đó: {previous}) cho phát hiện {finding} của đơn vị {unit}, người rà soát {reviewer}, lúc {when}.",
        "Recorded the decision “{label}” (before: {previous}) on finding {finding} of unit {unit}, by {reviewer} at {when}.",
    ),
    "no_decision": ("chưa có", "none"),
    # --- the review store: verify, init-postgres, copy, backup ----------------
    "chain_ok": (
        "Chuỗi băm của nhật ký {path} nguyên vẹn: đã kiểm tra {count} sự kiện.",
        "The hash chain of the log {path} is whole: {count} {count:event|events} checked.",
    ),
    "chain_ok_linked": (
        "Sự kiện số 1 đến {last} có trước chuỗi băm và chỉ được băm một lần khi nâng cấp kho: chuỗi không chứng minh được điều gì xảy ra với chúng trước đó.",
        "Events 1 to {last} predate the hash chain and were hashed once, when the store was upgraded: the chain proves nothing about what happened to them before.",
    ),
    "chain_unchained": (
        "Kho {path} chưa có chuỗi băm (phiên bản cũ) và bạn không có quyền ghi để nâng cấp nó; hãy nhờ người có quyền ghi chạy ntm-review log một lần.",
        "{path} has no hash chain yet (an older store) and you may not write it to upgrade it; ask someone who may write it to run ntm-review log once.",
    ),
    "chain_server": (
        "Kho PostgreSQL {path}: máy chủ tự ghi người rà soát và thời điểm, và không cho sửa hay xoá; {count} sự kiện.",
        "PostgreSQL store {path}: the server records the reviewer and the time itself and allows no edit or deletion; {count} {count:event|events}.",
    ),
    "store_needs_postgres": (
        "Lệnh này cần một kho PostgreSQL: hãy cho --store postgresql://… (hoặc NTM_REVIEW_STORE).",
        "This command needs a PostgreSQL store: give --store postgresql://… (or NTM_REVIEW_STORE).",
    ),
    "pg_initialised": (
        "Kho PostgreSQL {url} đã sẵn sàng; đã đăng ký {count} người rà soát.",
        "The PostgreSQL store {url} is ready; {count} {count:reviewer|reviewers} registered.",
    ),
    "store_copy_missing": (
        "Không có tệp kho quyết định {path} để chép.",
        "There is no review store file {path} to copy.",
    ),
    "store_copied": (
        "Đã chép {copied} sự kiện sang {url}; {skipped} sự kiện đã có sẵn ở đó.",
        "Copied {copied} {copied:event|events} to {url}; {skipped} {skipped:was|were} already there.",
    ),
    "backup_done": (
        "Đã sao lưu vào {folder}: {files}.",
        "Backed up into {folder}: {files}.",
    ),
    "backup_exists": (
        "{path} đã tồn tại; hãy chọn một thư mục sao lưu mới hoặc rỗng.",
        "{path} already exists; choose a new or empty backup folder.",
    ),
    "backup_failed": (
        "Không sao lưu được vào {path} ({detail}).",
        "Cannot back up into {path} ({detail}).",
    ),
    "backup_postgres": (
        "Kho quyết định đang ở PostgreSQL ({url}); đã sao lưu tệp dữ liệu, còn kho thì hãy sao lưu bằng pg_dump.",
        "The review store is on PostgreSQL ({url}); the data file was backed up, back the store up with pg_dump.",
    ),
    "note_recorded": (
        "Đã ghi chú vào {target}, người rà soát {reviewer}, lúc {when}.",
        "Added a note on {target}, by {reviewer} at {when}.",
    ),
    "note_target_unit": ("đơn vị {unit}", "unit {unit}"),
    "note_target_resolution": (
        "nghị quyết {number} ({resolution_id}) của đơn vị {unit}",
        "resolution {number} ({resolution_id}) of unit {unit}",
    ),
    "note_target_finding": (
        "phát hiện {finding} của đơn vị {unit}",
        "finding {finding} of unit {unit}",
    ),
    "unit_concluded": (
        "Đã kết luận rà soát đơn vị {unit} năm {year}: cả {count} phát hiện đều đã có quyết định. Người rà soát {reviewer}, lúc {when}.",
        "Concluded the review of unit {unit} for {year}: {count:its|all} {count} {count:finding has|findings have} a decision. By {reviewer} at {when}.",
    ),
    "unit_reopened": (
        "Đã mở lại rà soát đơn vị {unit} năm {year}: đơn vị được coi là chưa kết luận cho đến khi kết luận lại. Người rà soát {reviewer}, lúc {when}.",
        "Reopened the review of unit {unit} for {year}: it counts as not concluded until it is concluded again. By {reviewer} at {when}.",
    ),
    "log_empty": (
        "Chưa có quyết định hay ghi chú nào.",
        "No decision or note has been recorded yet.",
    ),
    "followup_no_previous": (
        "Chưa có lần dựng dữ liệu trước để so sánh, nên mọi phát hiện hiện có đều được tính là mới.",
        "There is no earlier build to compare with, so every current finding counts as new.",
    ),
    "followup_compared": (
        "So với lần dựng dữ liệu trước (lúc {when}): {resolved} không còn, {still_open} vẫn còn, {new} mới.",
        "Compared with the previous build (of {when}): {resolved} resolved, {still_open} still open, {new} new.",
    ),
    "followup_counts": (
        "{resolved} không còn, {still_open} vẫn còn, {new} mới.",
        "{resolved} resolved, {still_open} still open, {new} new.",
    ),
    "followup_flagged": (
        "{count} phát hiện được đánh dấu “Đã khắc phục” nhưng vẫn còn.",
        "{count} {count:finding|findings} marked “Corrected” still {count:occurs|occur}.",
    ),
    "followup_none": ("Không có phát hiện nào để theo dõi.", "No findings to follow up."),
}
