"""`python -m skm ...`: a thin layer over the functions the pages use.

python -m skm [--db PATH] init
python -m skm [--db PATH] demo
python -m skm [--db PATH] import FILE --unit PATH --period 2024-S1 [--replace] [--layanan NAME]
                                [--map "HEADER or column letter=U5" ...] [--layanan-column NAME]
                                [--blank-layanan NAME] [--drop-duplicates]
python -m skm import FILE --dry-run [--json] [--map ...] [--layanan-column NAME]
python -m skm [--db PATH] summary --unit PATH --period 2024-S1 [--json]
python -m skm [--db PATH] history --unit PATH [--period 2024-S1]
python -m skm [--db PATH] undo BATCH_ID
python -m skm [--db PATH] report --unit PATH --period 2024-S1 --output laporan.pdf [--xlsx tabel.xlsx]
python -m skm [--db PATH] report --unit "Jakarta Timur/Makasar" --periode 2024-S1 --format pdf|xlsx --out FILE
python -m skm template OUTPUT.xlsx
python -m skm [--db PATH] backup [--dest DIR] [--keep N]
python -m skm [--db PATH] restore DIR [--force]
python -m skm [--db PATH] users add NAME --role admin|pimpinan|operator [--unit PATH] [--email EMAIL] [--sso-only]
python -m skm [--db PATH] users list
python -m skm [--db PATH] users disable NAME
python -m skm [--db PATH] users enable NAME
python -m skm [--db PATH] publikasi add --unit PATH --period P --media MEDIA --date YYYY-MM-DD
                          [--tempat TEXT] [--bukti FILE]
python -m skm [--db PATH] publikasi list --unit PATH [--period P]
python -m skm [--db PATH] pekppp --unit PATH --year YYYY [--json] [--output bukti.zip]

`users add` reads the password from a prompt, or from the first line of stdin when that is not a
terminal. Actions are audited as `cli:<os user>`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from skm.errors import SkmError
from skm.formatting import angka
from skm.units import Period
from skm.unsur import CODES, UNSUR

if TYPE_CHECKING:  # the storage package pulls in duckdb and pyarrow: only commands that open it pay
    from concurrent.futures import Future

    from skm.ingest import Survey
    from skm.source_file import SourceFile
    from skm.storage import Store
    from skm.storage.imports import ImportOutcome


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m skm", description="SKM Dashboard: IKM menurut PermenPANRB 14/2017")
    p.add_argument("--db", type=Path, default=None, help="berkas DuckDB (bawaan: $SKM_DB atau data/skm.duckdb)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="buat basis data kosong")
    sub.add_parser("demo", help="muat data demo (laporan Halim Perdanakusuma + data sintetis Kec. Makasar)")
    imp = sub.add_parser("import", help="impor file CSV/XLSX untuk satu unit dan periode")
    imp.add_argument("file", type=Path)
    imp.add_argument("--unit", help="jalur unit, mis. 'Jakarta Timur/Makasar/Halim Perdanakusuma'")
    imp.add_argument("--period", help="mis. 2024-S1 atau 2024-1")
    imp.add_argument("--replace", action="store_true", help="ganti data lama layanan yang sama")
    imp.add_argument("--layanan", help="nama layanan bila file tidak punya kolom jenis layanan")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="KOLOM=PERAN",
        help="pemetaan manual, boleh berulang: judul kolom atau hurufnya = U1..U9, layanan, saran, timestamp, "
        "jenis_kelamin, usia, pendidikan, pekerjaan, atau '-' (tidak dipakai); mis. --map 'Pertanyaan 5=U5'",
    )
    imp.add_argument("--layanan-column", metavar="NAMA", help="kolom yang berisi jenis layanan (judul atau huruf)")
    imp.add_argument(
        "--blank-layanan",
        metavar="NAMA",
        help="layanan untuk baris yang kolom layanannya kosong (bawaan: Tidak disebutkan)",
    )
    imp.add_argument("--drop-duplicates", action="store_true", help="hapus baris duplikat (bawaan: tetap disimpan)")
    imp.add_argument("--dry-run", action="store_true", help="hanya tampilkan hasil pembacaan; tidak menyimpan apa pun")
    imp.add_argument("--json", action="store_true", help="dengan --dry-run: satu objek JSON")
    imp.add_argument("--user", default=None)
    summ = sub.add_parser("summary", help="IKM satu unit dan periode")
    summ.add_argument("--unit", required=True)
    summ.add_argument("--period", required=True)
    summ.add_argument("--json", action="store_true", help="satu objek JSON, angka tanpa pembulatan")
    hist = sub.add_parser("history", help="riwayat impor")
    hist.add_argument("--unit", required=True)
    hist.add_argument("--period", default=None)
    undo = sub.add_parser("undo", help="batalkan satu impor")
    undo.add_argument("batch", type=int)
    rep = sub.add_parser(
        "report",
        help="Laporan Hasil Tindak Lanjut SKM satu kelurahan, atau Laporan Rekapitulasi SKM kecamatan/kota (PDF, XLSX)",
    )
    rep.add_argument("--unit", required=True, help="jalur unit, mis. 'Jakarta Timur/Makasar/Halim Perdanakusuma'")
    rep.add_argument("--period", "--periode", dest="period", required=True, help="mis. 2024-S1 atau 2024-1")
    rep.add_argument("--output", "--out", dest="output", required=True, type=Path, help="berkas yang ditulis")
    rep.add_argument(
        "--format",
        choices=("pdf", "xlsx"),
        default=None,
        help="pdf atau xlsx (bawaan: dari akhiran --out, selain itu pdf)",
    )
    rep.add_argument("--xlsx", type=Path, default=None, help="juga tulis tabel laporan sebagai XLSX")
    tpl = sub.add_parser("template", help="tulis templat XLSX kuesioner")
    tpl.add_argument("output", type=Path)
    bak = sub.add_parser("backup", help="buat cadangan basis data dan berkas unggahan")
    bak.add_argument("--dest", type=Path, default=None, help="folder cadangan (bawaan: backups/ di samping basis data)")
    bak.add_argument("--keep", type=int, default=None, help="simpan hanya N cadangan terbaru")
    res = sub.add_parser("restore", help="pulihkan cadangan ke basis data (--db)")
    res.add_argument("dir", type=Path, help="folder cadangan, mis. data/backups/2026-11-28T20-31-05")
    res.add_argument("--force", action="store_true", help="simpan basis data lama di samping lalu ganti")
    users = sub.add_parser("users", help="akun pengguna: tambah, daftar, nonaktifkan")
    usub = users.add_subparsers(dest="users_command", required=True)
    add = usub.add_parser("add", help="tambah akun (kata sandi dari prompt atau stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["admin", "pimpinan", "operator"])
    add.add_argument("--unit", default=None, help="jalur unit, mis. 'Jakarta Timur/Makasar' (wajib kecuali admin)")
    add.add_argument("--email", default=None, help="email identitas SSO (st.login) yang dipetakan ke akun ini")
    add.add_argument("--sso-only", action="store_true", help="tanpa kata sandi: hanya masuk lewat SSO (perlu --email)")
    usub.add_parser("list", help="daftar akun")
    dis = usub.add_parser("disable", help="nonaktifkan akun (semua sesinya berakhir)")
    dis.add_argument("name")
    ena = usub.add_parser("enable", help="aktifkan kembali akun")
    ena.add_argument("name")
    pub = sub.add_parser("publikasi", help="catatan publikasi hasil SKM (PEKPPP indikator 6 dan 7)")
    psub = pub.add_subparsers(dest="publikasi_command", required=True)
    padd = psub.add_parser("add", help="catat satu publikasi")
    padd.add_argument("--unit", required=True, help="jalur unit, mis. 'Jakarta Timur/Makasar/Halim Perdanakusuma'")
    padd.add_argument("--period", required=True, help="periode hasil SKM yang dipublikasikan, mis. 2024-S1")
    padd.add_argument("--media", required=True, help="cetak|elektronik|media_sosial|website|aplikasi|papan_reklame")
    padd.add_argument("--date", required=True, help="tanggal publikasi, YYYY-MM-DD")
    padd.add_argument("--tempat", default="", help="URL atau tempat (mis. papan pengumuman kantor)")
    padd.add_argument("--bukti", type=Path, default=None, help="foto atau tangkapan layar (PNG/JPEG)")
    plist = psub.add_parser("list", help="daftar publikasi satu unit")
    plist.add_argument("--unit", required=True)
    plist.add_argument("--period", default=None)
    pek = sub.add_parser("pekppp", help="nilai PEKPPP indikator 6-9 satu unit dan tahun")
    pek.add_argument("--unit", required=True)
    pek.add_argument("--year", required=True, type=int, help="tahun, mis. 2024 (kedua semesternya)")
    pek.add_argument("--json", action="store_true", help="satu objek JSON")
    pek.add_argument("--output", type=Path, default=None, help="tulis paket bukti (ZIP) ke berkas ini")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except SkmError as exc:
        print(str(exc), file=sys.stderr)
        return 1


def _store(args: argparse.Namespace) -> Store:
    from skm.storage import Store
    from skm.storage.backup import note_path

    store = Store(_db_path(args))
    if store.recovery_note:
        print(f"PERHATIAN: {store.recovery_note}", file=sys.stderr)
        print(
            f"(Catatan ini tampil sampai dikonfirmasi di aplikasi, atau hapus {note_path(store.path)}.)",
            file=sys.stderr,
        )
    return store


def _run(args: argparse.Namespace) -> int:
    if args.command == "template":
        from skm.template import template_xlsx

        args.output.write_bytes(template_xlsx())
        print(f"Templat ditulis ke {args.output}")
        return 0
    if args.command == "restore":  # never opens (and so never auto-recovers) the target first
        return _restore(args)
    if args.command == "import" and args.dry_run:  # reads the file only; no database is opened
        return _dry_run(args)
    reading = _start_reading(args) if args.command == "import" else None
    if reading is not None:
        import skm.storage  # noqa: F401  (imported while the file is read)
        from skm import sheet_load

        # An XLSX's cells at their peak and an open database's first 50 MiB would add up: the
        # database opens once calamine has parsed the sheet, while its texts are made.
        sheet_load.wait(args.file)
    new_file = reading is not None and not _db_path(args).exists()
    store = _store(args)  # a store that cannot be opened is said first, as before
    done = False
    try:
        if reading is not None:
            created, outcome = _import(store, args, reading.result())
            done = True  # stored: whatever happens to the messages below, the new file stays
            _say_imported(created, outcome)
            return 0
        return _COMMANDS[args.command](store, args)
    finally:
        store.close()
        if new_file and not done:  # a refused import into a new file leaves no file behind
            _remove_database(store.path)


def _db_path(args: argparse.Namespace) -> Path:
    from skm.storage import default_db_path

    return Path(args.db or default_db_path())


def _remove_database(path: Path) -> None:
    from skm.storage import closed_file

    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    closed_file.forget(path)


def _start_reading(args: argparse.Namespace) -> Future[tuple[bytes | SourceFile, Survey]]:
    """The file is read while the database opens (issue 17): DuckDB's CSV parser and fastexcel let
    go of the GIL, so the two overlap on a second core. An XLSX's sheet starts loading before the
    reader's own modules (DuckDB, numpy, pyarrow) are imported (skm.sheet_load)."""
    if not args.unit or not args.period:
        raise SkmError("import membutuhkan --unit dan --period (atau --dry-run untuk hanya membaca file).")
    Period.parse(args.period)
    from concurrent.futures import ThreadPoolExecutor

    from skm import sheet_load

    read = _file_bytes(args) if sheet_load.is_xlsx(args.file) else None  # its sheet starts loading now
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(_read, args, read)
    finally:
        pool.shutdown(wait=False)


def _init(store: Store, args: argparse.Namespace) -> int:
    print(f"Basis data siap: {store.path}")
    return 0


def _demo(store: Store, args: argparse.Namespace) -> int:
    from skm.demo import load_demo

    if store.recovery_note is not None and not store.units():
        print("Data demo tidak dimuat: basis data baru saja dipulihkan dan kosong (lihat PERHATIAN).")
        return 0
    for line in load_demo(store):
        print(line)
    return 0


def _overrides(args: argparse.Namespace) -> dict[str, str | None]:
    """--map 'HEADER=U5' (repeatable) and --layanan-column NAME as read_survey's overrides."""
    out: dict[str, str | None] = {}
    for item in args.map:
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip():
            raise SkmError(f"--map '{item}': tulis KOLOM=PERAN, mis. --map 'P5=U5' atau --map 'Nama=-'.")
        role = value.strip()
        out[key.strip()] = None if role in ("", "-") else (role.upper() if role.lower().startswith("u") else role)
    if args.layanan_column:
        out[args.layanan_column.strip()] = "layanan"
    return out


def _file_bytes(args: argparse.Namespace) -> tuple[bytes, SourceFile | None]:
    """The file's bytes and, for a regular file, how it looked just before they were read (the
    Store's copy of it is checked against that: skm.source_file); an XLSX's only sheet starts
    loading on a thread of its own (skm.sheet_load)."""
    from skm import sheet_load
    from skm.source_file import SourceFile

    try:
        source = SourceFile.look(args.file) if args.file.is_file() else None
        data = args.file.read_bytes()
    except OSError as exc:
        raise SkmError(f"File {args.file} tidak dapat dibaca: {exc.strerror}") from exc
    sheet_load.start(args.file, data)
    return data, source


def _read(
    args: argparse.Namespace, read: tuple[bytes, SourceFile | None] | None = None
) -> tuple[bytes | SourceFile, Survey]:
    """The file's Survey, and what the Store keeps a copy of: the file itself when it is a regular
    file (its bytes are let go before the rows go in; the copy is checked to be of the bytes read),
    else the bytes. `read`: what _file_bytes gave when it was called already."""
    data, source = read or _file_bytes(args)  # before the imports below, which take a quarter of a second
    from skm import sheet_load
    from skm.ingest import CLI_LIMITS, assign_layanan, duplicate_rows, read_survey, without_rows

    overrides = _overrides(args) or None
    try:
        survey = read_survey(
            data, args.file.name, layanan=args.layanan, overrides=overrides, limits=CLI_LIMITS, path=args.file
        )
    finally:
        sheet_load.discard(args.file)  # a load the reader did not take (a refusal first, a changed file)
    if args.blank_layanan:  # the same choices as on Unggah Data
        survey = assign_layanan(survey, args.blank_layanan)
    if args.drop_duplicates:
        survey = without_rows(survey, [row for row, _ in duplicate_rows(survey)])
    return (data if source is None else source), survey


def _dry_run(args: argparse.Namespace) -> int:
    from skm.errors import ImportRejected
    from skm.ingest.describe import describe, describe_refusal, describe_text

    try:
        info = describe(_read(args)[1])
    except ImportRejected as exc:
        info = describe_refusal(exc)
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print("\n".join(describe_text(info)))
    return 1 if info["kind"] == "refused" else 0


def _import(
    store: Store, args: argparse.Namespace, read: tuple[bytes | SourceFile, Survey]
) -> tuple[list[str], ImportOutcome]:
    """The units created on the way to --unit, and what the import did."""
    period = Period.parse(args.period)
    data, survey = read
    unit, created = store.ensure_unit_path(args.unit)
    return created, store.import_survey(
        survey, data, unit.id, period, replace=args.replace, user=args.user or cli_actor(), source="cli"
    )


def _say_imported(created: list[str], outcome: ImportOutcome) -> None:
    for path in created:
        print(f"Unit baru dibuat: {path}")
    print(outcome.message)
    for w in outcome.warnings:
        print(f"Catatan: {w}")


def _summary(store: Store, args: argparse.Namespace) -> int:
    from skm.summary import unit_summary

    period = Period.parse(args.period)
    unit = store.find_unit(args.unit)
    result = unit_summary(store, unit, period)
    if result is None:
        raise SkmError(f"Belum ada data {period.label} untuk {unit.path_text}.")
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    s = result.score
    print(f"{unit.path_text} — {period.label}{' (DATA DEMO)' if result.is_demo else ''}")
    print(f"IKM {angka(s.ikm)} — mutu {s.mutu.letter} ({s.mutu.kinerja}); metode: {s.method}")
    if s.ikm_reported is not None:
        print(f"IKM dari NRR tertampil: {angka(s.ikm_derived)}")
    for p in s.parts:
        print(f"  {p.name:<40} IKM {angka(p.ikm):>6}  {p.mutu.letter}")
    print("NRR per unsur: " + "; ".join(f"{c} {angka(s.nrr[c])}" for c in CODES))
    print("Prioritas: " + ", ".join(f"{c} {UNSUR[c].name}" for c in result.priorities))
    return 0


def _history(store: Store, args: argparse.Namespace) -> int:
    unit = store.find_unit(args.unit)
    period = Period.parse(args.period) if args.period else None
    for b in store.batches(unit.id, period):
        state = "dibatalkan" if b.undone_at else ("aktif" if b.active_layanan else "diganti")
        print(f"#{b.id}\t{b.period.code}\t{b.imported_at:%Y-%m-%d %H:%M}\t{b.file_name}\t{b.row_count} baris\t{state}")
    return 0


def _undo(store: Store, args: argparse.Namespace) -> int:
    names = store.undo_import(args.batch, user=cli_actor())
    print(f"Impor #{args.batch} dibatalkan" + (f"; layanan terdampak: {', '.join(names)}" if names else "."))
    return 0


def _report(store: Store, args: argparse.Namespace) -> int:
    """A kelurahan's Laporan Hasil Tindak Lanjut; at a unit with units below it (kecamatan, kota)
    the Laporan Rekapitulasi SKM over them."""
    from datetime import date

    period = Period.parse(args.period)
    unit = store.find_unit(args.unit)
    fmt = args.format or ("xlsx" if args.output.suffix.lower() == ".xlsx" else "pdf")
    note = ""
    if store.children(unit.id):
        from skm.report.rekap import TITLE, rekap_data
        from skm.report.rekap_pdf import build_rekap_pdf, sementara_note
        from skm.report.rekap_xlsx import build_rekap_xlsx

        rekap = rekap_data(store, unit, period, today=date.today())
        builders = {"pdf": partial(build_rekap_pdf, rekap), "xlsx": partial(build_rekap_xlsx, rekap)}
        title, is_demo = TITLE, rekap.is_demo
        note = sementara_note(rekap) if rekap.sementara else ""
    else:
        from skm.report.data import report_data
        from skm.report.pdf import build_pdf
        from skm.report.xlsx import build_xlsx

        data = report_data(store, unit, period, today=date.today())
        builders = {"pdf": partial(build_pdf, data), "xlsx": partial(build_xlsx, data)}
        title, is_demo = "Laporan", data.is_demo
    outputs = [(args.output, builders[fmt])] + ([(args.xlsx, builders["xlsx"])] if args.xlsx else [])
    for path, build in outputs:
        content = build()
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise SkmError(f"Berkas {path} tidak dapat ditulis: {exc.strerror}") from exc
        print(f"{title} {unit.path_text} {period.label} ditulis ke {path}")
    if note:
        print(f"Catatan: {note}")
    if is_demo:
        print("Catatan: DATA DEMO — bukan data resmi.")
    return 0


def _backup(store: Store, args: argparse.Namespace) -> int:
    from skm.storage.backup import backup, backup_root_for, prune, read_manifest

    root = args.dest or backup_root_for(store.path)
    if args.keep is not None and args.keep < 1:
        raise SkmError("Jumlah cadangan yang disimpan (--keep) minimal 1.")
    try:
        folder = backup(store, root)
    except OSError as exc:
        raise SkmError(f"Cadangan tidak dapat ditulis ke {root}: {exc.strerror or exc}") from exc
    manifest = read_manifest(folder)
    rows = sum(int(v.split(":")[0]) for v in manifest["tables"].values())
    files = sum(1 for f in manifest["files"] if f.startswith("files/"))
    print(
        f"Cadangan dibuat: {folder} ({len(manifest['tables'])} tabel, {rows} baris, {files} berkas unggahan dan foto)"
    )
    if args.keep is not None:
        for old in prune(root, args.keep):
            print(f"Cadangan lama dihapus: {old}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from skm.storage import Store, default_db_path
    from skm.storage.backup import restore

    target = args.db or default_db_path()
    try:
        result = restore(args.dir, target, force=args.force)
    except OSError as exc:
        raise SkmError(f"Cadangan {args.dir} tidak dapat dipulihkan: {exc.strerror or exc}") from exc
    print(result.message)
    if result.files_copied:
        print(f"{result.files_copied} berkas unggahan dan foto dikembalikan.")
    store = Store(target)  # migrates a backup of an older version and reads every table once
    store.close()
    return 0


def cli_actor() -> str:
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "tidak-diketahui"
    return f"cli:{who}"


def read_password(prompt: str = "Kata sandi: ") -> str:
    """From a prompt (asked twice) on a terminal; else the first line of stdin."""
    import getpass

    from skm.accounts import check_password

    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        check_password(password)
        return password
    password = getpass.getpass(prompt)
    check_password(password, getpass.getpass("Ulangi kata sandi: "))
    return password


def _users(store: Store, args: argparse.Namespace) -> int:
    from skm import accounts

    actor = cli_actor()
    if args.users_command == "add":
        unit = store.find_unit(args.unit) if args.unit else None
        password = None if args.sso_only else read_password()
        user = accounts.create_user(
            store, args.name, password, args.role, unit.id if unit else None, actor=actor, email=args.email
        )
        where = f", unit {unit.path_text}" if unit else ""
        print(f"Akun {user.name} dibuat (peran {user.role}{where}).")
        return 0
    if args.users_command == "list":
        units = {u.id: u for u in store.units()}
        for u in accounts.list_users(store):
            unit_text = units[u.unit_id].path_text if u.unit_id in units else "-"
            state = "nonaktif" if u.disabled else "aktif"
            print(f"{u.name}\t{u.role}\t{unit_text}\t{state}\t{u.email or '-'}")
        return 0
    disabled = args.users_command == "disable"
    user = accounts.set_disabled(store, args.name, disabled, actor=actor)
    print(f"Akun {user.name} {'dinonaktifkan; semua sesinya berakhir' if disabled else 'diaktifkan kembali'}.")
    return 0


def cli_access(store: Store):
    """The command line acts with an admin's reach (whoever can run it can open the file), under
    its own name in the audit log."""
    from skm.access import Access
    from skm.accounts import ADMIN, User

    return Access.for_user(User(0, cli_actor(), ADMIN, None), store.units())


def _publikasi(store: Store, args: argparse.Namespace) -> int:
    from skm import publikasi
    from skm.pekppp import parse_media, parse_tanggal

    if args.publikasi_command == "list":
        unit = store.find_unit(args.unit)
        period = Period.parse(args.period) if args.period else None
        for p in publikasi.listed(store, cli_access(store), unit.id, period):
            print(
                f"#{p.id}\t{p.period.code}\t{p.tanggal.isoformat()}\t{p.media}\t{p.tempat or '-'}\t{p.file_name or '-'}"
            )
        return 0
    media, tanggal = parse_media(args.media), parse_tanggal(args.date)  # before anything else: names the choices
    period = Period.parse(args.period)
    unit = store.find_unit(args.unit)
    proof = None
    if args.bukti is not None:
        try:
            proof = (args.bukti.read_bytes(), args.bukti.name)
        except OSError as exc:
            raise SkmError(f"File {args.bukti} tidak dapat dibaca: {exc.strerror}") from exc
    pub = publikasi.add(store, cli_access(store), unit.id, period, media, tanggal, args.tempat, proof=proof)
    print(
        f"Publikasi #{pub.id} dicatat: {unit.path_text} {period.label}, {pub.media_label}, {pub.tanggal.isoformat()}."
    )
    return 0


def _pekppp(store: Store, args: argparse.Namespace) -> int:
    from datetime import date

    from skm.access import REPORT
    from skm.bukti import build_pack, documents, year_json
    from skm.pekppp import score_year

    unit = store.find_unit(args.unit)
    access = cli_access(store)
    access.require(REPORT, unit.id)
    today = date.today()
    result = score_year(store, unit, args.year, today=today)
    if args.output is not None:
        pack = build_pack(store, access, unit, args.year, today)
        try:
            args.output.write_bytes(pack)
        except OSError as exc:
            raise SkmError(f"Berkas {args.output} tidak dapat ditulis: {exc.strerror}") from exc
    if args.json:
        print(json.dumps(year_json(result, documents(store, result)), ensure_ascii=False))
        return 0
    print(f"PEKPPP {unit.path_text} tahun {args.year}")
    for number, ind in result.indicators.items():
        print(f"  {number}. {ind.name}: {ind.score}")
        print(f"     {ind.why}")
        if ind.raise_by:
            print(f"     Untuk naik: {ind.raise_by}")
    if args.output is not None:
        print(f"Paket bukti ditulis ke {args.output}")
    return 0


_COMMANDS = {
    "init": _init,
    "demo": _demo,
    "summary": _summary,
    "history": _history,
    "undo": _undo,
    "report": _report,
    "backup": _backup,
    "users": _users,
    "publikasi": _publikasi,
    "pekppp": _pekppp,
}
