"""One registry of actions: key bindings, the footer, the help screen and remapping.

Every binding has an id ("overview.filter"). A reviewer remaps keys in
$XDG_CONFIG_HOME/ntm-review/config.toml:

    [keys]
    "overview.filter" = "f"
    "app.quit" = "q,ctrl+q"

The footer shows the short label; the help screen shows the long help.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from .core.lang.language import Lang, as_lang
from .core.review.sqlite import DECISION_LABELS

_LABELS_VI, _LABELS_EN = DECISION_LABELS["vi"], DECISION_LABELS["en"]


@dataclass(frozen=True)
class Action:
    binding_id: str
    key: str
    action: str
    # (Vietnamese, English), like every catalogue entry: the footer's label, the help's line
    short_text: tuple[str, str]
    help_text: tuple[str, str]
    show: bool = True  # in the footer (when it acts on what has focus); help lists all
    priority: bool = False
    footer_group: str = ""  # consecutive keys of one group share one footer label (a tr key)

    def short(self, lang: Lang) -> str:
        return as_lang(lang).pair(self.short_text)

    def help(self, lang: Lang) -> str:
        return as_lang(lang).pair(self.help_text)

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.short_text[0],
            show=self.show,
            id=self.binding_id,
            priority=self.priority,
        )


ACTIONS: dict[str, Action] = {}


def _register(*actions: Action) -> None:
    for action in actions:
        ACTIONS[action.binding_id] = action


_register(
    Action(
        "app.quit",
        "q",
        "quit",
        ("Thoát", "Quit"),
        ("Thoát chương trình", "Quit the application"),
        show=False,
    ),
    Action(
        "app.help",
        "question_mark,f1",
        "help",
        ("Trợ giúp", "Help"),
        ("Mở trợ giúp của màn hình hiện tại", "Open help for the current screen"),
    ),
    Action(
        "app.back",
        "escape",
        "back",
        ("Quay lại", "Back"),
        ("Quay lại màn hình trước", "Go back to the previous screen"),
    ),
    Action(
        "app.money_unit",
        "m",
        "cycle_money_unit",
        ("Đồng/triệu/tỷ", "đồng/million/billion"),
        (
            "Đổi đơn vị tiền: đồng → triệu đồng → tỷ đồng",
            "Switch the money unit: đồng → million → billion",
        ),
        show=False,
    ),
    Action(
        "app.next_year",
        "y",
        "next_year",
        ("Năm", "Year"),
        (
            "Chuyển sang năm khác (vòng qua các năm có dữ liệu)",
            "Switch to another year (cycles through the years with data)",
        ),
        show=False,
    ),
    Action(
        "app.findings",
        "f",
        "open_findings",
        ("Phát hiện", "Findings"),
        ("Mở danh sách phát hiện của toàn phạm vi", "Open the findings of the whole scope"),
        show=False,
    ),
    Action(
        "app.copy",
        "c",
        "copy",
        ("Sao chép", "Copy"),
        (
            "Sao chép dòng đang chọn vào bộ nhớ tạm (OSC 52, dùng được qua SSH)",
            "Copy the selected row to the clipboard (OSC 52, works over SSH)",
        ),
        show=False,
    ),
    Action(
        "table.next_page",
        "right_square_bracket",
        "next_page",
        ("Trang sau", "Next page"),
        ("Sang trang sau của danh sách", "Show the next page of the list"),
        show=False,
    ),
    Action(
        "table.prev_page",
        "left_square_bracket",
        "prev_page",
        ("Trang trước", "Prev page"),
        ("Về trang trước của danh sách", "Show the previous page of the list"),
        show=False,
    ),
    Action(
        "table.sort",
        "s",
        "pick_sort",
        ("Sắp xếp", "Sort"),
        (
            "Sắp xếp: chọn một trong các cột đang hiện trên màn hình (chọn lại cột đang dùng để đảo chiều)",
            "Sort: pick one of the columns on screen (pick the current one again to reverse)",
        ),
    ),
    Action(
        "table.sort_reverse",
        "S",
        "sort_reverse",
        ("Đảo chiều", "Reverse"),
        ("Đảo chiều sắp xếp", "Reverse the sort order"),
        show=False,
    ),
    Action(
        "overview.filter",
        "slash",
        "filter",
        ("Lọc", "Filter"),
        (
            "Lọc danh sách theo tên hoặc mã; không phân biệt dấu, hoa thường, đ/d",
            "Filter by name or code, ignoring accents, case and đ/d",
        ),
    ),
    Action(
        "list.clear_filter",
        "escape",
        "clear_filter",
        ("Xoá lọc", "Clear filter"),
        (
            "Xoá bộ lọc đang dùng (khi có); không có bộ lọc thì Esc quay lại",
            "Clear the active filter (when there is one); without one Esc goes back",
        ),
        show=False,
    ),
    Action(
        "overview.open",
        "enter",
        "open_row",
        ("Mở", "Open"),
        ("Mở đơn vị đang chọn", "Open the selected unit"),
    ),
    Action(
        "unit.open",
        "enter",
        "open_row",
        ("Mở", "Open"),
        (
            "Mở nghị quyết hoặc đối tượng của phát hiện đang chọn",
            "Open the selected resolution, or what the selected finding is about",
        ),
    ),
    Action(
        "unit.next_tab",
        "tab",
        "next_tab",
        ("Thẻ sau", "Next tab"),
        ("Sang thẻ kế tiếp", "Go to the next tab"),
        show=False,
    ),
    Action(
        "findings.open",
        "enter",
        "open_row",
        ("Đi tới", "Go to"),
        (
            "Đi tới nghị quyết, công trình hoặc kết dư của phát hiện",
            "Jump to the resolution, work or surplus line the finding is about",
        ),
    ),
    Action(
        "findings.severity",
        "v",
        "cycle_severity",
        ("Mức", "Severity"),
        (
            "Lọc theo mức: tất cả → lỗi → cảnh báo → thông tin",
            "Filter by severity: all → error → warning → info",
        ),
    ),
    Action(
        "findings.rule",
        "r",
        "pick_rule",
        ("Quy tắc", "Rule"),
        (
            "Lọc theo quy tắc: chọn trong danh sách (tên và số phát hiện), gõ để thu hẹp",
            "Filter by rule: pick from a list (titles and counts), type to narrow",
        ),
    ),
    Action(
        "findings.filter",
        "slash",
        "filter",
        ("Lọc đơn vị", "Unit filter"),
        ("Lọc theo tên hoặc mã đơn vị", "Filter by unit name or code"),
    ),
    # The footer says each decision in the words every other surface uses (the tables, the
    # log, the CLI, the notice): DECISION_LABELS is the one table.
    Action(
        "review.needs_correction",
        "x",
        "decide('needs_correction')",
        (_LABELS_VI["needs_correction"], _LABELS_EN["needs_correction"]),
        (
            f"Quyết định “{_LABELS_VI['needs_correction']}”: đơn vị phải chỉnh sửa nội dung này",
            f"Decision “{_LABELS_EN['needs_correction']}”: the unit must correct this",
        ),
        footer_group="footer_decide",
    ),
    Action(
        "review.accept",
        "a",
        "decide('accepted')",
        (_LABELS_VI["accepted"], _LABELS_EN["accepted"]),
        (
            f"Quyết định “{_LABELS_VI['accepted']}”, kèm lý do bắt buộc",
            f"Decision “{_LABELS_EN['accepted']}”, with a required reason",
        ),
        footer_group="footer_decide",
    ),
    Action(
        "review.corrected",
        "d",
        "decide('corrected')",
        (_LABELS_VI["corrected"], _LABELS_EN["corrected"]),
        (
            f"Quyết định “{_LABELS_VI['corrected']}”: đơn vị đã khắc phục và đã kiểm tra lại",
            f"Decision “{_LABELS_EN['corrected']}”: corrected by the unit and verified",
        ),
        footer_group="footer_decide",
    ),
    Action(
        "review.not_applicable",
        "k",
        "decide('not_applicable')",
        (_LABELS_VI["not_applicable"], _LABELS_EN["not_applicable"]),
        (
            f"Quyết định “{_LABELS_VI['not_applicable']}”, kèm lý do bắt buộc",
            f"Decision “{_LABELS_EN['not_applicable']}”, with a required reason",
        ),
        footer_group="footer_decide",
    ),
    Action(
        "review.note",
        "e",
        "note",
        ("Ghi chú", "Note"),
        (
            "Ghi chú tự do vào dòng đang chọn (đơn vị, nghị quyết, công trình, dòng kết dư, phát hiện)",
            "A free note on the selected row (unit, resolution, work, surplus line, finding)",
        ),
    ),
    Action(
        "review.log",
        "l",
        "log",
        ("Nhật ký", "Log"),
        (
            "Nhật ký thẩm tra: mọi quyết định và ghi chú (của dòng đang chọn, hoặc toàn phạm vi)",
            "Audit trail: every decision and note (of the selected row, or the whole scope)",
        ),
    ),
    Action(
        "review.undo",
        "u",
        "undo",
        ("Hoàn tác", "Undo"),
        (
            "Hoàn tác quyết định một phím vừa ghi của chính mình trong phiên này (ghi thêm một sự "
            "kiện hoàn tác; không được nếu người khác đã quyết định phát hiện đó sau bạn)",
            "Undo your own last decision of this session (appends an undo event; refused if "
            "someone else has decided that finding since)",
        ),
        show=False,
    ),
    Action(
        "unit.reopen",
        "R",
        "reopen",
        ("Mở lại", "Reopen"),
        (
            "Mở lại kết luận của đơn vị (hỏi lại trước khi ghi)",
            "Reopen the unit's conclusion (asks before recording)",
        ),
        show=False,
    ),
    Action(
        "unit.conclude",
        "K",
        "conclude",
        ("Kết luận", "Conclude"),
        (
            "Đánh dấu hoàn thành thẩm tra đơn vị (hỏi lại trước; chỉ khi mọi phát hiện đã có "
            "quyết định)",
            "Mark the unit's review complete (asks first; only when every finding has a decision)",
        ),
    ),
    Action(
        "app.followup",
        "o",
        "open_followup",
        ("Theo dõi", "Follow-up"),
        (
            "Theo dõi đến cùng: phát hiện đã hết, còn tồn tại, mới phát sinh so với lần dựng dữ liệu trước",
            "Follow-up: findings resolved, still open and new since the previous build of the data",
        ),
        show=False,
    ),
    Action(
        "followup.state",
        "t",
        "cycle_state",
        ("Trạng thái", "State"),
        (
            "Lọc theo trạng thái: tất cả → còn tồn tại → mới → đã hết",
            "Filter by state: all → still open → new → resolved",
        ),
    ),
    Action(
        "followup.overdue",
        "h",
        "toggle_overdue",
        ("Quá hạn", "Overdue"),
        (
            "Chỉ các phát hiện quá hạn khắc phục mà chưa có bằng chứng, theo đơn vị và cơ quan thực hiện",
            "Only the findings past their deadline without proof, by unit and owner",
        ),
    ),
    Action(
        "app.export",
        "w",
        "export",
        ("Xuất tệp", "Export"),
        (
            "Xuất phát hiện, tổng hợp, vốn, kết dư (xlsx/csv/md), dữ liệu theo mẫu nhập, hoặc dự thảo thông báo kết luận của đơn vị; tệp ghi vào thư mục hiện hành (hoặc export_dir trong config.toml)",
            "Export findings, summary, capital and surplus (xlsx/csv/md), the data in the import layout, or a unit's draft conclusion notice; files go to the current directory (or export_dir in config.toml)",
        ),
        show=False,
    ),
    Action(
        "prompt.cancel",
        "escape",
        "cancel",
        ("Huỷ", "Cancel"),
        ("Huỷ, không lưu", "Cancel without saving"),
    ),
    Action(
        "confirm.yes",
        "y,c,enter",
        "answer(True)",
        ("Có", "Yes"),
        ("Có: đồng ý, ghi lại", "Yes, record it"),
    ),
    Action(
        "confirm.no",
        "n,k,escape",
        "answer(False)",
        ("Không", "No"),
        ("Không ghi gì", "No, record nothing"),
    ),
    Action(
        "app.detail",
        "i",
        "detail",
        ("Chi tiết", "Details"),
        (
            "Xem toàn bộ dòng đang chọn (không cắt chữ): phát hiện với quy tắc, căn cứ pháp lý theo "
            "thời kỳ, giải thích, đối tượng, lịch sử quyết định và ghi chú; căn cứ; mục nhật ký",
            "Show the whole selected row, uncut: a finding with its rule, legal basis by period, "
            "explanation, subject, decision history and notes; a ground; a log entry",
        ),
    ),
    Action(
        "app.palette",
        "ctrl+p",
        "command_palette",
        ("Lệnh", "Commands"),
        (
            "Bảng lệnh: gõ để tìm mọi lệnh của chương trình (xuất tệp, theo dõi, nhật ký, năm, đơn vị "
            "tiền, đi tới đơn vị…)",
            "Command palette: type to find any command (export, follow-up, log, year, money unit, "
            "go to unit…)",
        ),
        show=False,
    ),
    Action(
        "app.messages",
        "b",
        "messages",
        ("Thông báo", "Messages"),
        (
            "Lịch sử thông báo của phiên này, mới nhất trước (ví dụ đường dẫn tệp vừa xuất); Enter "
            "sao chép thông báo đang chọn",
            "This session's past messages, newest first (an export's path, say); Enter copies the "
            "selected one",
        ),
        show=False,
    ),
    Action(
        "detail.close", "escape,q,i", "close", ("Đóng", "Close"), ("Đóng chi tiết", "Close details")
    ),
    Action("help.close", "escape,q", "close", ("Đóng", "Close"), ("Đóng trợ giúp", "Close help")),
    Action(
        "error.retry",
        "r",
        "retry",
        ("Thử lại", "Retry"),
        ("Thử mở lại dữ liệu", "Try to open the data again"),
    ),
)


def bindings(*binding_ids: str) -> list[Binding]:
    return [ACTIONS[binding_id].binding() for binding_id in binding_ids]


def localise(node: DOMNode, lang: Lang) -> None:
    """Give a node's bindings their footer labels in the UI language."""
    lang = as_lang(lang)
    if not lang.is_english:  # the bindings are made with their Vietnamese labels
        return
    keys: dict[str, list[Binding]] = {}
    for key, binding in node._bindings:
        action = ACTIONS.get(binding.id or "")
        if action is not None:
            binding = dataclasses.replace(binding, description=action.short(lang))
        keys.setdefault(key, []).append(binding)
    node._bindings = BindingsMap.from_keys(keys)


def keymap_from_config(config: dict) -> dict[str, str]:
    keys = config.get("keys", {})
    if not isinstance(keys, dict):
        return {}
    return {str(k): str(v) for k, v in keys.items() if str(k) in ACTIONS and isinstance(v, str)}
