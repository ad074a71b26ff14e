"""`ntm-review notice`: the draft conclusion notice (thông báo kết luận), Word and Markdown.

The Word file is re-opened with python-docx and checked against the presentation rules of
NĐ 30/2020/NĐ-CP that the module promises; where LibreOffice is installed, it also converts
the file to text and PDF to show that the notice opens there.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from tui.cli import main
from tui.core.data.store import Store
from tui.core.io.export import ExportError
from tui.core.io.notice import build_notice, write_notice
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.core.rules.engine import rules_by_id
from tui.core.rules.findings import load_findings

UNIT = "06730"  # xã Hải Đông: findings in basis and capital
CLEAN = "06745"  # xã Hải Xuân: the model commune, no finding
DAY = "2023-07-05"
DATE_LINE = "Móng Cái, ngày 05 tháng 7 năm 2023"


def notice(db: Path, out: Path, *args: str, unit: str = UNIT) -> int:
    return main(
        [
            "notice",
            "--db",
            str(db),
            "--unit",
            unit,
            "--year",
            "2023",
            "--date",
            DAY,
            *args,
            str(out),
        ]
    )


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


@pytest.fixture
def docx_file(db, tmp_path) -> Path:
    out = tmp_path / "thong-bao.docx"
    assert notice(db, out) == 0
    return out


def test_header_block_is_a_borderless_two_column_table(docx_file):
    document = docx.Document(str(docx_file))
    head = document.tables[0]
    assert len(head.columns) == 2
    left = [p for p in head.cell(0, 0).paragraphs if p.text]
    right = [p for p in head.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == ["HĐND THÀNH PHỐ MÓNG CÁI", "THƯỜNG TRỰC"]
    assert all(r.bold for r in left[1].runs) and not any(r.bold for r in left[0].runs)
    assert [p.text for p in right] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(r.bold for p in right for r in p.runs if r.text)
    assert head.cell(1, 0).text == "Số: …/TB-HĐND"
    date_par = head.cell(1, 1).paragraphs[0]
    assert date_par.text == DATE_LINE
    assert all(r.italic for r in date_par.runs)
    # the left column is narrower; no border anywhere
    widths = [c.width for c in head.columns]
    assert widths[0] < widths[1] and sum(widths) <= Mm(166)
    borders = head._tbl.tblPr.xpath("./w:tblBorders/*")
    assert borders and all(b.get(docx.oxml.ns.qn("w:val")) == "nil" for b in borders)
    # a short rule under "THƯỜNG TRỰC" and under the motto
    rules = [
        p
        for p in head.cell(0, 0).paragraphs + head.cell(0, 1).paragraphs
        if p._p.xpath("./w:pPr/w:pBdr/w:top")
    ]
    assert len(rules) == 2


def test_title_intro_findings_and_legal_bases(docx_file, store):
    document = docx.Document(str(docx_file))
    text = all_text(document)
    paragraphs = [p for p in document.paragraphs if p.text]
    title = next(p for p in paragraphs if p.text == "THÔNG BÁO")
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    assert (
        "Kết luận giám sát việc ban hành nghị quyết về xây dựng nông thôn mới và phân bổ kết dư "
        "ngân sách năm 2023 của HĐND xã Hải Đông" in text
    )
    assert "DỰ THẢO" in text and "DỮ LIỆU MẪU" in text
    assert "Thường trực HĐND thành phố Móng Cái đã thẩm tra 2 nghị quyết" in text
    assert "Nghị quyết số 21/NQ-HĐND ngày 18/07/2023 về danh mục công trình" in text
    findings = load_findings(store, unit=UNIT, year=2023)
    assert findings
    rules = rules_by_id()
    for f in findings:
        assert f"- {f.message_vi}" in text
        # The basis of the rule period the finding falls in (2023: the law of 2023).
        assert f"Căn cứ: {rules[f.rule_id].legal_basis('vi', f.period_date)}" in text
        assert rules[f.rule_id].title_vi in text
    for heading in (
        "I. KẾT QUẢ THẨM TRA",
        "1. Việc ban hành nghị quyết về nông thôn mới",
        "3. Căn cứ ban hành",
        "5. Nguồn vốn",
        "6. Phân bổ kết dư ngân sách",
        "II. YÊU CẦU KHẮC PHỤC",
        "Nơi nhận:",
        "TM. THƯỜNG TRỰC HĐND",
    ):
        assert heading in text, heading
    # With no decision yet, every error and warning is something to correct.
    corrections = [p.text for p in paragraphs if p.text[:3].rstrip(". ").isdigit()]
    to_correct = [f for f in findings if f.severity != "info"]
    # Each with the body that must act and its deadline (issue 17).
    asked = [c.split(". ", 1)[1].split(" — Thực hiện: ")[0] for c in corrections]
    assert len([a for a in asked if a in {f.message_vi for f in to_correct}]) == len(to_correct)
    asked_lines = [c for c in corrections if "— Thực hiện: " in c]
    assert len(asked_lines) == len(to_correct)
    assert all("; hạn: " in c for c in asked_lines)


def test_fonts_sizes_and_page(docx_file):
    document = docx.Document(str(docx_file))
    section = document.sections[0]

    def mm(length) -> float:  # Word stores twips: compare to a tenth of a millimetre
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    runs = [r for p in all_paragraphs(document) for r in p.runs if r.text]
    assert runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    east_asia = {r._element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia")) for r in runs}
    assert east_asia == {"Times New Roman"}
    sizes = {r.font.size.pt for r in runs}
    assert sizes <= {11, 12, 13, 14}
    body = [p for p in document.paragraphs if p.text.startswith("Thực hiện Luật")]
    assert body and all(r.font.size == Pt(14) for r in body[0].runs)
    assert body[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    recipients = [p for p in all_paragraphs(document) if p.text == "Nơi nhận:"][0]
    assert recipients.runs[0].bold and recipients.runs[0].italic
    assert recipients.runs[0].font.size == Pt(12)


def test_decisions_shape_the_corrections(db, store, tmp_path):
    findings = load_findings(store, unit=UNIT, year=2023)
    needs, accepted, corrected, *rest = findings
    with ReviewStore(review_store_path(db), reviewer="thamtra1") as reviews:
        for f, decision, reason in (
            (needs, "needs_correction", ""),
            (accepted, "accepted", "Văn bản đã được HĐND tỉnh đính chính"),
            (corrected, "corrected", ""),
        ):
            reviews.record_decision(
                f.finding_key, f.entity_kind, f.entity_id, UNIT, 2023, decision, reason
            )
    out = tmp_path / "tb.md"
    assert notice(db, out, "--format", "md") == 0
    text = out.read_text(encoding="utf-8")
    section_two = text.split("## II. YÊU CẦU KHẮC PHỤC", 1)[1]
    numbered = [line.split(". ", 1)[1] for line in section_two.splitlines() if line[:1].isdigit()]
    unescape = lambda s: s.replace("\\_", "_").replace("\\*", "*").replace("\\|", "|")  # noqa: E731
    # each asked correction ends with who must act and by when (issue 17)
    numbered = [unescape(n).split(" — Thực hiện: ")[0] for n in numbered]
    assert needs.message_vi in numbered
    assert accepted.message_vi not in numbered and corrected.message_vi not in numbered
    assert all(f.message_vi in numbered for f in rest if f.severity != "info")
    assert "Các nội dung đơn vị đã khắc phục:" in section_two
    assert "Các nội dung được chấp nhận hoặc không áp dụng (kèm lý do):" in section_two
    assert "Văn bản đã được HĐND tỉnh đính chính" in section_two
    assert "*Ý kiến thẩm tra: Cần chỉnh sửa*" in text
    assert "Ý kiến thẩm tra: Chấp nhận — Văn bản đã được HĐND tỉnh đính chính" in text
    # the Word file says the same
    word = tmp_path / "tb.docx"
    assert notice(db, word) == 0
    assert "Ý kiến thẩm tra: Chấp nhận — Văn bản đã được HĐND tỉnh đính chính" in all_text(
        docx.Document(str(word))
    )


def test_markdown_has_the_same_content(db, store, tmp_path):
    out = tmp_path / "tb.md"
    assert notice(db, out, "--format", "md") == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("| HĐND THÀNH PHỐ MÓNG CÁI<br>**THƯỜNG TRỰC** |")
    assert f"*{DATE_LINE}*" in text and "Số: …/TB-HĐND" in text
    assert "# THÔNG BÁO" in text and "DỮ LIỆU MẪU" in text
    for f in load_findings(store, unit=UNIT, year=2023):
        assert f.message_vi in text.replace("\\", "")
    assert "***Nơi nhận:***" in text


def test_clean_unit_has_nothing_to_correct(db, tmp_path):
    out = tmp_path / "clean.md"
    assert notice(db, out, "--format", "md", unit=CLEAN) == 0
    text = out.read_text(encoding="utf-8")
    assert "không có nội dung phải khắc phục" in text
    assert "Không có nội dung phải khắc phục." in text
    assert text.count("Không phát hiện vấn đề.") == 6


def test_english(db, tmp_path):
    out = tmp_path / "en.md"
    assert main(
        ["notice", "--db", str(db), "--lang", "en", "--unit", UNIT, "--year", "2023",
         "--date", DAY, "--format", "md", str(out)]
    ) == 0  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "Móng Cái, 5 July 2023" in text and "# NOTICE" in text
    assert "DEMO DATA" in text and "CORRECTIONS REQUIRED" in text


def test_without_demo_data_or_reviewing_body(store, make_db, tmp_path):
    from tui.core.data.demo import build_demo

    path = make_db(build_demo(2023))  # meta without reviewing_body, dataset_kind=test
    with Store.open(path) as plain:
        n = build_notice(plain, None, UNIT, 2023, today=date(2023, 2, 1))
    assert n.demo_note is None
    assert n.body_upper == "HĐND THÀNH PHỐ MÓNG CÁI"
    assert n.date_line == "Móng Cái, ngày 01 tháng 02 năm 2023"


def test_default_date_is_today(store, tmp_path):
    out = write_notice(store, None, UNIT, 2023, tmp_path / "x.md", fmt="md")
    from tui.core.fmt import official_date

    assert official_date(date.today()) in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["--unit", "99999"],
        ["--unit", UNIT, "--date", "2023-02-30"],
        ["--unit", UNIT, "--format", "pdf"],
        ["--unit", UNIT, "--year", "23"],
    ],
)
def test_bad_arguments_exit_2(db, tmp_path, capsys, args):
    out = tmp_path / "x.docx"
    try:
        code = main(["notice", "--db", str(db), *args, str(out)])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not out.exists()


def test_out_directory_or_missing_folder_exits_2(db, tmp_path, capsys):
    assert notice(db, tmp_path) == 2
    assert notice(db, tmp_path / "nope" / "x.docx") == 2
    err = capsys.readouterr().err.splitlines()
    assert "là một thư mục" in err[0] and "không tồn tại" in err[1]


def test_write_notice_refuses_an_unknown_format(store, tmp_path):
    with pytest.raises(ExportError):
        write_notice(store, None, UNIT, 2023, tmp_path / "x.pdf", fmt="pdf")


def _soffice(args: list[str], cwd: Path) -> None:
    profile = cwd / "lo-profile"
    result = subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_notice(docx_file, store, tmp_path):
    outdir = tmp_path / "lo"
    _soffice(
        ["--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(outdir), str(docx_file)],
        tmp_path,
    )
    _soffice(["--convert-to", "pdf", "--outdir", str(outdir), str(docx_file)], tmp_path)
    text = (outdir / "thong-bao.txt").read_text(encoding="utf-8-sig")
    for expected in (
        "HĐND THÀNH PHỐ MÓNG CÁI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        DATE_LINE,
        "THÔNG BÁO",
        "YÊU CẦU KHẮC PHỤC",
    ):
        assert expected in text, expected
    for f in load_findings(store, unit=UNIT, year=2023):
        assert f.message_vi in text
    pdf = (outdir / "thong-bao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


# -- the format follows OUT's extension (issue 9) ----------------------------------------


@pytest.mark.parametrize(("name", "markdown"), [("n.md", True), ("n.MD", True), ("n.docx", False)])
def test_format_comes_from_the_extension(db, tmp_path, name, markdown):
    out = tmp_path / name
    assert notice(db, out) == 0
    head = out.read_bytes()[:4]
    if markdown:
        assert head != b"PK\x03\x04"  # not a Word (zip) package
        assert "THÔNG BÁO" in out.read_text(encoding="utf-8")
    else:
        assert head == b"PK\x03\x04"


@pytest.mark.parametrize(
    ("name", "args", "words"),
    [
        ("n.md", ["--format", "docx"], ("n.md", ".md", "docx")),
        ("n.docx", ["--format", "md"], ("n.docx", ".docx", "md")),
        ("n.txt", [], ("n.txt", ".docx", ".md")),
        ("n.pdf", ["--format", "docx"], ("n.pdf", ".docx", ".md")),
        ("notice", [], ("notice", ".docx", ".md")),
    ],
    ids=["md-as-docx", "docx-as-md", "unknown", "unknown-with-format", "no-extension"],
)
def test_contradictory_or_unknown_extension_exits_2_in_one_sentence(
    db, tmp_path, capsys, name, args, words
):
    out = tmp_path / name
    assert notice(db, out, *args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert all(word in err for word in words), err
    assert not out.exists()


def test_no_extension_with_a_format_is_written_in_that_format(db, tmp_path):
    out = tmp_path / "notice"
    assert notice(db, out, "--format", "md") == 0
    assert "THÔNG BÁO" in out.read_text(encoding="utf-8")
