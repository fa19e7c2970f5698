"""Demo data, always labelled as such.

(a) The real Tabel 1 of the Laporan Hasil Tindak Lanjut SKM Semester I 2024 of Kelurahan Halim
    Perdanakusuma (shared/seed), with its RTL plan and realisation.
(b) Synthetic respondents ("DATA SINTETIS") for the five kelurahan of Kecamatan Makasar and the
    seven of Kramat Jati and five of Pasar Rebo (`wilayah.py`) over six semesters, generated with a
    fixed seed (`synthetic.py`) and imported through the same importer users use; RTL plans of the
    last three semesters for most kelurahan outside Makasar (`rencana.py`), letter settings (kop) of
    each kecamatan.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from importlib import resources

from skm.demo.rencana import demo_plan
from skm.demo.synthetic import LAYANAN, respondents_csv
from skm.demo.wilayah import KECAMATAN_SINTETIS, DemoKecamatan, kecamatan_settings, kelurahan_settings
from skm.ingest import read_survey
from skm.rtl import RtlItem
from skm.settings import ReportSettings, default_settings
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period

KOTA = "Jakarta Timur"
KECAMATAN = "Makasar"
KELURAHAN = ("Halim Perdanakusuma", "Makasar", "Kebon Pala", "Pinang Ranti", "Cipinang Melayu")
SEED_UNIT = f"{KOTA}/{KECAMATAN}/Halim Perdanakusuma"
SEED_PERIOD = Period(2024, 1)
SEED_FILE = "halim_2024s1_tabel1.csv"
PERIODS = tuple(Period(t, s) for t in (2023, 2024, 2025) for s in (1, 2))
SOURCE_SEED = "demo-laporan"
# Latent answer level per kelurahan (before clipping to 1-4): Halim near its real 2024 result.
BASE_QUALITY = (4.15, 3.15, 3.45, 3.55, 3.35)
SOURCE_SYNTHETIC = "demo-sintetis"
# How many kelurahan each demo kecamatan has (the kota has their sum).
KELURAHAN_PER_KECAMATAN = {KECAMATAN: len(KELURAHAN), **{k.name: len(k.kelurahan) for k in KECAMATAN_SINTETIS}}

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


def synthetic_csv(kelurahan_index: int, period: Period, layanan: tuple[str, ...] = LAYANAN) -> bytes:
    """A Google-Forms-like export (words, 'Cap waktu') for one kelurahan of Makasar and semester."""
    quality = BASE_QUALITY[kelurahan_index] + 0.05 * PERIODS.index(period)
    return respondents_csv(f"{kelurahan_index}-{period.code}", quality, period, layanan)


def _synthetic_files(skip: tuple[str, Period]) -> Iterator[tuple[str, Period, str, bytes]]:
    """(unit path, period, file name, CSV) of every synthetic semester, Makasar first (its files
    are those of the first demo, byte for byte), then the other kecamatan."""
    for i, name in enumerate(KELURAHAN):
        path = f"{KOTA}/{KECAMATAN}/{name}"
        for period in PERIODS:
            if (path, period) != skip:
                yield path, period, _file_name(name, period), synthetic_csv(i, period)
    for kec in KECAMATAN_SINTETIS:
        for kel in kec.kelurahan:
            path = f"{KOTA}/{kec.name}/{kel.name}"
            for n, period in enumerate(PERIODS):
                quality = kel.quality + kel.trend * n
                data = respondents_csv(f"{path}-{period.code}", quality, period, kel.layanan, (25, 60))
                yield path, period, _file_name(f"{kec.name} {kel.name}", period), data


def _file_name(name: str, period: Period) -> str:
    return f"demo-sintetis_{name.replace(' ', '-').lower()}_{period.code}.csv"


def load_demo(store: Store) -> Iterator[str]:
    """Load the demo set (idempotent: files already imported are skipped)."""
    seed_unit, _ = store.ensure_unit_path(SEED_UNIT, is_demo=True)
    data = resources.files("skm.demo").joinpath(SEED_FILE).read_bytes()
    outcome = store.import_survey(
        read_survey(data, SEED_FILE), data, seed_unit.id, SEED_PERIOD, user="demo", source=SOURCE_SEED
    )
    yield f"{SEED_UNIT} {SEED_PERIOD.label}: Tabel 1 laporan asli — {outcome.message}"
    _load_seed_rtl(store, seed_unit.id)
    # Generating and reading the next file (DuckDB's CSV parser, outside the GIL) runs in a
    # second thread while this one stores the previous: the importer users use, in a pipeline.
    with ThreadPoolExecutor(max_workers=1) as reader:
        files = reader.map(lambda f: (*f, read_survey(f[3], f[2])), _synthetic_files(skip=(SEED_UNIT, SEED_PERIOD)))
        units: dict[str, int] = {}
        for path, period, _, data, survey in files:
            if path not in units:
                units[path] = store.ensure_unit_path(path, is_demo=True)[0].id
            outcome = store.import_survey(survey, data, units[path], period, user="demo", source=SOURCE_SYNTHETIC)
            yield f"{path.rsplit('/', 1)[-1]} {period.label}: data sintetis — {outcome.message}"
    _load_kecamatan_settings(store, KECAMATAN, "", "13570")
    for kec in KECAMATAN_SINTETIS:
        _load_kecamatan_settings(store, kec.name, kec.alamat, kec.kode_pos)
        yield from _load_kecamatan_rtl(store, kec)


def _load_kecamatan_settings(store: Store, name: str, alamat: str, kode_pos: str) -> None:
    """The camat's letter settings (kop, addressee), from the first semester on; kept if edited."""
    unit = store.find_unit(f"{KOTA}/{name}")
    if store.report_settings(unit, PERIODS[0]) == default_settings(unit):
        store.save_report_settings(unit.id, PERIODS[0], kecamatan_settings(name, alamat, kode_pos), "demo")


def _load_kecamatan_rtl(store: Store, kec: DemoKecamatan) -> Iterator[str]:
    """Each kelurahan's RTL of the last three semesters, planned for its own priorities
    (written once: a period that already has an RTL is left alone)."""
    for kel in kec.kelurahan:
        if kel.rtl_done is None:
            continue
        child = store.find_unit(f"{KOTA}/{kec.name}/{kel.name}")
        for period in PERIODS[-3:]:
            result = unit_summary(store, child, period)
            assert result is not None
            items = demo_plan(result.priorities, period, kel.rtl_done)
            store.load_rtl_seed(child.id, period, kelurahan_settings(kec.name, kel), items)
        yield f"{kel.name}: RTL {PERIODS[-3].label} … {PERIODS[-1].label}, {kel.rtl_done} dari 3 terealisasi"


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
