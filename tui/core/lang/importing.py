"""Messages of `ntm-review template` and `ntm-review import`, Vietnamese and English.

Kept apart from i18n.py (which merges them into MESSAGES) so that the import messages
can grow without touching the shared table. Keys starting with "imp_" that describe a
cell's problem are phrases completing "expected …"; the others are whole sentences.
"""

from __future__ import annotations

MESSAGES_IMPORT: dict[str, tuple[str, str]] = {
    # --- template -------------------------------------------------------------------------
    "template_written": (
        "Đã ghi mẫu nhập liệu {path}: {sheets} trang dữ liệu và trang “Hướng dẫn”.",
        "Wrote the import template {path}: {sheets} data sheets and the “Hướng dẫn” guide sheet.",
    ),
    "template_is_dir": (
        "{path} là một thư mục; hãy cho một tên tệp, ví dụ {path}/mau-nhap-lieu.xlsx",
        "{path} is a directory; give a file name, e.g. {path}/import-template.xlsx",
    ),
    "template_suffix": (
        "Tệp mẫu phải có đuôi .xlsx (nhận được {path}).",
        "The template file must end in .xlsx (got {path}).",
    ),
    "template_write_failed": (
        "Không ghi được tệp {path}: {detail}. Hãy kiểm tra thư mục và quyền ghi.",
        "Could not write {path}: {detail}. Check the directory and its permissions.",
    ),
    # --- whole files ----------------------------------------------------------------------
    "imp_file_missing": (
        "không tìm thấy tệp này; hãy kiểm tra đường dẫn",
        "this file does not exist; check the path",
    ),
    "imp_file_unreadable": (
        "không đọc được tệp ({detail})",
        "the file cannot be read ({detail})",
    ),
    "imp_file_empty": (
        "tệp rỗng (0 byte); hãy lưu lại bảng tính rồi nhập lại",
        "the file is empty (0 bytes); save the spreadsheet again and re-import it",
    ),
    "imp_not_spreadsheet": (
        "không phải bảng tính .xlsx (nội dung không đọc được như một bảng tính Excel)",
        "not an .xlsx workbook (its content cannot be read as an Excel workbook)",
    ),
    "imp_encrypted": (
        "bảng tính được đặt mật khẩu (mã hoá) nên không đọc được; hãy mở bằng Excel, gỡ mật khẩu "
        "(Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx",
        "the workbook is password-protected (encrypted) and cannot be read; open it in Excel, "
        "remove the password (File › Info › Protect Workbook) and save it again as .xlsx",
    ),
    "imp_old_xls": (
        "đây là tệp Excel cũ (.xls); hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx",
        "this is an old Excel file (.xls); open it in Excel or LibreOffice and save it as .xlsx",
    ),
    "imp_unsupported": (
        "chỉ nhận bảng tính .xlsx, tệp .csv hoặc thư mục chứa các tệp .csv theo mẫu",
        "only .xlsx workbooks, .csv files or a folder of layout .csv files are accepted",
    ),
    "imp_formula_unsaved": (
        "có ô công thức chưa lưu kết quả ({cells}); hãy mở tệp bằng Excel hoặc LibreOffice, "
        "để bảng tính tự tính lại, lưu rồi nhập lại",
        "some cells hold formulas with no saved result ({cells}); open the file in Excel or "
        "LibreOffice, let it recalculate, save it and import again",
    ),
    "imp_csv_encoding": (
        "tệp CSV không phải UTF-8 hay Windows-1258; hãy lưu lại dạng “CSV UTF-8”",
        "the CSV file is neither UTF-8 nor Windows-1258; save it again as “CSV UTF-8”",
    ),
    "imp_csv_unknown_name": (
        "tên tệp CSV không thuộc mẫu nhập liệu; cần một trong: {names}",
        "the CSV file name is not part of the import layout; expected one of: {names}",
    ),
    "imp_csv_missing_parent": (
        "thiếu tệp {parent}, nơi có các mã mà tệp {child} tham chiếu tới",
        "{parent} is missing, and {child} refers to the references defined there",
    ),
    "imp_csv_no_root": (
        "thư mục không có tệp {names} nào",
        "the folder holds none of {names}",
    ),
    "imp_no_data": (
        "tệp không có dòng dữ liệu nào (không có nghị quyết, không có kết dư)",
        "the file holds no data (no resolution, no surplus)",
    ),
    # --- sheets and headers ---------------------------------------------------------------
    "imp_sheet_missing": (
        "thiếu trang “{sheet}”; bảng tính có các trang: {found}",
        "the sheet “{sheet}” is missing; the workbook has: {found}",
    ),
    "imp_no_header": (
        "không tìm thấy dòng tiêu đề; cần các cột: {headers}",
        "no header row found; expected the columns: {headers}",
    ),
    "imp_header_missing": (
        "thiếu cột bắt buộc “{header}”",
        "the required column “{header}” is missing",
    ),
    "imp_header_unknown": (
        "một tiêu đề cột của trang này: {headers}",
        "a column header of this sheet: {headers}",
    ),
    "imp_header_unknown_missing": (
        "một tiêu đề cột của trang này, và trang đang thiếu cột bắt buộc {missing}: nếu cột "
        "này chính là nó, hãy đổi tiêu đề cho đúng; nếu không, hãy xoá cột này và thêm cột đó",
        "a column header of this sheet, and the sheet lacks the required column {missing}: "
        "if this column is it, rename its header; otherwise delete this column and add that one",
    ),
    "imp_header_duplicate": (
        "mỗi cột một lần (cột “{header}” đã có ở cột {first})",
        "each column once (“{header}” is already column {first})",
    ),
    "imp_header_merged": (
        "các ô tiêu đề {range} bị gộp; hãy bỏ gộp ô để mỗi cột có tiêu đề riêng",
        "the header cells {range} are merged; unmerge them so that each column has its own header",
    ),
    "imp_merged_data": (
        "các ô {range} bị gộp qua nhiều cột; hãy bỏ gộp ô",
        "the cells {range} are merged across columns; unmerge them",
    ),
    "imp_header_merged_many": (
        "dòng tiêu đề {rows} có {count} vùng ô gộp ({ranges}) nên các cột dưới chúng không có "
        "tiêu đề riêng: hãy chọn các ô đó, bấm Bỏ gộp ô (Unmerge) rồi ghi tiêu đề cho từng cột",
        "the header rows {rows} have {count} merged ranges ({ranges}), so the columns under "
        "them have no header of their own: select them, click Unmerge, and give each column "
        "its header",
    ),
    "imp_dvt_unknown": (
        "đơn vị tính một trong: đồng, nghìn đồng, triệu đồng, tỷ đồng; hãy sửa dòng ĐVT, "
        "ví dụ “ĐVT: triệu đồng”",
        "a unit among đồng, nghìn đồng, triệu đồng, tỷ đồng; correct the ĐVT line, e.g. "
        "“ĐVT: triệu đồng”",
    ),
    "imp_dvt_conflict": (
        "trang ghi hai đơn vị tính khác nhau ({cells}); hãy giữ một dòng ĐVT đúng và xoá dòng kia",
        "the sheet states two different units ({cells}); keep the right ĐVT line and delete "
        "the other",
    ),
    "imp_unit_implausible": (
        "{count} số tiền {too} so với đơn vị đã đọc, ví dụ {amount} đồng ở dòng này; "
        "hãy ghi rõ đơn vị tính của trang (dòng “ĐVT: triệu đồng” phía trên tiêu đề, hoặc "
        "“(triệu đồng)” trong tiêu đề cột) rồi nhập lại",
        "{count} {count:amount is|amounts are} {too} for the unit they were read in, e.g. {amount} đồng on this "
        "row; state the sheet's unit (a “ĐVT: triệu đồng” line above the header, or "
        "“(triệu đồng)” in the column header) and import again",
    ),
    # The {too} of imp_unit_implausible (the workbook over a safety limit is imp_too_large).
    "imp_amount_too_small": ("quá nhỏ", "too small"),
    "imp_amount_too_large": ("quá lớn", "too large"),
    "imp_unit_mismatch": (
        "các nguồn vốn của công trình {work} (trang Công trình, dòng {row}) cộng lại chênh "
        "đúng {factor} lần so với tổng mức đầu tư: hai trang đang dùng hai đơn vị tính khác "
        "nhau; hãy ghi dòng ĐVT đúng trên cả hai trang rồi nhập lại",
        "the capital lines of work {work} (Works sheet, row {row}) add up to exactly {factor} "
        "times less or more than its total investment: the two sheets use different units; "
        "state the right ĐVT on both sheets and import again",
    ),
    "imp_after_signature": (
        "dữ liệu nằm dưới khối chữ ký (dòng {signature}); hãy chuyển các dòng này lên trên "
        "khối chữ ký hoặc xoá chúng",
        "data below the signature block (row {signature}); move these rows above the "
        "signature block or delete them",
    ),
    "imp_res_ref_needed": (
        "một Mã NQ: tệp có {count} nghị quyết nên phải ghi công trình thuộc nghị quyết nào",
        "a Mã NQ: the file holds {count} {count:resolution|resolutions}, so say which one the work belongs to",
    ),
    "imp_data_no_header": (
        "dữ liệu nằm trong một cột có tiêu đề",
        "data in a column that has a header",
    ),
    # --- values (phrases completing "expected …") -----------------------------------------
    "imp_required": ("một giá trị (cột bắt buộc)", "a value (required column)"),
    "imp_text": ("văn bản", "text"),
    "imp_money": (
        "một số tiền, ví dụ 1.234.567 hoặc 1.234,5 triệu hoặc 2,5 tỷ",
        "an amount, e.g. 1.234.567 or 1.234,5 triệu or 2,5 tỷ",
    ),
    "imp_money_negative": ("một số tiền không âm", "an amount that is not negative"),
    "imp_money_fraction": (
        "một số nguyên đồng (không lẻ tới phần đồng)",
        "a whole number of đồng (no fraction of a đồng)",
    ),
    "imp_date": (
        "một ngày dạng dd/mm/yyyy hoặc “ngày 05 tháng 7 năm 2023”",
        "a date as dd/mm/yyyy or “ngày 05 tháng 7 năm 2023”",
    ),
    "imp_date_impossible": (
        "một ngày có thật (không có ngày {day} tháng {month} năm {year})",
        "a date that exists (there is no day {day} of month {month} in {year})",
    ),
    "imp_date_year": (
        "một ngày trong các năm {low}–{high}",
        "a date in the years {low}–{high}",
    ),
    "imp_year": ("một năm bốn chữ số, ví dụ 2023", "a four-digit year, e.g. 2023"),
    "imp_int": ("một số nguyên dương (1, 2, 3…)", "a positive whole number (1, 2, 3…)"),
    "imp_bool": ("có hoặc không", "có (yes) or không (no)"),
    "imp_choice": ("một mã trong danh mục: {choices}", "a code from the list: {choices}"),
    "imp_unit": (
        "mã một đơn vị có trong dữ liệu (5 chữ số, ví dụ {example})",
        "the code of a unit in the data (5 digits, e.g. {example})",
    ),
    "imp_dup_ref": (
        "một mã chưa dùng (mã này đã có ở dòng {row})",
        "a reference not used yet (this one is already on row {row})",
    ),
    "imp_dup_row": (
        "một dòng không trùng lặp (trùng với dòng {row}: {what})",
        "a row that is not a duplicate (it repeats row {row}: {what})",
    ),
    "imp_ref_missing": (
        "một {what} có ở trang “{sheet}”",
        "a {what} that exists on the sheet “{sheet}”",
    ),
    "imp_unit_ended": (
        "một ngày mà đơn vị còn tồn tại: {unit} đã kết thúc ngày {ended}; ngày {day} đơn vị "
        "này thuộc {now}",
        "a day on which the unit existed: {unit} ended on {ended}; on {day} it is part of {now}",
    ),
    "imp_unit_ended_year": (
        "một năm mà đơn vị còn tồn tại: {unit} đã kết thúc ngày {ended}; năm {day} đơn vị "
        "này thuộc {now}",
        "a year in which the unit existed: {unit} ended on {ended}; in {day} it is part of {now}",
    ),
    "imp_unit_ended_alone": (
        "một ngày mà đơn vị còn tồn tại: {unit} đã kết thúc ngày {ended}",
        "a day on which the unit existed: {unit} ended on {ended}",
    ),
    "imp_unit_not_yet": (
        "một ngày mà đơn vị đã tồn tại: {unit} bắt đầu từ ngày {began}",
        "a day on which the unit existed: {unit} began on {began}",
    ),
    "imp_ref_other_unit": (
        "một nghị quyết của cùng đơn vị {unit} (nghị quyết này của {other})",
        "a resolution of the same unit {unit} (this one belongs to {other})",
    ),
    # --- what duplicates repeat -------------------------------------------------------------
    "imp_what_resolution": (
        "cùng đơn vị, số và ngày nghị quyết",
        "same unit, number and date of resolution",
    ),
    "imp_what_basis_no": ("cùng Mã NQ và STT", "same resolution ref and line"),
    "imp_what_basis_text": ("cùng Mã NQ và nội dung căn cứ", "same resolution ref and ground"),
    "imp_what_work": ("cùng Mã NQ và tên công trình", "same resolution ref and work name"),
    "imp_what_capital": ("cùng Mã CT và nguồn vốn", "same work ref and source"),
    "imp_what_surplus": (
        "cùng đơn vị và năm phân bổ; mỗi đơn vị một dòng kết dư mỗi năm",
        "same unit and year; one surplus per unit and year",
    ),
    "imp_what_surplus_line_no": ("cùng Mã KD và STT", "same surplus ref and line"),
    "imp_what_surplus_line": (
        "cùng Mã KD, nội dung chi và tên dự án / khoản chi",
        "same surplus ref, category and project / item",
    ),
    # --- warnings ---------------------------------------------------------------------------
    "imp_legacy": (
        "{count} ô gõ bằng phông {encoding} đã được chuyển sang Unicode: {cells}",
        "{count} {count:cell|cells} typed in a {encoding} font {count:was|were} converted to Unicode: {cells}",
    ),
    "imp_legacy_many": (
        "{count} ô gõ bằng phông {encoding} đã được chuyển sang Unicode: {cells} và {more} ô khác",
        "{count} {count:cell|cells} typed in a {encoding} font {count:was|were} converted to Unicode: {cells} and {more} more",
    ),
    "imp_hidden_read": (
        "đã đọc cả các dòng, cột đang ẩn ({what}); nếu chúng không thuộc nghị quyết, hãy xoá "
        "chúng rồi nhập lại",
        "the hidden rows and columns ({what}) were read too; if they are not part of the "
        "resolution, delete them and import again",
    ),
    "imp_sheet_ignored": (
        "bỏ qua trang “{sheet}” (không thuộc mẫu nhập liệu)",
        "ignored the sheet “{sheet}” (not part of the import layout)",
    ),
    "imp_csv_decoded": (
        "đã đọc tệp theo bảng mã {encoding}",
        "read the file as {encoding}",
    ),
    "imp_unit_assumed": (
        "trang “{sheet}” không ghi đơn vị tính: đã đọc {count} số tiền theo đơn vị đồng. "
        "Nếu không đúng, hãy thêm dòng “ĐVT: …” phía trên tiêu đề",
        "the sheet “{sheet}” states no unit: read {count} {count:amount|amounts} as đồng. If that is wrong, "
        "add a “ĐVT: …” line above the header",
    ),
    "imp_total_differs": (
        "dòng “{label}” ({place}, {measure}) ghi {stated} đồng, các dòng nó cộng được {listed} đồng",
        "the row “{label}” ({place}, {measure}) states {stated} đồng; its rows add up to "
        "{listed} đồng",
    ),
    # --- dry run ------------------------------------------------------------------------------
    "imp_dry_header": (
        "{file}: THỬ, không ghi gì — {verdict}",
        "{file}: DRY RUN, nothing written — {verdict}",
    ),
    "imp_dry_ok": ("có thể nạp", "would load"),
    "imp_dry_rejected": (
        "sẽ KHÔNG được nạp ({count} lỗi)",
        "would NOT load ({count} {count:problem|problems})",
    ),
    "imp_dry_sheet": (
        "  trang “{sheet}”: đọc {rows} dòng dữ liệu",
        "  sheet “{sheet}”: read {rows} data {rows:row|rows}",
    ),
    "imp_dry_skipped": (
        "    bỏ qua {count} {reason}: {rows}",
        "    skipped {count} {reason}: {rows}",
    ),
    "imp_skip_blank": ("dòng trống", "blank rows"),
    "imp_skip_column_numbers": ("dòng số thứ tự cột", "column-number rows"),
    "imp_skip_signature": ("dòng khối chữ ký", "signature-block rows"),
    "imp_skip_total": ("dòng Cộng / Tổng cộng", "total rows"),
    "imp_skip_group": ("dòng tên nhóm", "group rows"),
    "imp_dry_unit_stated": (
        "    đơn vị tính: {unit} (ghi trên trang)",
        "    unit: {unit} (stated on the sheet)",
    ),
    "imp_dry_unit_assumed": (
        "    đơn vị tính: không ghi; đã coi là đồng ({count} số tiền)",
        "    unit: not stated; assumed đồng ({count} {count:amount|amounts})",
    ),
    "imp_dry_unit_columns": (
        "    đơn vị tính: theo tiêu đề cột hoặc từng ô",
        "    unit: from the column headers or the cells",
    ),
    "imp_dry_totals": (
        "    đã đối chiếu {count} số tổng; {differ} khác tổng các dòng (thành phát hiện)",
        "    checked {count} stated {count:total|totals}; {differ} {differ:differs|differ} from their rows (become findings)",
    ),
    "imp_dry_groups": (
        "    nhóm: {groups}",
        "    groups: {groups}",
    ),
    "imp_dry_synonym": (
        "    đã hiểu “{name}” là {code} ({count} ô)",
        "    read “{name}” as {code} ({count} {count:cell|cells})",
    ),
    "imp_dry_legacy": (
        "    {count} ô phông {encoding} đã chuyển sang Unicode",
        "    {count} {count:cell|cells} in a {encoding} font converted to Unicode",
    ),
    "imp_dry_would": (
        "  sẽ thêm {added} đơn vị-năm, thay thế {replaced}: {unit_years}",
        "  would add {added} {added:unit-year|unit-years} and replace {replaced}: {unit_years}",
    ),
    "imp_dry_nothing": (
        "Chạy thử: không ghi gì vào {path}.",
        "Dry run: nothing was written to {path}.",
    ),
    # --- rendering of one problem -------------------------------------------------------------
    "imp_at_sheet": ("trang “{sheet}”", "sheet “{sheet}”"),
    "imp_at_row": ("dòng {row}", "row {row}"),
    "imp_at_column": ("cột {column} “{header}”", "column {column} “{header}”"),
    "imp_at_column_bare": ("cột {column}", "column {column}"),
    "imp_found_expected": ("gặp “{found}”; cần {expected}", "found “{found}”; expected {expected}"),
    "imp_empty_expected": ("ô trống; cần {expected}", "empty cell; expected {expected}"),
    "imp_warning": ("lưu ý", "note"),
    # --- summary ------------------------------------------------------------------------------
    "imp_rejected": (
        "{file}: KHÔNG nạp — {count} lỗi; không có gì từ tệp này được đưa vào dữ liệu.",
        "{file}: NOT loaded — {count} {count:problem|problems}; nothing from this file went into the data.",
    ),
    "imp_problems_more": (
        "… và {count} lỗi khác (ghi đủ danh sách vào tệp CSV bằng --problems TỆP.csv).",
        "… and {count} more {count:problem|problems} (write the full list to a CSV file with --problems FILE.csv).",
    ),
    "imp_problems_written": (
        "Đã ghi đủ {count} lỗi vào {path}.",
        "Wrote {count:the|all} {count} {count:problem|problems} to {path}.",
    ),
    "imp_loaded": (
        "{file}: đã đọc {rows} dòng ({detail}); {added} đơn vị-năm mới, {replaced} đơn vị-năm thay thế: {unit_years}.",
        "{file}: read {rows} {rows:row|rows} ({detail}); {added} {added:unit-year|unit-years} added, {replaced} replaced: {unit_years}.",
    ),
    "imp_unchanged": (
        "Dữ liệu trong {path} đã giống hệt nội dung các tệp này; không thay đổi gì.",
        "{path} already holds exactly this content; nothing changed.",
    ),
    "imp_built": (
        "Đã cập nhật {path}: {resolutions} nghị quyết, {findings} phát hiện, trong {seconds} giây. "
        "Các phiên đang mở sẽ tự nạp lại dữ liệu mới.",
        "Updated {path}: {resolutions} {resolutions:resolution|resolutions}, {findings} {findings:finding|findings}, in {seconds} s. "
        "Open sessions reload the new data by themselves.",
    ),
    "imp_some_rejected": (
        "{count} tệp không được nạp vì có lỗi (xem danh sách ở trên); hãy sửa rồi nhập lại.",
        "{count} {count:file was|files were} not loaded because of the problems listed above; fix them and import again.",
    ),
    "imp_progress_read": ("Đọc {file}", "Reading {file}"),
    "imp_progress_build": ("Tạo lại cơ sở dữ liệu", "Rebuilding the database"),
}

# What to do about a problem, appended to its message ("…; hãy …") where the message does
# not already say it. Keyed like MESSAGES_IMPORT; the text is merged into MESSAGES as
# "<key>.fix".
FIXES: dict[str, tuple[str, str]] = {
    "imp_csv_missing_parent": (
        "hãy đưa tệp đó vào cùng lần nhập (cùng thư mục)",
        "give that file in the same import (the same folder)",
    ),
    "imp_csv_unknown_name": (
        "hãy đổi tên tệp cho đúng một trong các tên đó",
        "rename the file to one of those names",
    ),
    "imp_not_spreadsheet": (
        "hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx",
        "open it in Excel or LibreOffice and save it as .xlsx",
    ),
    "imp_file_unreadable": (
        "hãy kiểm tra quyền đọc tệp",
        "check that the file can be read (its permissions)",
    ),
    "imp_unsupported": (
        "hãy lưu bảng tính dạng .xlsx",
        "save the spreadsheet as .xlsx",
    ),
    "imp_no_data": (
        "hãy điền ít nhất một nghị quyết hoặc một dòng kết dư",
        "fill in at least one resolution or one surplus",
    ),
    "imp_sheet_missing": (
        "hãy thêm trang này (chép từ mẫu: ntm-review template)",
        "add this sheet (copy it from the template: ntm-review template)",
    ),
    "imp_no_header": (
        "hãy chép dòng tiêu đề của mẫu lên trên bảng",
        "copy the template's header row above the table",
    ),
    "imp_header_missing": (
        "hãy thêm cột này (xem mẫu: ntm-review template)",
        "add this column (see the template: ntm-review template)",
    ),
    "imp_header_unknown": (
        "hãy đổi tiêu đề cho đúng mẫu, hoặc xoá cột nếu không cần",
        "rename the header as in the template, or delete the column if it is not needed",
    ),
    "imp_header_duplicate": (
        "hãy xoá một trong hai cột hoặc đổi tên cho đúng",
        "delete one of the two columns or give it its right name",
    ),
    "imp_data_no_header": (
        "hãy ghi tiêu đề cho cột này hoặc xoá dữ liệu thừa",
        "give this column a header or delete the stray data",
    ),
    "imp_required": ("hãy điền ô này", "fill in this cell"),
    "imp_money": (
        "hãy gõ số tiền bằng chữ số",
        "type the amount in figures",
    ),
    "imp_money_negative": ("hãy bỏ dấu trừ hoặc dấu ngoặc", "remove the minus sign or brackets"),
    "imp_money_fraction": ("hãy làm tròn tới đồng", "round it to the đồng"),
    "imp_date": ("hãy gõ lại ngày dạng dd/mm/yyyy", "type the date again as dd/mm/yyyy"),
    "imp_date_impossible": (
        "hãy đối chiếu với bản nghị quyết và sửa ngày",
        "check it against the resolution and correct the date",
    ),
    "imp_date_year": ("hãy sửa năm của ngày", "correct the year of the date"),
    "imp_year": ("hãy gõ năm bằng bốn chữ số", "type the year with four digits"),
    "imp_int": ("hãy gõ số thứ tự 1, 2, 3…", "type the line number 1, 2, 3…"),
    "imp_bool": (
        "hãy chọn có hoặc không trong danh sách thả xuống",
        "pick có or không from the drop-down list",
    ),
    "imp_choice": (
        "hãy chọn trong danh sách thả xuống, hoặc gõ tên như ở trang Hướng dẫn",
        "pick it from the drop-down list, or type a name as listed on the Hướng dẫn sheet",
    ),
    "imp_unit": (
        "hãy sửa mã theo danh sách đơn vị (ntm-review units)",
        "correct the code from the unit list",
    ),
    "imp_dup_ref": ("hãy đặt cho dòng này một mã khác", "give this row another reference"),
    "imp_dup_row": (
        "hãy xoá dòng trùng hoặc gộp hai dòng",
        "delete the duplicate or merge the two",
    ),
    "imp_ref_missing": (
        "hãy sửa mã cho đúng, hoặc thêm dòng có mã đó ở trang kia",
        "correct the reference, or add the row it points to on that sheet",
    ),
    "imp_ref_other_unit": (
        "hãy chọn nghị quyết của cùng đơn vị",
        "choose a resolution of the same unit",
    ),
    # A unit that did not exist on the day (issue 10): the code or the date is wrong.
    "imp_unit_ended": (
        "hãy ghi mã của đơn vị mới hoặc sửa ngày",
        "correct the code to the new unit's, or correct the date",
    ),
    "imp_unit_ended_year": (
        "hãy ghi mã của đơn vị mới hoặc sửa năm",
        "correct the code to the new unit's, or correct the year",
    ),
    "imp_unit_ended_alone": (
        "hãy sửa mã đơn vị hoặc sửa ngày",
        "correct the unit code or the date",
    ),
    "imp_unit_not_yet": (
        "hãy sửa mã đơn vị hoặc sửa ngày",
        "correct the unit code or the date",
    ),
    "imp_res_ref_needed": ("hãy điền Mã NQ", "fill in the Mã NQ"),
}
