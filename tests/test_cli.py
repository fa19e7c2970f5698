"""`python -m skm` end to end, as automation uses it: real processes, a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_CSV = ROOT / "skm" / "demo" / "halim_2024s1_tabel1.csv"
UNIT = "Jakarta Timur/Makasar/Halim Perdanakusuma"


def skm(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skm", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def seed_without_ikm_column(tmp_path: Path, keep_row_mean: bool) -> Path:
    rows = list(csv.reader(io.StringIO(SEED_CSV.read_text(encoding="utf-8")), delimiter=";"))
    cut = 11 if keep_row_mean else 10
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(r[:cut] for r in rows)
    path = tmp_path / "tabel1_tanpa_ikm.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.duckdb"


def test_init_creates_database(db):
    r = skm("init", db=db)
    assert r.returncode == 0, r.stderr
    assert db.exists()


def test_seed_table_with_ikm_column_gives_99_09(db):
    r = skm("import", str(SEED_CSV), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 0, r.stderr
    assert "Unit baru dibuat: Jakarta Timur/Makasar/Halim Perdanakusuma" in r.stdout
    assert "6 baris diimpor untuk 6 layanan" in r.stdout
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert round(out["ikm"], 2) == 99.09
    assert round(out["ikm_derived"], 2) == 99.03
    assert (out["mutu"], out["kinerja"]) == ("A", "Sangat Baik")
    assert out["respondents"] is None
    assert out["lowest_layanan"] == "PPSU"
    ppsu = next(x for x in out["layanan"] if x["name"] == "PPSU")
    assert ppsu["ikm"] == 98.47 and round(ppsu["ikm_derived"], 2) == 98.47
    assert ppsu["nrr"]["U1"] == 3.93
    assert set(out["unsur"]) == {f"U{i}" for i in range(1, 10)}
    assert out["unsur"]["U1"]["name"] == "Persyaratan" and out["unsur"]["U1"]["mutu"] == "A"
    assert len(out["priorities"]) >= 3


@pytest.mark.parametrize("keep_row_mean", [True, False])
def test_seed_table_without_ikm_column_gives_99_03(db, tmp_path, keep_row_mean):
    path = seed_without_ikm_column(tmp_path, keep_row_mean)
    assert skm("import", str(path), "--unit", UNIT, "--period", "2024-1", db=db).returncode == 0
    r = skm("summary", "--unit", "Halim Perdanakusuma", "--period", "2024-S1", "--json", db=db)
    out = json.loads(r.stdout)
    assert round(out["ikm"], 2) == 99.03
    assert out["mutu"] == "A"
    assert out["lowest_layanan"] == "PPSU"
    assert round(next(x for x in out["layanan"] if x["name"] == "PPSU")["ikm"], 2) == 98.47
    # Human-readable summary uses Indonesian number formats.
    text = skm("summary", "--unit", UNIT, "--period", "2024-S1", db=db).stdout
    assert "IKM 99,03" in text and "98,47" in text


def test_reimport_is_noop_and_conflict_needs_replace(db, tmp_path):
    assert skm("import", str(SEED_CSV), "--unit", UNIT, "--period", "2024-S1", db=db).returncode == 0
    again = skm("import", str(SEED_CSV), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert again.returncode == 0 and "sudah diimpor" in again.stdout
    other = seed_without_ikm_column(tmp_path, keep_row_mean=True)
    refused = skm("import", str(other), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert refused.returncode != 0
    assert "Sudah ada data Semester I 2024" in refused.stderr and "Tidak ada yang disimpan" in refused.stderr
    replaced = skm("import", str(other), "--unit", UNIT, "--period", "2024-S1", "--replace", db=db)
    assert replaced.returncode == 0 and "Menggantikan data" in replaced.stdout
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert round(out["ikm"], 2) == 99.03
    history = skm("history", "--unit", UNIT, db=db).stdout
    assert "#2" in history and "#1" in history and "diganti" in history
    assert skm("undo", "2", db=db).returncode == 0
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert round(out["ikm"], 2) == 99.09


def test_rejections_exit_nonzero_with_message_on_stderr(db, tmp_path):
    bad = tmp_path / "skala5.csv"
    bad.write_text("Jenis Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\nPPSU,5,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    r = skm("import", str(bad), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 1
    assert "skala5.csv, baris 2, kolom B" in r.stderr and "1–5" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    r = skm("import", str(SEED_CSV), "--unit", UNIT, "--period", "2024-S3", db=db)
    assert r.returncode == 1 and "Periode '2024-S3' tidak dikenal" in r.stderr
    r = skm("summary", "--unit", "Tidak Ada", "--period", "2024-S1", db=db)
    assert r.returncode == 1 and "tidak ditemukan" in r.stderr
    r = skm("import", str(tmp_path / "hilang.csv"), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 1 and "tidak dapat dibaca" in r.stderr


def test_refused_import_into_a_new_file_leaves_no_database(db, tmp_path):
    bad = tmp_path / "skala5.csv"
    bad.write_text("Jenis Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\nPPSU,5,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    r = skm("import", str(bad), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 1 and "skala5.csv, baris 2, kolom B" in r.stderr
    assert not db.exists() and not db.with_name(db.name + ".wal").exists()
    assert skm("init", db=db).returncode == 0  # an existing database stays after a refusal
    r = skm("import", str(bad), "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 1 and db.exists()
    assert skm("import", str(SEED_CSV), "--unit", UNIT, "--period", "2024-S1", db=db).returncode == 0


def test_demo_loads_seed_and_synthetic_makasar(db):
    r = skm("demo", db=db)
    assert r.returncode == 0, r.stderr
    assert "Tabel 1 laporan asli" in r.stdout and "data sintetis" in r.stdout
    seed = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert round(seed["ikm"], 2) == 99.09 and seed["demo"] is True
    kec = json.loads(skm("summary", "--unit", "Jakarta Timur/Makasar", "--period", "2024-S2", "--json", db=db).stdout)
    assert len(kec["units"]) == 5 and kec["missing_units"] == []
    assert kec["method"].startswith("rata-rata unit")
    assert kec["pooled"] is not None and kec["respondents"] > 1000
    # Four or more semesters for every kelurahan.
    for name in ("Makasar", "Kebon Pala", "Pinang Ranti", "Cipinang Melayu"):
        for period in ("2023-S1", "2023-S2", "2024-S1", "2024-S2"):
            r = skm("summary", "--unit", f"Jakarta Timur/Makasar/{name}", "--period", period, "--json", db=db)
            assert r.returncode == 0, (name, period, r.stderr)
    # Loading the demo twice changes nothing.
    assert "sudah diimpor" in skm("demo", db=db).stdout


def test_template_command_writes_xlsx(tmp_path):
    out = tmp_path / "templat.xlsx"
    r = subprocess.run(
        [sys.executable, "-m", "skm", "template", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_db_from_environment(tmp_path):
    db = tmp_path / "env.duckdb"
    r = subprocess.run(
        [sys.executable, "-m", "skm", "init"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"SKM_DB": str(db), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert db.exists()


def test_database_in_use_by_another_process_is_explained(db):
    assert skm("init", db=db).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        r = skm("summary", "--unit", UNIT, "--period", "2024-S1", db=db)
        assert r.returncode == 1
        assert "sedang dipakai proses lain" in r.stderr and "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.communicate()


def numbered_csv(tmp_path: Path) -> Path:
    """P1..P9 with Sarana asked 8th and Pengaduan 9th (an older form), a 'Unit' and a 'Bidang' column."""
    rows = [["Unit", "Bidang", *(f"P{i}" for i in range(1, 10))]]
    rows += [["Kantor", "KTP", *"444433321"], ["Kantor", "KK", *"333344412"]]
    path = tmp_path / "p1_p9.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_dry_run_shows_what_was_detected_and_writes_nothing(db, tmp_path):
    path = numbered_csv(tmp_path)
    r = skm("import", str(path), "--dry-run", db=db)
    assert r.returncode == 0, r.stderr
    assert "jawaban per responden, 2 baris" in r.stdout and "urutan kuesioner" in r.stdout
    assert "Uji coba saja: tidak ada yang disimpan." in r.stdout
    assert not db.exists()
    info = json.loads(skm("import", str(path), "--dry-run", "--json", db=db).stdout)
    assert info["kind"] == "responses" and info["rows"] == 2
    assert [c["unsur"] for c in info["columns"] if c["unsur"]] == [f"U{i}" for i in range(1, 10)]
    assert {x["name"] for x in info["layanan"]} == {"KTP", "KK"}
    assert not db.exists()


def test_map_and_layanan_column_correct_the_reading(db, tmp_path):
    path = numbered_csv(tmp_path)
    args = ["import", str(path), "--map", "P8=U9", "--map", "K=U8", "--layanan-column", "Unit", "--dry-run", "--json"]
    info = json.loads(skm(*args, db=db).stdout)
    by_header = {c["header"]: (c["role"], c["unsur"], c["reason"]) for c in info["columns"]}
    assert by_header["P8"] == ("unsur", "U9", "dipetakan manual")
    assert by_header["P9"] == ("unsur", "U8", "dipetakan manual")
    assert by_header["Unit"][0] == "layanan" and by_header["Bidang"][0] == "unused"
    assert info["layanan"] == [{"name": "Kantor", "rows": 2}]
    r = skm(*args[:-2], "--unit", UNIT, "--period", "2024-S1", db=db)
    assert r.returncode == 0, r.stderr
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert out["layanan"][0]["nrr"]["U8"] == 1.5 and out["layanan"][0]["nrr"]["U9"] == 1.5
    assert out["layanan"][0]["nrr"]["U7"] == 3.5


def test_dry_run_of_a_refused_file_exits_1_with_the_reason(db, tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_text("Jenis Layanan," + ",".join(f"U{i}" for i in range(1, 10)) + "\n", encoding="utf-8")
    r = skm("import", str(path), "--dry-run", "--json", db=db)
    assert r.returncode == 1
    info = json.loads(r.stdout)
    assert info["kind"] == "refused" and "templat kosong" in info["problems"][0]["message"]
    bad = skm("import", str(path), "--map", "P5", "--dry-run", db=db)
    assert bad.returncode == 1 and "tulis KOLOM=PERAN" in bad.stderr


def test_blank_layanan_and_duplicates_choices_as_on_the_page(db, tmp_path):
    path = tmp_path / "pilihan.csv"
    head = "Cap waktu,Jenis Layanan," + ",".join(f"U{i}" for i in range(1, 10))
    lines = [head, "2024/03/01 10:00:00,KTP,4,4,4,4,4,4,4,4,4", "2024/03/01 10:00:00,KTP,4,4,4,4,4,4,4,4,4"]
    lines.append("2024/03/02 09:00:00,,3,3,3,3,3,3,3,3,3")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    info = json.loads(skm("import", str(path), "--dry-run", "--json", db=db).stdout)
    assert info["duplicates"] == [{"row": 3, "same_as": 2}]
    assert {x["name"]: x["rows"] for x in info["layanan"]} == {"KTP": 2, "Tidak disebutkan": 1}
    args = ["import", str(path), "--blank-layanan", "KTP", "--drop-duplicates"]
    info = json.loads(skm(*args, "--dry-run", "--json", db=db).stdout)
    assert info["layanan"] == [{"name": "KTP", "rows": 2}] and info["duplicates"] == []
    assert skm(*args, "--unit", UNIT, "--period", "2024-S1", db=db).returncode == 0
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    assert out["respondents"] == 2 and out["ikm"] == 87.5


HEAVY = ("pandas", "pyarrow", "fpdf", "plotly", "duckdb", "numpy")


@pytest.mark.parametrize("argv", [["--help"], ["import", "--help"], []])
def test_cli_start_imports_no_heavy_module(argv):
    """`python -m skm --help` (and a usage error) answers without loading the data stack: those
    modules are imported inside the commands that need them (issue 17: start ≤ 0,3 s)."""
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['skm', *{argv!r}]\n"
        "try:\n"
        "    runpy.run_module('skm', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "python -m skm" in out.stdout + out.stderr  # the usage was printed
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_cli_import_loads_the_readers_it_needs(tmp_path):
    """The opposite check, so the one above cannot pass by loading nothing at all: an import does
    load duckdb and pandas (lazily) and stores the rows."""
    db = tmp_path / "lazy.duckdb"
    # Printed by an atexit handler: `python -m skm` ends its process itself (skm.process_exit).
    probe = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules} & {'duckdb', 'pandas'})))\n"
        f"sys.argv = ['skm', '--db', {str(db)!r}, 'import', {str(SEED_CSV)!r}, '--unit', {UNIT!r}, "
        "'--period', '2024-S1']\n"
        "runpy.run_module('skm', run_name='__main__')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "['duckdb', 'pandas']"


def test_cli_import_hands_the_store_the_file_as_it_looked_before_it_was_read(tmp_path):
    """The Store copies the file itself and checks the copy against how the file looked just before
    it was read (skm.source_file): not the bytes, which need not stay in memory while the rows go in."""
    from skm import cli
    from skm.source_file import SourceFile

    path = tmp_path / "tabel1.csv"
    path.write_bytes(SEED_CSV.read_bytes())
    before = path.stat()
    args = cli.build_parser().parse_args(["import", str(path), "--unit", UNIT, "--period", "2024-S1"])
    kept, survey = cli._read(args)
    assert isinstance(kept, SourceFile) and kept.path == path and kept.unchanged()
    assert kept.seen[2:] == (before.st_size, before.st_mtime_ns, before.st_ctime_ns)
    assert survey.row_count == 6
