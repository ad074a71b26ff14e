"""`demo`, `init`, `migrate` and `backup`: the commands that make or copy the database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import NtmError, UsageError
from ..core.lang.i18n import t
from ..core.lang.language import Lang
from .common import EXIT_INPUT, EXIT_OK, print_error


def add_demo(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`demo`: build a demo database."""
    h = lang.pick
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=h("tạo cơ sở dữ liệu mẫu", "build a demo database"),
        description=h(
            "Tạo cơ sở dữ liệu mẫu (dữ liệu giả định, không phải số liệu thật).",
            "Build a demo database (invented data, not real figures).",
        ),
    )
    demo.add_argument(
        "--scale",
        choices=("city", "province", "national"),
        default="city",
        help=h(
            "quy mô: city = 17 đơn vị của Móng Cái; province = 171 đơn vị của tỉnh Quảng Ninh "
            "(2022–2024) và 54 đơn vị từ 01/07/2025 (2025–2026); national = 10.035 xã, phường, "
            "thị trấn cả nước trước 2025 và 3.321 đơn vị từ 01/07/2025",
            "scale: city = Móng Cái's 17 units; province = Quảng Ninh's 171 units (2022–2024) "
            "and its 54 units from 01/07/2025 (2025–2026); national = all 10,035 pre-2025 "
            "communes, wards and towns and the 3,321 units from 01/07/2025",
        ),
    )
    demo.add_argument(
        "--seed", type=int, default=2023, help=h("hạt giống ngẫu nhiên", "random seed")
    )
    demo.lang = lang
    return demo


def add_init(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`init`: build an empty database with the real unit catalogue."""
    h = lang.pick
    init = sub.add_parser(
        "init",
        parents=[common],
        help=h("tạo cơ sở dữ liệu trống (danh mục đơn vị thật)", "build an empty database"),
        description=h(
            "Tạo cơ sở dữ liệu trống, không có dữ liệu mẫu: danh mục đơn vị hành chính cả nước "
            "(trước và từ 01/07/2025) hoặc của một tỉnh; sau đó nhập dữ liệu thật bằng "
            "ntm-review import.",
            "Build an empty database with no demo data: the administrative units of the whole "
            "country (before and from 01/07/2025) or of one province; then import real data "
            "with ntm-review import.",
        ),
    )
    init.add_argument(
        "--province",
        default=None,
        metavar="MÃ",
        help=h(
            "mã tỉnh (2 chữ số, trước hoặc từ 01/07/2025, ví dụ 22 = Quảng Ninh); "
            "mặc định: cả nước",
            "province code (2 digits, of either era, e.g. 22 = Quảng Ninh); default: "
            "the whole country",
        ),
    )
    init.lang = lang
    return init


def add_migrate(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`migrate`: upgrade an older database file."""
    h = lang.pick
    migrate = sub.add_parser(
        "migrate",
        parents=[common],
        help=h("nâng cấp tệp dữ liệu cũ", "upgrade an older database file"),
        description=h(
            "Nâng cấp tệp dữ liệu lên phiên bản lược đồ hiện tại (ghi tệp mới rồi thay thế).",
            "Upgrade a database file to the current schema version (writes a new file, then replaces it).",
        ),
    )
    migrate.lang = lang
    return migrate


def add_backup(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`backup`: back up the data and the review store."""
    h = lang.pick
    backup = sub.add_parser(
        "backup",
        parents=[common],
        help=h("sao lưu dữ liệu và kho quyết định", "back up the data and the review store"),
        description=h(
            "Sao lưu tệp dữ liệu và kho quyết định (qua API sao lưu trực tuyến của SQLite, "
            "gồm cả phần còn trong tệp -wal) vào thư mục OUT, kể cả khi đang có người rà soát.",
            "Back up the data file and the review store (through SQLite's online backup "
            "API, including what is still in the -wal file) into the folder OUT, even while "
            "reviewers are working.",
        ),
    )
    backup.add_argument("out", metavar="OUT", type=Path, help=h("thư mục sao lưu", "backup folder"))
    backup.lang = lang
    return backup


def cmd_demo(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..build_progress import build_demo_scale

    try:
        report = build_demo_scale(db_path, args.scale, args.seed, lang)
    except NtmError:
        raise
    except OSError as exc:
        raise NtmError("build_failed", path=db_path, detail=exc.strerror or str(exc)) from None
    seconds = f"{report.seconds:.1f}"
    print(
        t(
            "demo_built",
            lang,
            scale=args.scale,
            path=report.path,
            units=report.units,
            resolutions=report.resolutions,
            findings=report.findings,
            seconds=lang.pick(seconds.replace(".", ","), seconds),
        )
    )
    return EXIT_OK


def cmd_init(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.data.build import build_catalogue_database

    if db_path.exists() or db_path.is_symlink():
        raise UsageError("init_exists", path=db_path)
    province = args.province
    if province is not None and not (province.isdigit() and len(province) <= 2):
        raise UsageError("unknown_province", code=province)
    try:
        report = build_catalogue_database(db_path, province.zfill(2) if province else None)
    except KeyError:
        raise UsageError("unknown_province", code=province) from None
    except OSError as exc:
        raise NtmError("build_failed", path=db_path, detail=exc.strerror or str(exc)) from None
    print(t("init_built", lang, path=report.path, units=report.units))
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.data.rebuild import migrate_database

    old, new = migrate_database(db_path)
    if old == new:
        print(t("migrate_current", lang, path=db_path, version=new))
    else:
        print(t("migrated", lang, path=db_path, old=old, new=new))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.data.backup import BackupError, backup

    try:
        written, store_url = backup(db_path, args.out)
    except BackupError as err:
        print_error(t(err.key, lang, **err.params))
        return EXIT_INPUT
    files = ", ".join(p.name for p in written)
    print(t("backup_done", lang, folder=args.out, files=files))
    if store_url is not None:
        print(t("backup_postgres", lang, url=store_url))
    return EXIT_OK


COMMANDS = {"demo": cmd_demo, "init": cmd_init, "migrate": cmd_migrate, "backup": cmd_backup}
