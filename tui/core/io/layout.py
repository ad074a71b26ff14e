"""The import layout: one sheet (or CSV file) per kind of record, Vietnamese headers.

The template (`ntm-review template`), the importer and the round-trip export
(`ntm-review export --format import-xlsx`) all read this one description, so they
cannot drift apart. Rows in different sheets refer to each other through references
that are local to the file ("Mã NQ", "Mã CT", "Mã KD"), never through database ids.
"""

from __future__ import annotations

from dataclasses import dataclass

# kinds: text, ref (a file-local reference), unit (a unit code), date, year, int,
# money (integer đồng; the importer understands 1.234.567, "2,5 tỷ", "ĐVT: triệu đồng"),
# bool (có/không), choice (a code from the reference table named in `choices`).


@dataclass(frozen=True)
class Field:
    key: str
    header_vi: str
    header_en: str
    kind: str
    required: bool
    help_vi: str
    help_en: str
    choices: str | None = None  # reference table whose `code` column lists the allowed values


NOTE = Field(
    "note",
    "Ghi chú",
    "Note",
    "text",
    False,
    "Ghi chú của xã; được lưu cùng dòng này và hiện khi thẩm tra",
    "The commune's note; kept with this row and shown to reviewers",
)


@dataclass(frozen=True)
class Sheet:
    key: str
    title_vi: str  # the sheet name in the workbook (≤ 31 characters)
    title_en: str
    csv_name: str  # the file name in the CSV layout
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        # Every sheet ends with the clerk's "Ghi chú", kept as a note on the row's entity.
        object.__setattr__(self, "fields", (*self.fields, NOTE))

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


RESOLUTIONS = Sheet(
    "resolutions",
    "Nghị quyết",
    "Resolutions",
    "nghi_quyet.csv",
    (
        Field(
            "res_ref",
            "Mã NQ",
            "Resolution ref",
            "ref",
            True,
            "Mã tự đặt, duy nhất trong tệp, để các trang khác tham chiếu (ví dụ NQ1)",
            "A reference of your own, unique in the file, used by the other sheets (e.g. NQ1)",
        ),
        Field(
            "unit_code",
            "Mã đơn vị",
            "Unit code",
            "unit",
            True,
            "Mã đơn vị hành chính của Tổng cục Thống kê (5 chữ số, ví dụ 06745)",
            "The statistics office code of the unit (5 digits, e.g. 06745)",
        ),
        Field(
            "number",
            "Số nghị quyết",
            "Number",
            "text",
            True,
            "Số, ký hiệu: 12/NQ-HĐND hoặc 07/2023/NQ-HĐND",
            "Number: 12/NQ-HĐND or 07/2023/NQ-HĐND",
        ),
        Field(
            "issue_date",
            "Ngày ban hành",
            "Date of issue",
            "date",
            True,
            'dd/mm/yyyy hoặc "ngày 05 tháng 7 năm 2023"',
            'dd/mm/yyyy or "ngày 05 tháng 7 năm 2023"',
        ),
        Field(
            "year",
            "Năm",
            "Year",
            "year",
            True,
            "Năm được thẩm tra (thường là năm ban hành)",
            "The year under review (usually the year of issue)",
        ),
        Field(
            "session",
            "Kỳ họp",
            "Session",
            "text",
            False,
            "Ví dụ: Kỳ họp thứ 12",
            "E.g. Kỳ họp thứ 12",
        ),
        Field(
            "title",
            "Trích yếu",
            "Title",
            "text",
            True,
            "Trích yếu nội dung nghị quyết",
            "What the resolution is about",
        ),
        Field(
            "kind",
            "Loại",
            "Kind",
            "choice",
            True,
            "ntm (nông thôn mới), surplus (phân bổ kết dư), plan (kế hoạch), other (khác)",
            "ntm (new rural development), surplus (surplus allocation), plan, other",
            choices="resolution_kind",
        ),
        Field(
            "status",
            "Tình trạng",
            "Status",
            "choice",
            False,
            "in_force (còn hiệu lực, mặc định), amended, replaced, draft",
            "in_force (default), amended, replaced, draft",
            choices="resolution_status",
        ),
        Field(
            "submission_ref",
            "Số tờ trình",
            "Submission",
            "text",
            False,
            "Số tờ trình của UBND, ví dụ 73/TTr-UBND",
            "The People's Committee submission, e.g. 73/TTr-UBND",
        ),
        Field(
            "amends_ref",
            "Sửa đổi NQ",
            "Amends",
            "ref",
            False,
            "Mã NQ (trong tệp) của nghị quyết được sửa đổi, thay thế",
            "Resolution ref (in this file) it amends or replaces",
        ),
    ),
)

BASIS = Sheet(
    "basis",
    "Căn cứ",
    "Grounds",
    "can_cu.csv",
    (
        Field(
            "res_ref",
            "Mã NQ",
            "Resolution ref",
            "ref",
            True,
            "Mã NQ ở trang Nghị quyết",
            "The resolution ref",
        ),
        Field(
            "line_no",
            "STT",
            "Line",
            "int",
            True,
            "Thứ tự dòng căn cứ (1, 2, 3…)",
            "Order of the ground (1, 2, 3…)",
        ),
        Field(
            "text",
            "Căn cứ",
            "Ground",
            "text",
            True,
            'Nguyên văn một dòng "Căn cứ …"',
            'One "Căn cứ …" line exactly as written',
        ),
    ),
)

WORKS = Sheet(
    "works",
    "Công trình",
    "Works",
    "cong_trinh.csv",
    (
        Field(
            "res_ref",
            "Mã NQ",
            "Resolution ref",
            "ref",
            False,
            "Mã NQ ở trang Nghị quyết (có thể để trống khi tệp chỉ có một nghị quyết)",
            "The resolution ref (may be left empty when the file holds one resolution)",
        ),
        Field(
            "work_ref",
            "Mã CT",
            "Work ref",
            "ref",
            False,
            "Mã tự đặt, duy nhất trong tệp (ví dụ CT1); cần khi trang Nguồn vốn nhắc tới công trình",
            "A reference of your own, unique in the file (e.g. CT1); needed when the Capital "
            "sheet refers to the work",
        ),
        Field(
            "name",
            "Tên công trình",
            "Name",
            "text",
            True,
            "Tên công trình, dự án",
            "Name of the work",
        ),
        Field(
            "location",
            "Địa điểm",
            "Location",
            "text",
            False,
            "Địa điểm xây dựng",
            "Where it is built",
        ),
        Field("scale", "Quy mô", "Scale", "text", False, "Quy mô đầu tư", "Size of the investment"),
        Field(
            "period",
            "Thời gian thực hiện",
            "Period",
            "text",
            False,
            "Ví dụ 2023-2024",
            "E.g. 2023-2024",
        ),
        Field(
            "criterion_code",
            "Tiêu chí NTM",
            "NTM criterion",
            "choice",
            False,
            "Số tiêu chí theo bộ tiêu chí có hiệu lực vào ngày ban hành nghị quyết: 1–19 "
            "(QĐ 318/QĐ-TTg, đến 14/02/2026) hoặc 1–10 (QĐ 51/2025/QĐ-TTg, từ 15/02/2026)",
            "Criterion number of the set in force on the resolution's date: 1–19 "
            "(QĐ 318/QĐ-TTg, to 14/02/2026) or 1–10 (QĐ 51/2025/QĐ-TTg, from 15/02/2026)",
            choices="ntm_criterion",
        ),
        Field(
            "group_code", "Nhóm dự án", "Project group", "text", False, "A, B hoặc C", "A, B or C"
        ),
        Field(
            "total_investment",
            "Tổng mức đầu tư",
            "Total investment",
            "money",
            True,
            'Số tiền; đơn vị lấy từ tiêu đề cột hoặc dòng "ĐVT" (mặc định đồng)',
            'An amount; the unit comes from the header or a "ĐVT" line (default đồng)',
        ),
        Field(
            "policy_decision_ref",
            "QĐ chủ trương đầu tư",
            "Investment-policy decision",
            "text",
            False,
            "Số, ngày quyết định chủ trương đầu tư",
            "Number and date of the investment-policy decision",
        ),
        Field(
            "policy_delegated",
            "Giao UBND quyết định",
            "Delegated to the committee",
            "bool",
            False,
            "có/không: HĐND giao UBND xã quyết định chủ trương đầu tư",
            "yes/no: the HĐND delegated the decision",
        ),
        Field(
            "small_mechanism",
            "Cơ chế đặc thù",
            "Special mechanism",
            "bool",
            False,
            "có/không: áp dụng cơ chế đặc thù dự án quy mô nhỏ",
            "yes/no: uses the small-project mechanism",
        ),
        # Issue 9 (the law by date): the QĐ 51/2025 commune group and the project field
        # that picks the group-C ceiling.
        Field(
            "commune_group",
            "Nhóm xã (QĐ 51/2025)",
            "Commune group (QĐ 51/2025)",
            "choice",
            False,
            "Từ 15/02/2026: nhóm xã 1, 2 hoặc 3 mà chỉ tiêu của tiêu chí áp dụng "
            "(QĐ 51/2025/QĐ-TTg); để trống với công trình theo QĐ 318/QĐ-TTg",
            "From 15/02/2026: the commune group 1, 2 or 3 whose targets apply "
            "(QĐ 51/2025/QĐ-TTg); empty for works under QĐ 318/QĐ-TTg",
            choices="commune_group",
        ),
        Field(
            "sector",
            "Lĩnh vực dự án",
            "Project field",
            "choice",
            False,
            "Lĩnh vực theo Luật Đầu tư công, để xét ngưỡng nhóm C: giao_thong_nang_luong, "
            "cong_nghiep, nong_nghiep_ha_tang, xa_hoi",
            "The Public Investment Law field, for the group-C ceiling: giao_thong_nang_luong, "
            "cong_nghiep, nong_nghiep_ha_tang, xa_hoi",
            choices="project_field",
        ),
        Field(
            "phase",
            "Giai đoạn",
            "Phase",
            "choice",
            False,
            "ongoing (công trình chuyển tiếp) hoặc new (khởi công mới); hoặc dòng nhóm "
            "“I. Công trình chuyển tiếp” phía trên",
            "ongoing (carried over) or new (started this year); or a group row "
            "“I. Công trình chuyển tiếp” above",
            choices="work_phase",
        ),
    ),
)

CAPITAL = Sheet(
    "capital",
    "Nguồn vốn",
    "Capital",
    "nguon_von.csv",
    (
        Field(
            "work_ref", "Mã CT", "Work ref", "ref", True, "Mã CT ở trang Công trình", "The work ref"
        ),
        Field(
            "source_code",
            "Nguồn vốn",
            "Source",
            "choice",
            True,
            "Mã nguồn vốn: NSTW, NS_TINH, NS_HUYEN, NS_XA, LONG_GHEP, TIN_DUNG, DOANH_NGHIEP, CONG_DONG, ODA, KHAC",
            "Source code: NSTW, NS_TINH, NS_HUYEN, NS_XA, LONG_GHEP, TIN_DUNG, DOANH_NGHIEP, CONG_DONG, ODA, KHAC",
            choices="capital_source",
        ),
        Field(
            "amount",
            "Số tiền",
            "Amount",
            "money",
            False,
            "Để trống nếu nghị quyết không ghi số tiền",
            "Leave empty if the resolution gives no amount",
        ),
        Field(
            "programme_share",
            "Chương trình, tỷ lệ lồng ghép",
            "Programme and share",
            "text",
            False,
            "Bắt buộc với vốn lồng ghép: chương trình nào, bao nhiêu",
            "Required for LONG_GHEP: which programme, how much",
        ),
        # Issue 9: what a commune-budget line spends. One work may have several NS_XA
        # lines, e.g. kết dư 270.983.160 and tăng thu 44.016.840.
        Field(
            "revenue_kind",
            "Nguồn thu ngân sách xã",
            "Commune revenue",
            "choice",
            False,
            "Với NS_XA: ket_du (kết dư năm trước), tang_thu (tăng thu), khac (nguồn thu khác); "
            "mỗi loại một dòng",
            "For NS_XA: ket_du (last year's surplus), tang_thu (revenue overrun), khac (other "
            "revenue); one line each",
            choices="revenue_kind",
        ),
    ),
)

SURPLUSES = Sheet(
    "surpluses",
    "Kết dư",
    "Surplus",
    "ket_du.csv",
    (
        Field(
            "surplus_ref",
            "Mã KD",
            "Surplus ref",
            "ref",
            True,
            "Mã tự đặt, duy nhất trong tệp (ví dụ KD1)",
            "A reference of your own, unique in the file (e.g. KD1)",
        ),
        Field(
            "unit_code",
            "Mã đơn vị",
            "Unit code",
            "unit",
            True,
            "Mã đơn vị (5 chữ số)",
            "Unit code (5 digits)",
        ),
        Field(
            "year",
            "Năm phân bổ",
            "Year allocated",
            "year",
            True,
            "Năm phân bổ kết dư",
            "Year the surplus is allocated",
        ),
        Field(
            "fiscal_year",
            "Năm ngân sách",
            "Budget year",
            "year",
            True,
            "Năm ngân sách tạo ra kết dư (thường là năm trước)",
            "The budget year that produced it (usually the year before)",
        ),
        Field(
            "available",
            "Số kết dư",
            "Available",
            "money",
            True,
            "Số kết dư được phê chuẩn",
            "The approved surplus",
        ),
        Field(
            "settlement_ref",
            "NQ phê chuẩn quyết toán",
            "Settlement approval",
            "text",
            False,
            "Số nghị quyết phê chuẩn quyết toán",
            "The resolution approving the settlement",
        ),
        Field(
            "settlement_date",
            "Ngày phê chuẩn",
            "Approval date",
            "date",
            False,
            "Ngày HĐND phê chuẩn quyết toán",
            "Date the HĐND approved the settlement",
        ),
        Field(
            "res_ref",
            "Mã NQ phân bổ",
            "Allocating resolution ref",
            "ref",
            False,
            "Mã NQ của nghị quyết phân bổ kết dư",
            "Ref of the resolution that allocates it",
        ),
    ),
)

SURPLUS_LINES = Sheet(
    "surplus_lines",
    "Phân bổ kết dư",
    "Surplus lines",
    "phan_bo_ket_du.csv",
    (
        Field(
            "surplus_ref",
            "Mã KD",
            "Surplus ref",
            "ref",
            True,
            "Mã KD ở trang Kết dư",
            "The surplus ref",
        ),
        Field("line_no", "STT", "Line", "int", True, "Thứ tự dòng", "Line order"),
        Field(
            "category_code",
            "Nội dung chi",
            "Category",
            "choice",
            True,
            "chi_dtpt, chi_thuong_xuyen, du_phong, cai_cach_tien_luong, khac",
            "chi_dtpt, chi_thuong_xuyen, du_phong, cai_cach_tien_luong, khac",
            choices="surplus_category",
        ),
        Field(
            "field_code",
            "Lĩnh vực",
            "Field",
            "choice",
            False,
            "Lĩnh vực chi thường xuyên (giao_duc, y_te, …)",
            "Recurrent-spending field (giao_duc, y_te, …)",
            choices="spending_field",
        ),
        Field(
            "project_name",
            "Tên dự án",
            "Project",
            "text",
            False,
            "Bắt buộc với chi đầu tư phát triển",
            "Required for development investment",
        ),
        Field(
            "item",
            "Khoản chi",
            "Item",
            "text",
            False,
            "Nội dung khoản chi khác",
            "What other spending is for",
        ),
        Field("amount", "Số tiền", "Amount", "money", False, "Số tiền phân bổ", "Amount allocated"),
    ),
)

SHEETS: tuple[Sheet, ...] = (RESOLUTIONS, BASIS, WORKS, CAPITAL, SURPLUSES, SURPLUS_LINES)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
README_SHEET_VI = "Hướng dẫn"
README_SHEET_EN = "Guide"

# Values of the choice fields that are not reference tables.
RESOLUTION_KINDS = ("ntm", "surplus", "plan", "other")
RESOLUTION_STATUSES = ("in_force", "amended", "replaced", "draft")

WORK_PHASES = ("ongoing", "new")
COMMUNE_GROUP_NAMES: dict[int, tuple[str, str]] = {
    1: (
        "Nhóm 1: xã giáp đô thị, tỷ trọng nông nghiệp dưới 10% hoặc định hướng lên đô thị",
        "Group 1: next to towns, agriculture under 10% or meant to become urban",
    ),
    2: ("Nhóm 2: các xã còn lại", "Group 2: the other communes"),
    3: (
        "Nhóm 3: xã khu vực II, III vùng đồng bào dân tộc thiểu số",
        "Group 3: area II/III ethnic-minority communes",
    ),
}
REVENUE_KIND_NAMES: dict[str, tuple[str, str]] = {
    "ket_du": ("Kết dư ngân sách năm trước", "Last year's budget surplus"),
    "tang_thu": ("Tăng thu ngân sách", "Revenue overrun"),
    "khac": ("Nguồn thu khác của ngân sách xã", "Other commune revenue"),
}

# Names of those values (Vietnamese, English): the template's guide lists them, and the
# importer accepts a name in place of the code ("Nông thôn mới" for ntm).
RESOLUTION_KIND_NAMES: dict[str, tuple[str, str]] = {
    "ntm": ("Nông thôn mới", "New rural development"),
    "surplus": ("Phân bổ kết dư", "Surplus allocation"),
    "plan": ("Kế hoạch", "Plan"),
    "other": ("Khác", "Other"),
}
WORK_PHASE_NAMES: dict[str, tuple[str, str]] = {
    "ongoing": ("Chuyển tiếp", "Carried over"),
    "new": ("Khởi công mới", "New"),
}
RESOLUTION_STATUS_NAMES: dict[str, tuple[str, str]] = {
    "in_force": ("Còn hiệu lực", "In force"),
    "amended": ("Đã được sửa đổi", "Amended"),
    "replaced": ("Đã bị thay thế", "Replaced"),
    "draft": ("Dự thảo", "Draft"),
}
# The first sheet of the template, which the importer skips.
GUIDE_SHEET_NAMES = (README_SHEET_VI, README_SHEET_EN)
