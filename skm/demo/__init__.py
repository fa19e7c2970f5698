"""Demo data, always labelled as such.

(a) The real Tabel 1 of the Laporan Hasil Tindak Lanjut SKM Semester I 2024 of Kelurahan Halim
    Perdanakusuma (shared/seed), with its RTL plan and realisation.
(b) Synthetic respondents ("DATA SINTETIS") for the five kelurahan of Kecamatan Makasar over six
    semesters, generated with a fixed seed and imported through the same importer users use.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from importlib import resources

from skm.ingest import read_survey
from skm.rtl import RtlItem
from skm.settings import ReportSettings
from skm.storage import Store
from skm.units import Period
from skm.unsur import CODES, UNSUR

KOTA = "Jakarta Timur"
KECAMATAN = "Makasar"
KELURAHAN = ("Halim Perdanakusuma", "Makasar", "Kebon Pala", "Pinang Ranti", "Cipinang Melayu")
SEED_UNIT = f"{KOTA}/{KECAMATAN}/Halim Perdanakusuma"
SEED_PERIOD = Period(2024, 1)
SEED_FILE = "halim_2024s1_tabel1.csv"
PERIODS = tuple(Period(t, s) for t in (2023, 2024, 2025) for s in (1, 2))
LAYANAN = ("Jumantik", "Keterlibatan Umum", "PKK", "Posyandu", "PPSU", "RT/RW, LMK dan FKDM")
SOURCE_SEED = "demo-laporan"
# Latent answer level per kelurahan (before clipping to 1-4): Halim near its real 2024 result.
BASE_QUALITY = (4.15, 3.15, 3.45, 3.55, 3.35)
SOURCE_SYNTHETIC = "demo-sintetis"

DEMO_SOURCES = {SOURCE_SEED: "Tabel 1 sebuah laporan asli", SOURCE_SYNTHETIC: "data sintetis"}


def demo_notice(sources: set[str], period_label: str) -> str:
    """What the DATA DEMO notice of a demo unit says, from the sources of the period's counted data:
    demo data is named only where it is demo data; an operator's own upload (or online answers)
    into a demo unit is never called "data sintetis".

    >>> demo_notice({SOURCE_SYNTHETIC}, "Semester I 2025")
    '**DATA DEMO.** Data Semester I 2025 adalah data peragaan (data sintetis), bukan hasil survei resmi.'
    >>> demo_notice({"unggah"}, "Semester I 2026")
    '**Unit peragaan.** Data Semester I 2026 unit ini diunggah atau diisi pengguna, bukan data demo.'
    """
    demo = [DEMO_SOURCES[s] for s in sorted(sources) if s in DEMO_SOURCES]
    own = sources - set(DEMO_SOURCES)
    if not sources:
        return (
            "**DATA DEMO.** Unit peragaan: Tabel 1 sebuah laporan asli (Semester I 2024) dan data sintetis, "
            "bukan hasil survei resmi."
        )
    if not demo:
        return f"**Unit peragaan.** Data {period_label} unit ini diunggah atau diisi pengguna, bukan data demo."
    what = " dan ".join(demo)
    if own:
        return (
            f"**DATA DEMO sebagian.** Sebagian data {period_label} adalah data peragaan ({what}); "
            "sebagian lagi diunggah atau diisi pengguna."
        )
    return f"**DATA DEMO.** Data {period_label} adalah data peragaan ({what}), bukan hasil survei resmi."


# The seed's Tabel 2 (plan) and BAB III (realisation).
SEED_RTL = (
    (
        1,
        "U1",
        "Melakukan Sosialisasi kepada masyarakat melalui RT/RW/LMK akan tugas dan fungsi PPSU",
        "II",
        "Lurah",
        date(2024, 5, 31),
        "Rapat Koordinasi RT/RW/LMK membahas tugas dan fungsi PPSU dilaksanakan di Aula Kelurahan Halim "
        "Perdanakusuma dipimpin oleh Lurah Halim Perdanakusuma",
    ),
    (
        1,
        "U1",
        "Melakukan Sosialisasi kepada masyarakat melalui RT, RW, LMK, kader melalui kegiatan "
        "kemasyarakatan seperti PSN",
        "II",
        "Lurah",
        date(2024, 5, 17),
        "Sosialisasi kepada masyarakat terkait dengan persyaratan untuk mendapatkan pelayanan PPSU "
        "dilaksanakan di setiap RW pada saat kegiatan PSN",
    ),
    (
        2,
        "U2",
        "Melakukan evaluasi dan pengawasan terhadap Petugas PPSU",
        "II",
        "Lurah",
        date(2024, 5, 30),
        "Rapat Monitoring dan Evaluasi terhadap kinerja PPSU dilaksanakan di Aula Kelurahan Halim "
        "Perdanakusuma dipimpin oleh Lurah Halim Perdanakusuma",
    ),
    (
        3,
        "U6",
        "Mengadakan peningkatan wawasan terhadap PPSU terkait tugas dan fungsi",
        "II",
        "Lurah",
        date(2024, 5, 22),
        "Sosialisasi tugas dan fungsi terhadap petugas PPSU dilaksanakan di Aula Kelurahan Halim "
        "Perdanakusuma dipimpin oleh Lurah Halim Perdanakusuma",
    ),
)

QUESTIONS = {
    "U1": "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
    "standar pelayanan dengan hasil yang diberikan?",
    "U6": "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U8": "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
PENDIDIKAN = ("SD", "SMP", "SMA/SMK", "SMA/SMK", "SMA/SMK", "D3", "S1", "S1", "S2")
PEKERJAAN = (
    "PNS",
    "TNI/Polri",
    "Pegawai Swasta",
    "Pegawai Swasta",
    "Wiraswasta",
    "Wiraswasta",
    "Pelajar/Mahasiswa",
    "Ibu Rumah Tangga",
    "Ibu Rumah Tangga",
    "Lainnya",
)
SARAN = (
    "Pertahankan pelayanan yang sudah baik.",
    "Petugas PPSU agar lebih sering membersihkan saluran air.",
    "Mohon informasi persyaratan ditempel di depan kantor.",
    "Ruang tunggu kurang nyaman saat ramai.",
    "Jadwal posyandu sebaiknya diumumkan lewat grup RW.",
    "Petugas ramah dan cepat, terima kasih.",
    "Perlu tambahan tempat parkir.",
    "Pengaduan lewat WhatsApp belum dibalas cepat.",
)


def _words(code: str) -> list[str]:
    ranked = sorted(UNSUR[code].answers.items(), key=lambda kv: kv[1])
    seen: dict[int, str] = {}
    for word, score in ranked:
        seen.setdefault(score, word)
    return [seen[s][0].upper() + seen[s][1:] for s in (1, 2, 3, 4)]


def _answer(rng: random.Random, quality: float) -> int:
    return max(1, min(4, round(rng.gauss(quality, 0.55))))


def synthetic_csv(kelurahan_index: int, period: Period, layanan: tuple[str, ...] = LAYANAN) -> bytes:
    """A Google-Forms-like export (words, 'Cap waktu') for one kelurahan and semester."""
    rng = random.Random(f"{kelurahan_index}-{period.code}")
    base = BASE_QUALITY[kelurahan_index] + 0.05 * PERIODS.index(period)
    unsur_offset = {c: rng.uniform(-0.25, 0.15) for c in CODES}
    words = {c: _words(c) for c in CODES}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(
        [
            "Cap waktu",
            "Jenis Kelamin",
            "Usia",
            "Pendidikan Terakhir",
            "Pekerjaan",
            "Jenis Layanan",
            *(f"{i}. {QUESTIONS[c]}" for i, c in enumerate(CODES, start=1)),
            "Kritik dan Saran",
        ]
    )
    start = datetime(period.tahun, 1 if period.semester == 1 else 7, 2, 8, 0)
    for lay_index, name in enumerate(layanan):
        lay_offset = rng.uniform(-0.2, 0.2) - (0.15 if name == "PPSU" else 0)
        for _ in range(rng.randint(35, 80)):
            when = start + timedelta(days=rng.randint(0, 170), minutes=rng.randint(0, 480))
            answers = []
            for c in CODES:
                blank = rng.random() < (0.02 if c == "U4" else 0.004)
                answers.append("" if blank else words[c][_answer(rng, base + lay_offset + unsur_offset[c]) - 1])
            w.writerow(
                [
                    when.strftime("%Y/%m/%d %H:%M:%S"),
                    rng.choice(("Laki-laki", "Perempuan")),
                    rng.randint(17, 72),
                    rng.choice(PENDIDIKAN),
                    rng.choice(PEKERJAAN),
                    name,
                    *answers,
                    rng.choice(SARAN) if rng.random() < 0.15 else "",
                ]
            )
        del lay_index
    return out.getvalue().encode("utf-8")


def load_demo(store: Store) -> Iterator[str]:
    """Load the demo set (idempotent: files already imported are skipped)."""
    seed_unit, _ = store.ensure_unit_path(SEED_UNIT, is_demo=True)
    data = resources.files("skm.demo").joinpath(SEED_FILE).read_bytes()
    outcome = store.import_survey(
        read_survey(data, SEED_FILE), data, seed_unit.id, SEED_PERIOD, user="demo", source=SOURCE_SEED
    )
    yield f"{SEED_UNIT} {SEED_PERIOD.label}: Tabel 1 laporan asli — {outcome.message}"
    _load_seed_rtl(store, seed_unit.id)
    for i, name in enumerate(KELURAHAN):
        unit, _ = store.ensure_unit_path(f"{KOTA}/{KECAMATAN}/{name}", is_demo=True)
        for period in PERIODS:
            if unit.id == seed_unit.id and period == SEED_PERIOD:
                continue
            filename = f"demo-sintetis_{name.replace(' ', '-').lower()}_{period.code}.csv"
            data = synthetic_csv(i, period)
            outcome = store.import_survey(
                read_survey(data, filename), data, unit.id, period, user="demo", source=SOURCE_SYNTHETIC
            )
            yield f"{name} {period.label}: data sintetis — {outcome.message}"


SEED_SETTINGS = ReportSettings(
    kop_pemerintah="PEMERINTAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA",
    kop_kota="KOTA ADMINISTRASI JAKARTA TIMUR",
    kop_kecamatan="KECAMATAN MAKASAR",
    kop_unit="KELURAHAN HALIM PERDANAKUSUMA",
    alamat="Jl. Squadron No. 1.A",
    telepon="Telp/Fax. (021) 8093744",
    kode_pos="13610",
    kota_surat="JAKARTA",
    nomor="465 / OT.06",
    sifat="Penting",
    lampiran="1 (satu) berkas",
    hal="Laporan Hasil Tindak Lanjut Pelaksanaan SKM Semester I Tahun 2024 Kelurahan Halim Perdanakusuma",
    kepada="Yth. Camat Kecamatan Makasar",
    kepada_di="Jakarta",
    tempat="Jakarta",
    tanggal=date(2024, 7, 9),
    jabatan="Lurah Kelurahan Halim Perdanakusuma",
    penandatangan="Heru Suryono",
    nip="197304041996031003",
    tembusan=[
        "Walikota Kota Administrasi Jakarta Timur u.p. Kepala Bagian KKPP Setko Kota Administrasi Jakarta Timur",
        "Arsip",
    ],
)


def _load_seed_rtl(store: Store, unit_id: int) -> None:
    items = [
        RtlItem(nomor, unsur, program, tuple(tw.split(",")), pj, "sudah", tanggal, deskripsi, "Tidak ada hambatan")
        for nomor, unsur, program, tw, pj, tanggal, deskripsi in SEED_RTL
    ]
    store.load_rtl_seed(unit_id, SEED_PERIOD, SEED_SETTINGS, items)


def ensure_demo(store: Store) -> bool:
    """Load the demo set into an empty database (first start of the app); True if it loaded."""
    if store.units():
        return False
    for _ in load_demo(store):
        pass
    return True
