"""The words of the rules and figures: severities, entity kinds, comparison dimensions,
money units, reviewing bodies and the unconfirmed-basis notes (key → (vi, en)); the
words for a unit's kind are the interface's kind_<kind> labels (labels.py).

The rule modules (tui/core/rules) and tui/core/fmt read them from the one catalogue by
these keys; their own tables (SEVERITY_LABELS, …) are views of it.
"""

from __future__ import annotations

MESSAGES_TERMS: dict[str, tuple[str, str]] = {
    # --- findings (rules/findings.py) ---------------------------------------------
    "severity_error": ("Lỗi", "Error"),
    "severity_warning": ("Cảnh báo", "Warning"),
    "severity_info": ("Thông tin", "Info"),
    "entity_unit": ("Đơn vị", "Unit"),
    "entity_resolution": ("Nghị quyết", "Resolution"),
    "entity_basis_line": ("Căn cứ", "Ground"),
    "entity_project": ("Công trình", "Work"),
    "entity_capital_allocation": ("Nguồn vốn", "Capital line"),
    "entity_surplus": ("Kết dư", "Surplus"),
    "entity_surplus_line": ("Dòng phân bổ kết dư", "Surplus line"),
    # --- the model-commune comparison (rules/compare.py) -------------------------
    "dimension_basis_category": ("Loại căn cứ", "Basis category"),
    "dimension_capital_source": ("Nguồn vốn", "Capital source"),
    "dimension_surplus_category": ("Nội dung chi kết dư", "Surplus category"),
    "dimension_document_kind": ("Loại văn bản căn cứ", "Document kind"),
    # --- money display units (fmt.py) ----------------------------------------------
    "money_unit_dong": ("đồng", "đồng"),
    "money_unit_trieu": ("triệu đồng", "million đồng"),
    "money_unit_ty": ("tỷ đồng", "billion đồng"),
    # --- reviewing bodies (rules/bodies.py) ---------------------------------------
    "body_label": ("Thường trực {body}", "Standing Committee of the {body}"),
    # The overview of a year whose units are reviewed by different bodies.
    "body_each_own": (
        "HĐND từng xã, phường tự thẩm tra",
        "each commune's or ward's own People's Council",
    ),
    "body_various": ("cơ quan thẩm tra theo từng đơn vị", "the reviewing body of each unit"),
    # --- a rule period whose basis is not confirmed (rules/engine.py) -------------
    "basis_unconfirmed_note": (
        " (căn cứ của giai đoạn này chưa được xác nhận)",
        " (the basis for this period is not confirmed)",
    ),
    "basis_unconfirmed_explanation": (
        " Lưu ý: căn cứ pháp lý của giai đoạn này chưa được xác nhận từ văn bản gốc"
        " (confirmed = false); người rà soát cần kiểm tra lại trước khi kết luận.",
        " Note: the legal basis for this period is not confirmed from the source text"
        " (confirmed = false); the reviewer should check it before concluding.",
    ),
}
