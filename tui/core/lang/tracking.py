"""Messages of the follow-up to the end (issue 17): deadlines, owners, evidence, overdue."""

from __future__ import annotations

MESSAGES_TRACKING: dict[str, tuple[str, str]] = {
    "bad_today": (
        "{variable}=“{value}” không phải là ngày hợp lệ; hãy viết dạng 2026-12-03 hoặc 03/12/2026.",
        "{variable}=“{value}” is not a valid date; write it as 2026-12-03 or 03/12/2026.",
    ),
    "bad_day": (
        "“{value}” không phải là ngày hợp lệ; hãy viết dạng 2023-10-02 hoặc 02/10/2023.",
        "“{value}” is not a valid date; write it as 2023-10-02 or 02/10/2023.",
    ),
    "proof_required": (
        "Đánh dấu “Đã khắc phục” phải kèm bằng chứng: --resolution SỐ --resolution-date NGÀY "
        "(nghị quyết sửa đổi) hoặc --document “tên văn bản”.",
        "Marking a finding corrected needs its proof: --resolution NUMBER --resolution-date "
        "DATE (the amending resolution) or --document “document reference”.",
    ),
    "proof_not_for_decision": (
        "Bằng chứng chỉ đi kèm quyết định “Đã khắc phục”.",
        "Proof goes only with the decision “Corrected”.",
    ),
    "resolution_date_required": (
        "Nghị quyết sửa đổi {number} cần kèm ngày ban hành (--resolution-date).",
        "The amending resolution {number} needs its date (--resolution-date).",
    ),
    "resolution_date_mismatch": (
        "Dữ liệu có nghị quyết {number} của đơn vị {unit} ngày {in_data}, không phải ngày {given}; "
        "hãy kiểm tra lại số và ngày.",
        "The data holds resolution {number} of unit {unit} dated {in_data}, not {given}; "
        "check the number and the date.",
    ),
    "evidence_file_missing": (
        "Không tìm thấy tệp bằng chứng {path}.",
        "The evidence file {path} does not exist.",
    ),
    "evidence_file_unreadable": (
        "Không đọc được tệp bằng chứng {path} ({detail}).",
        "The evidence file {path} cannot be read ({detail}).",
    ),
    "evidence_file_not_regular": (
        "{path} không phải là một tệp thường (thư mục hoặc thiết bị) nên không lưu làm bằng chứng.",
        "{path} is not a regular file (a folder or a device), so it is not stored as evidence.",
    ),
    "evidence_planted": (
        "Trong kho bằng chứng, {path} không phải tệp do ntm-review lưu (có thể là liên kết "
        "được cài vào); không ghi gì. Hãy báo người quản trị.",
        "In the evidence store, {path} is not a file ntm-review stored (perhaps a planted "
        "link); nothing was written. Tell the administrator.",
    ),
    "evidence_changed": (
        "Tệp bằng chứng {path} đã bị sửa ngoài ntm-review (nội dung không còn khớp mã băm); "
        "không ghi gì. Hãy báo người quản trị.",
        "The evidence file {path} was changed outside ntm-review (its content no longer "
        "matches its hash); nothing was written. Tell the administrator.",
    ),
    "unknown_owner": (
        "“{owner}” không phải cơ quan phải thực hiện; hãy chọn một trong: {choices}.",
        "“{owner}” is not a body that must act; choose one of: {choices}.",
    ),
    "deadline_empty": (
        "Hãy cho biết hạn (--due) hoặc cơ quan thực hiện (--owner).",
        "Give a due date (--due) or the body that must act (--owner).",
    ),
    "notice_number_blank": (
        "Ban hành thông báo cần số (--number) và ngày (--date).",
        "Issuing the notice needs its number (--number) and date (--date).",
    ),
    "deadline_recorded": (
        "Đã ghi hạn khắc phục của {finding}: {due}, {owner} ({reviewer}, {when}).",
        "Recorded the deadline of {finding}: {due}, {owner} ({reviewer}, {when}).",
    ),
    "notice_issued": (
        "Đã ghi việc ban hành thông báo số {number} ngày {date} cho đơn vị {unit} năm {year}.",
        "Recorded the issue of notice {number} (dated {date}) to unit {unit} for {year}.",
    ),
    "evidence_recorded": (
        "Bằng chứng: {evidence}.",
        "Evidence: {evidence}.",
    ),
    "until_recorded": (
        "Quyết định có hiệu lực đến hết ngày {until}; sau đó phát hiện trở lại hàng chờ.",
        "The decision holds until the end of {until}; then the finding returns to the queue.",
    ),
    "overdue_none": ("Không có phát hiện nào quá hạn.", "No finding is overdue."),
    "overdue_count": (
        "{count} phát hiện quá hạn khắc phục mà chưa có bằng chứng (ngày {today}).",
        "{count} {count:finding|findings} past their deadline without proof (as of {today}).",
    ),
    "overdue_group": ("{unit} {unit_name} · {owner}", "{unit} {unit_name} · {owner}"),
    "overdue_line": (
        "  {id}  quá hạn {days} ngày (hạn {due})  {message}",
        "  {id}  {days} {days:day|days} overdue (due {due})  {message}",
    ),
}
