"""The words of exports: their sentences, the errors they raise, the labels of their tables."""

from __future__ import annotations

import errno

from ...errors import NtmError
from ...lang.i18n import render
from ...lang.language import Lang, as_lang

GROUP_LABELS = {
    "coverage": (
        "Việc ban hành nghị quyết về nông thôn mới",
        "Resolutions on new rural development",
    ),
    "resolution": ("Số, ký hiệu nghị quyết", "Resolution numbers"),
    "basis": ("Căn cứ ban hành", "Legal grounds"),
    "works": ("Danh mục công trình", "Works"),
    "capital": ("Nguồn vốn", "Capital"),
    "surplus": ("Phân bổ kết dư ngân sách", "Budget surplus allocation"),
}
UNIT_KIND_LABELS = {
    "xa": ("xã", "commune"),
    "phuong": ("phường", "ward"),
    "thi_tran": ("thị trấn", "town"),
    "dac_khu": ("đặc khu", "special zone"),
    "tinh": ("tỉnh", "province"),
    "thanh_pho": ("thành phố", "city"),
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_format": (
        "Định dạng “{fmt}” không được hỗ trợ; hãy chọn một trong: {choices}.",
        "The format “{fmt}” is not supported; choose one of: {choices}.",
    ),
    "format_suffix_mismatch": (
        "Tệp {path} có đuôi {suffix} nhưng --format là {fmt}; hãy đặt đuôi .{fmt} hoặc bỏ --format.",
        "{path} ends in {suffix} but --format is {fmt}; name the file .{fmt} or leave out --format.",
    ),
    "format_suffix_unknown": (
        "Không biết ghi {path} theo định dạng nào; hãy đặt tên tệp có đuôi {suffixes}.",
        "Cannot tell which format {path} should have; give the file one of the extensions {suffixes}.",
    ),
    "out_is_directory": (
        "{path} là một thư mục; hãy ghi rõ tên tệp, ví dụ {example}.",
        "{path} is a directory; give a file name, e.g. {example}.",
    ),
    "out_dir_missing": (
        "Thư mục {path} không tồn tại; hãy tạo thư mục trước hoặc chọn nơi ghi khác.",
        "The folder {path} does not exist; create it first or choose another place.",
    ),
    "out_unwritable": (
        "Không ghi được {path} ({detail}); hãy chọn nơi ghi khác hoặc kiểm tra quyền ghi.",
        "Cannot write {path} ({detail}); choose another place or check the permissions.",
    ),
    "review_store": ("{detail}", "{detail}"),
    "written": ("Đã ghi {path}", "Wrote {path}"),
    "written_dir": (
        "Đã ghi {count} tệp vào thư mục {path}",
        "Wrote {count} {count:file|files} into {path}",
    ),
}

_OS_DETAILS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("không có quyền ghi", "permission denied"),
    errno.EPERM: ("không có quyền ghi", "permission denied"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "read-only file system"),
    errno.ENOSPC: ("ổ đĩa đã đầy", "the disk is full"),
    errno.ENOTDIR: (
        "một phần của đường dẫn là tệp chứ không phải thư mục",
        "part of the path is a file, not a folder",
    ),
    errno.ENOENT: ("không tạo được tệp ở đó", "a file cannot be created there"),
    errno.EISDIR: ("đây là một thư mục", "it is a directory"),
}


def say(key: str, lang: Lang | str, **params: object) -> str:
    """A sentence of this module in the UI language."""
    return render(as_lang(lang).pair(_MESSAGES[key]), params)


class ExportError(NtmError):
    """An export could not be written: one sentence in the UI language, exit code 2."""

    def message(self, lang: Lang | str = "vi") -> str:
        params = dict(self.params)
        inner = params.get("error")
        if inner is not None and hasattr(inner, "message"):
            params["detail"] = inner.message(lang)
        detail = params.get("detail")
        if isinstance(detail, OSError):
            params["detail"] = os_detail(detail, lang)
        return say(self.key, lang, **params)


def os_detail(exc: OSError, lang: Lang | str) -> str:
    pair = _OS_DETAILS.get(exc.errno or 0)
    if pair:
        return as_lang(lang).pair(pair)
    return exc.strerror or type(exc).__name__
