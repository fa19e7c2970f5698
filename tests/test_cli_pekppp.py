"""`python -m skm publikasi …` and `pekppp …` as automation calls them: real processes, a real
DuckDB file loaded with the demo."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from skm.storage import Store
from tests.test_cli import UNIT, skm

ALLOWED = "cetak, elektronik, media_sosial, website, aplikasi, papan_reklame"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pek") / "demo.duckdb"
    r = skm("demo", db=path)
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def db(demo_file, tmp_path) -> Path:
    path = tmp_path / "skm.duckdb"
    shutil.copy(demo_file, path)
    return path


def checksums(db: Path) -> dict[str, str]:
    store = Store(db)
    try:
        return store.table_checksums()
    finally:
        store.close()


def add(db: Path, *extra: str, media: str = "website", when: str = "2024-07-15") -> object:
    return skm(
        "publikasi", "add", "--unit", UNIT, "--period", "2024-S1", "--media", media, "--date", when, *extra, db=db
    )


@pytest.mark.parametrize(
    ("media", "when", "said"),
    [
        ("koran", "2024-07-15", f"Media 'koran' tidak dikenal. Pilihan: {ALLOWED}."),
        ("cetak", "15-07-2024", "Tanggal '15-07-2024' bukan tanggal yang sah. Tulis YYYY-MM-DD"),
        ("cetak", "2024-02-30", "Tanggal '2024-02-30' bukan tanggal yang sah."),
    ],
)
def test_bad_medium_or_date_exits_1_naming_the_allowed_values_and_writes_nothing(db, media, when, said):
    before = checksums(db)
    r = add(db, media=media, when=when)
    assert r.returncode == 1
    assert said in r.stderr and "Traceback" not in r.stderr
    assert checksums(db) == before


def test_bad_proof_exits_1_and_writes_nothing(db, tmp_path):
    fake = tmp_path / "bukti.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>")
    before = checksums(db)
    r = add(db, "--bukti", str(fake))
    assert r.returncode == 1 and "bukti.png: bukan foto PNG atau JPEG." in r.stderr
    assert checksums(db) == before


def test_add_list_and_scores_as_json(db, tmp_path):
    proof = tmp_path / "layar.png"
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(buf, format="PNG")
    proof.write_bytes(buf.getvalue())
    r = add(db, "--tempat", "https://halim.example.go.id/skm", "--bukti", str(proof))
    assert r.returncode == 0, r.stderr
    assert "Publikasi #1 dicatat" in r.stdout
    r = add(db, media="cetak", when="2024-07-20")
    assert r.returncode == 0, r.stderr

    listed = skm("publikasi", "list", "--unit", UNIT, db=db)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [r[:5] for r in rows] == [
        ["#1", "2024-S1", "2024-07-15", "website", "https://halim.example.go.id/skm"],
        ["#2", "2024-S1", "2024-07-20", "cetak", "-"],
    ]
    assert rows[0][5] == "layar.png"

    out = json.loads(skm("pekppp", "--unit", UNIT, "--year", "2024", "--json", db=db).stdout)
    assert (out["unit"], out["year"]) == (UNIT, 2024)
    assert set(out["indicators"]) == {"6", "7", "8", "9"}
    scores = {k: v["score"] for k, v in out["indicators"].items()}
    assert scores == {"6": 5, "7": 2, "8": 5, "9": 5}
    assert (
        out["indicators"]["7"]["why"] == "Hasil SKM dipublikasikan di 2 media: media cetak / non-elektronik, website."
    )
    assert out["indicators"]["8"]["why"] == "Semester I 2024: 4 dari 4 kegiatan RTL terealisasi (100%)."
    files = [d["file"] for d in out["documents"]]
    assert "01_laporan-skm_2024-S1.pdf" in files and any(f.endswith("kuesioner-skm.pdf") for f in files)
    assert all(d["indicators"] for d in out["documents"])

    audit = Store(db)
    try:
        actions = [e.action for e in audit.audit_entries(actions=["publikasi_add"])]
    finally:
        audit.close()
    assert actions == ["publikasi_add", "publikasi_add"]


def test_demo_scores_in_words(db):
    r = skm("pekppp", "--unit", UNIT, "--year", "2024", db=db)
    assert r.returncode == 0, r.stderr
    assert "8. Persentase RTL hasil SKM yang selesai ditindaklanjuti: 5" in r.stdout
    assert "7. Jumlah media publikasi hasil SKM: 0" in r.stdout
    assert "Untuk naik: Catat publikasi di 1 media lagi untuk nilai 1." in r.stdout


def test_output_writes_the_evidence_pack_the_json_lists(db, tmp_path):
    import zipfile

    out = tmp_path / "bukti.zip"
    r = skm("pekppp", "--unit", UNIT, "--year", "2024", "--json", "--output", str(out), db=db)
    assert r.returncode == 0, r.stderr
    listed = [d["file"] for d in json.loads(r.stdout)["documents"]]
    names = zipfile.ZipFile(out).namelist()
    assert names == ["00_indeks-bukti.pdf", *listed]
    assert "02_laporan-skm_2024-S2.pdf" in names and "03_laporan-tindak-lanjut_2024-S1.pdf" in names


def test_a_kecamatan_is_scored_per_kelurahan(db):
    r = skm("pekppp", "--unit", "Jakarta Timur/Makasar", "--year", "2024", db=db)
    assert r.returncode == 1
    assert "PEKPPP dinilai per unit layanan" in r.stderr and "Halim Perdanakusuma" in r.stderr
