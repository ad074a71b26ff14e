"""The sentences of the notice, in Vietnamese and English (a declaration table)."""

from __future__ import annotations

from typing import Any

from ...lang.i18n import render
from ...lang.language import Lang

EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "tỉnh", "phường", "xã")
ROMAN = ("I", "II", "III", "IV", "V")

# Sentences of the notice: (Vietnamese, English).
TEXT: dict[str, tuple[str, str]] = {
    "standing": ("THƯỜNG TRỰC", "STANDING COMMITTEE"),
    "number": ("Số: …/TB-HĐND", "No.: …/TB-HĐND"),
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "kind": ("THÔNG BÁO", "NOTICE"),
    "draft": ("DỰ THẢO", "DRAFT"),
    "demo": (
        "Bản dự thảo này lập từ DỮ LIỆU MẪU: các nghị quyết, công trình và số tiền đều là giả "
        "định, không phải số liệu thật; không dùng để ban hành.",
        "This draft was made from DEMO DATA: the resolutions, works and amounts are invented, "
        "not real figures; it must not be issued.",
    ),
    "subject": (
        "Kết luận giám sát việc ban hành nghị quyết về xây dựng nông thôn mới và phân bổ kết "
        "dư ngân sách năm {year} của HĐND {unit}",
        "Conclusions of the supervision of the resolutions on new rural development and "
        "budget-surplus allocation adopted in {year} by the People's Council of {unit}",
    ),
    "intro": (
        "Thực hiện Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân năm 2015, "
        "Thường trực {body} đã thẩm tra {resolutions} nghị quyết do HĐND {unit} ban hành "
        "năm {year} về xây dựng nông thôn mới và phân bổ kết dư ngân sách ({works} công "
        "trình, tổng mức đầu tư {investment} đồng). Thường trực {body_short} thông báo kết "
        "luận như sau:",
        "Under the 2015 Law on Supervisory Activities of the National Assembly and People's "
        "Councils, the Standing Committee of the {body} reviewed {resolutions} "
        "{resolutions:resolution|resolutions} "
        "adopted in {year} by the People's Council of {unit} on new rural development and "
        "budget-surplus allocation ({works} {works:work|works}, total investment {investment} đồng). "
        "The Standing Committee of the {body_short} concludes as follows:",
    ),
    "reviewed": ("Các nghị quyết đã thẩm tra:", "Resolutions reviewed:"),
    "resolution_line": (
        "Nghị quyết số {number} ngày {date} {title}",
        "Resolution {number} of {date}: {title}",
    ),
    "no_resolutions": (
        "Trong năm {year}, không có nghị quyết nào của HĐND {unit} trong dữ liệu thẩm tra.",
        "No resolution of the People's Council of {unit} for {year} is in the reviewed data.",
    ),
    "results": ("KẾT QUẢ THẨM TRA", "FINDINGS"),
    "group_clean": ("Không phát hiện vấn đề.", "No issue found."),
    "no_findings": (
        "Qua thẩm tra, các nghị quyết của HĐND {unit} năm {year} không có nội dung phải khắc phục.",
        "The review found nothing to correct in the resolutions of {unit} for {year}.",
    ),
    "basis": ("Căn cứ: {text}", "Basis: {text}"),
    "opinion": ("Ý kiến thẩm tra: {label}", "Reviewer's decision: {label}"),
    "opinion_reason": (
        "Ý kiến thẩm tra: {label} — {reason}",
        "Reviewer's decision: {label} — {reason}",
    ),
    "corrections": ("YÊU CẦU KHẮC PHỤC", "CORRECTIONS REQUIRED"),
    "corrections_intro": (
        "Đề nghị Thường trực HĐND, UBND {unit} chỉ đạo khắc phục các nội dung sau:",
        "The Standing Committee of the People's Council and the People's Committee of {unit} "
        "are asked to correct the following:",
    ),
    "corrections_none": (
        "Không có nội dung phải khắc phục.",
        "There is nothing to correct.",
    ),
    "corrected_head": ("Các nội dung đơn vị đã khắc phục:", "Already corrected by the unit:"),
    "accepted_head": (
        "Các nội dung được chấp nhận hoặc không áp dụng (kèm lý do):",
        "Accepted or not applicable (with reasons):",
    ),
    "deadline": (
        "Kết quả khắc phục báo cáo Thường trực {body_short} trước ngày …/…/…",
        "Report the corrections to the Standing Committee of the {body_short} by …/…/…",
    ),
    "deadline_dated": (
        "Kết quả khắc phục báo cáo Thường trực {body_short} chậm nhất ngày {due}.",
        "Report the corrections to the Standing Committee of the {body_short} by {due}.",
    ),
    "correction_due": (
        "{message} — Thực hiện: {owner}; hạn: {due} ({source}).",
        "{message} — By: {owner}; due: {due} ({source}).",
    ),
    "number_issued": ("Số: {number}", "No.: {number}"),
    "due_source_days": (
        "{days} ngày kể từ ngày thông báo",
        "{days} days after the notice",
    ),
    "due_source_reviewer": ("hạn do người rà soát đặt", "set by the reviewer"),
    "annex": ("PHỤ LỤC: BẰNG CHỨNG KHẮC PHỤC", "ANNEX: PROOF OF CORRECTIONS"),
    "annex_none": (
        "Chưa có bằng chứng khắc phục nào được ghi nhận.",
        "No proof of correction has been recorded yet.",
    ),
    "annex_line": (
        "{message} — {evidence} ({who}, {when})",
        "{message} — {evidence} ({who}, {when})",
    ),
    "recipients": ("Nơi nhận:", "Recipients:"),
    "recipient_unit": (
        "- Thường trực HĐND, UBND {unit};",
        "- Standing Committee and People's Committee of {unit};",
    ),
    "recipient_body": ("- Thường trực {body_short};", "- Standing Committee of the {body_short};"),
    "recipient_archive": ("- Lưu: VT.", "- Archive."),
    "signer_for": ("TM. THƯỜNG TRỰC HĐND", "ON BEHALF OF THE STANDING COMMITTEE"),
    "signer_title": ("CHỦ TỊCH", "CHAIR"),
    "signer_blank": ("(Dự thảo, chưa ký)", "(Draft, not signed)"),
}


def tx(key: str, lang: Lang, **params: Any) -> str:
    return render(lang.pair(TEXT[key]), params)
