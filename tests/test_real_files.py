"""Real files other offices and SKM applications published (tests/real/, provenance in its README),
imported through the command line as an office would, against figures computed independently with
exact fractions by the corpus's own scripts (tests/real/expect/, no project code).

Each file: `import --dry-run --json` (kind, summary rows, rows without answers, blank layanan), then
a real import into a fresh database and `summary --json`: per layanan the respondents and the NRR
of every unsur (equal to the exact fraction within float rounding), the unit's IKM (respondent
files: every respondent pooled, as the corpus computes it). Files that must be refused: exit 1,
nothing written, and the message says what the file is.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from skm.ingest.crosscheck import row_ranges  # how warnings write row numbers ("4–6", "11, 13")

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "real"
EXPECTED: dict[str, dict] = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
NO_COLUMN = "Semua layanan"  # the --layanan given for files without a layanan column (key "*")
UNIT = "Kota Uji/Kecamatan Uji/Kelurahan Uji"
CODES = [f"U{i}" for i in range(1, 10)]

# What each refusal must say (Indonesian, what the file is and what to do).
REFUSALS = {
    "refuse_anshob_template_skm_kosong.xlsx": ("templat kosong", "isi jawaban responden"),
    "refuse_banyuwangi_ikm_kecamatan_11unsur.xlsx": ("11 unsur (V1–V11)", "kuesioner sembilan"),
    "refuse_biro_organisasi_sumbar_kata_tak_dikenal.csv": ("'Ada Tetapi Tidak Diterapkan' tidak dikenal untuk U8",),
    "refuse_dpmptsp_pulpis_maklumat_2014.csv": ("Maklumat pelayanan", "aturan lama", "kuesioner 2017"),
    "refuse_eskm_bpbd_bandung_pengolahan_skala5.xlsx": ("kuesioner skala 1–5", "survei dengan skala 1–4"),
    "refuse_eskm_setda_mahulu_template_kosong.csv": ("templat kosong",),
    "refuse_lab_servqual_3_unsur.csv": ("hanya memuat 3 dari sembilan unsur",),
    "refuse_mpp_pangkep_report_jumlah_jawaban.xls": ("tabel jumlah jawaban per pilihan", "Unggah ekspor jawaban"),
    "refuse_pn_banjarmasin_satu_pertanyaan.csv": ("dari sembilan unsur", "satu pertanyaan kepuasan"),
}
# Files the importer does not read yet, with the reason (they stay in the corpus, and in the report).
NOT_YET: dict[str, str] = {}


def skm(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skm", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def layanan_name(key: str) -> str:
    return NO_COLUMN if key == "*" else key


def blank_lines(path: Path) -> set[int]:
    """Rows of a CSV file whose every cell is blank."""
    if path.suffix != ".csv":
        return set()
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    return {n for n, row in enumerate(rows, start=1) if not any(c.strip() for c in row)}


def test_the_corpus_is_at_least_twenty_files_with_provenance():
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert len(EXPECTED) >= 20
    for name in EXPECTED:
        assert (REAL / name).is_file(), name
        assert f"## {name}" in readme and "Provenance" in readme.split(f"## {name}")[1].split("\n## ")[0], name


RUNNABLE = [p for p in sorted((REAL / "expect").glob("[!_]*.py")) if "openpyxl" not in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("script", RUNNABLE, ids=[p.stem for p in RUNNABLE])
def test_expected_figures_are_derived_from_the_files(script):
    """The corpus's scripts read the files with exact fractions and give expected.json again."""
    out = subprocess.run(
        [sys.executable, script.name], cwd=script.parent, capture_output=True, text=True, timeout=60, check=True
    )
    derived = json.loads(out.stdout)
    for name, figures in derived.items():
        assert figures == EXPECTED[name], name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_through_the_command_line(name, tmp_path):
    expected = EXPECTED[name]
    if name in NOT_YET:
        pytest.skip(NOT_YET[name])
    db = tmp_path / "skm.duckdb"
    path = REAL / name
    dry = skm("import", str(path), "--dry-run", "--json", "--layanan", NO_COLUMN, db=db)
    info = json.loads(dry.stdout)
    if expected["kind"] == "refuse":
        assert dry.returncode == 1 and info["kind"] == "refused"
        message = " ".join(p["message"] for p in info["problems"])
        for part in REFUSALS[name]:
            assert part in message, (part, message)
        real = skm("import", str(path), "--unit", UNIT, "--period", "2024-S1", "--layanan", NO_COLUMN, db=db)
        assert real.returncode == 1 and "File ditolak" in real.stderr
        return
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert not db.exists()  # a dry run writes nothing
    assert info["kind"] == ("aggregate" if expected["kind"] == "aggregate_unsur" else expected["kind"])
    warnings = " ".join(info["warnings"])
    left_out = {s["row"] for s in info["summary_rows"]}
    assert set(expected.get("summary_rows") or []) <= left_out
    named = [r for r in expected.get("rows_without_answers") or [] if r not in blank_lines(path)]
    if named:  # rows with something but no answer; wholly blank lines are passed over silently
        assert f"Baris {row_ranges(named)}: tidak menjawab" in warnings
    if expected.get("rows_blank_layanan"):
        assert f"Baris {row_ranges(expected['rows_blank_layanan'])}: jenis layanan" in warnings

    real = skm("import", str(path), "--unit", UNIT, "--period", "2024-S1", "--layanan", NO_COLUMN, db=db)
    assert real.returncode == 0, real.stderr
    out = json.loads(skm("summary", "--unit", UNIT, "--period", "2024-S1", "--json", db=db).stdout)
    ours = {x["name"]: x for x in out["layanan"]}
    assert set(ours) == {layanan_name(k) for k in expected["layanan"]}
    for key, figures in expected["layanan"].items():
        got = ours[layanan_name(key)]
        assert got["respondents"] == figures["respondents"], key
        for code in CODES:
            assert abs(got["nrr"][code] - Fraction(figures["nrr"][code])) < 1e-9, (key, code)
        assert abs(got["ikm"] - Fraction(figures["ikm_exact"])) < 1e-9, key
    unit = out["pooled"] if out["pooled"] is not None else out
    assert f"{unit['ikm']:.2f}" == expected["unit_ikm"]
    if expected.get("unit_respondents") is not None:
        assert out["respondents"] == expected["unit_respondents"]
    if expected.get("file_own_ikm"):  # an office's IKM its NRR cannot give: named, not the headline
        assert expected["file_own_ikm"].replace(".", ",") in warnings
