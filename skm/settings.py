"""Report settings per unit and period: kop surat, letter fields, signatory, tembusan, BAB I.

settings = default_settings(unit)          # what we can guess from the unit tree
settings = ReportSettings.from_json(text)  # as stored in DuckDB (report_settings table)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from skm.units import Unit

BAB_I_DEFAULT = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik menempatkan masyarakat sebagai pihak yang "
    "ikut menentukan mutu pelayanan: penyelenggara wajib membuka ruang partisipasi dan mendengar penilaian "
    "para pengguna layanan. Peraturan Pemerintah Nomor 96 Tahun 2012 menjabarkan kewajiban tersebut, "
    "termasuk pengikutsertaan masyarakat dalam menilai kinerja penyelenggara pelayanan publik.\n\n"
    "Salah satu sarana penilaian itu adalah Survei Kepuasan Masyarakat (SKM) sebagaimana diatur dalam "
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
    "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. Melalui sembilan "
    "unsur pelayanan, SKM mengukur secara menyeluruh seberapa puas masyarakat terhadap layanan yang "
    "diterimanya.\n\n"
    "Hasil SKM tidak berhenti sebagai angka. Unsur dengan nilai terendah menjadi prioritas perbaikan, "
    "dituangkan dalam Rencana Tindak Lanjut (RTL), dilaksanakan, lalu dilaporkan. Laporan ini memuat "
    "rencana dan realisasi tindak lanjut tersebut sebagai bagian dari perbaikan pelayanan yang "
    "berkelanjutan."
)


DATE_FIELDS = ("tanggal", "tanggal_terbit")


@dataclass
class ReportSettings:
    # Kop surat, one line each (top to bottom), then the address block.
    kop_pemerintah: str = ""
    kop_kota: str = ""
    kop_kecamatan: str = ""
    kop_unit: str = ""
    alamat: str = ""
    telepon: str = ""
    kode_pos: str = ""
    kota_surat: str = "JAKARTA"
    # Letter
    nomor: str = ""
    sifat: str = "Penting"
    lampiran: str = "1 (satu) berkas"
    hal: str = ""
    kepada: str = ""
    kepada_di: str = "Jakarta"
    tempat: str = "Jakarta"
    tanggal: date | None = None
    # The day the period's SKM results report (Laporan Survei Kepuasan Masyarakat) was issued: the
    # RTL clock of PEKPPP indicator 9 starts here (skm.pekppp), not at the end of the semester.
    tanggal_terbit: date | None = None
    # Signatory
    jabatan: str = ""
    penandatangan: str = ""
    nip: str = ""
    tembusan: list[str] = field(default_factory=list)
    bab1: str = BAB_I_DEFAULT

    def to_json(self) -> str:
        data = asdict(self)
        for name in DATE_FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if value else None
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ReportSettings:
        raw = json.loads(text)
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in raw.items() if k in known}
        for name in DATE_FIELDS:
            data[name] = date.fromisoformat(data[name]) if data.get(name) else None
        return cls(**data)


def _titled(level: str, name: str) -> str:
    """'Kelurahan Makasar' from ('kelurahan', 'Makasar'); a name that already says its level stays;
    Jakarta's kota are kota administrasi."""
    if level == "kota" and _jakarta_name(name):
        return f"Kota Administrasi {name.removeprefix('Kota Administrasi ').removeprefix('Kota ')}"
    word = {"kota": "Kota", "kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}.get(level, "")
    return name if not word or name.casefold().startswith(word.casefold()) else f"{word} {name}"


# A kota's own letters go to the governor of its province. The province is not in the unit tree:
# the five kota administrasi of DKI Jakarta are known by name; elsewhere the kop's "PEMERINTAH
# PROVINSI …" line names it, else the letter says "Gubernur" and the office adds the province once.
JAKARTA_KOTA = frozenset({"jakarta pusat", "jakarta utara", "jakarta barat", "jakarta selatan", "jakarta timur"})
GUBERNUR_DKI = "Yth. Gubernur Provinsi DKI Jakarta"
KOP_PEMERINTAH_DKI = "PEMERINTAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA"


def _jakarta_name(name: str) -> bool:
    name = name.casefold()
    for prefix in ("kota administrasi ", "kota "):
        name = name.removeprefix(prefix)
    return name in JAKARTA_KOTA


def _is_jakarta(unit: Unit) -> bool:
    return unit.level == "kota" and _jakarta_name(unit.name)


def governor(unit: Unit, kop_pemerintah: str = "") -> str:
    """The addressee of a kota's letter (its Laporan Rekapitulasi SKM).

    >>> governor(Unit(1, "Jakarta Timur", "kota", None, ("Jakarta Timur",)))
    'Yth. Gubernur Provinsi DKI Jakarta'
    >>> governor(Unit(1, "Kota Bekasi", "kota", None, ("Kota Bekasi",)), "PEMERINTAH PROVINSI JAWA BARAT")
    'Yth. Gubernur Provinsi Jawa Barat'
    >>> governor(Unit(1, "Kota Bekasi", "kota", None, ("Kota Bekasi",)))
    'Yth. Gubernur'
    """
    kop = " ".join(kop_pemerintah.split()).upper()
    if kop.startswith("PEMERINTAH PROVINSI ") and kop != KOP_PEMERINTAH_DKI:
        return f"Yth. Gubernur {kop.removeprefix('PEMERINTAH ').title()}"
    if kop == KOP_PEMERINTAH_DKI or _is_jakarta(unit):
        return GUBERNUR_DKI
    return "Yth. Gubernur"


def default_addressee(unit: Unit, kop_pemerintah: str = "") -> str:
    """Who the unit's letter goes to: a kelurahan's to its camat, a kecamatan's to its walikota, a
    kota's to the governor ('' for a unit whose parent is not known)."""
    if unit.level == "kota":
        return governor(unit, kop_pemerintah)
    titled = [_titled(lvl, name) for lvl, name in zip(_levels(list(unit.path), unit.level), unit.path, strict=True)]
    boss = {"kelurahan": "Camat", "kecamatan": "Walikota"}.get(unit.level)
    return f"Yth. {boss} {titled[-2]}" if boss and len(titled) > 1 else ""


def default_settings(unit: Unit) -> ReportSettings:
    """A first guess from the unit tree; the office corrects it once and it is kept."""
    path = list(unit.path)
    levels = _levels(path, unit.level)
    titled = [_titled(lvl, name) for lvl, name in zip(levels, path, strict=True)]
    kop = {lvl: t.upper() for lvl, t in zip(levels, titled, strict=True)}
    head = {"kelurahan": "Lurah", "kecamatan": "Camat", "kota": "Walikota"}.get(unit.level, "Kepala")
    pemerintah = KOP_PEMERINTAH_DKI if _is_jakarta(unit) else ""
    return ReportSettings(
        kop_pemerintah=pemerintah,
        kop_kota=kop.get("kota", "") if unit.level != "kota" else "",
        kop_kecamatan=kop.get("kecamatan", "") if unit.level == "kelurahan" else "",
        kop_unit=titled[-1].upper(),
        jabatan=f"{head} {titled[-1]}",
        kepada=default_addressee(unit, pemerintah),
        tembusan=["Arsip"],
    )


def _levels(path: list[str], level: str) -> list[str]:
    """The level of each name on the path. A path cut short above (an operator's view of its own
    unit, 'Halim Perdanakusuma' alone) ends at the unit's own level, so its kop has no kota line."""
    depth_levels = ("kota", "kecamatan", "kelurahan")
    end = depth_levels.index(level) if level in depth_levels else 2
    if len(path) > end:
        return [depth_levels[min(i, 2)] for i in range(len(path))]
    return list(depth_levels[end - len(path) + 1 : end + 1])
