"""The demo kota's kecamatan and kelurahan beyond the seed's Makasar: real names of Jakarta Timur
(Kramat Jati 31.75.04, Pasar Rebo 31.75.05; not Duren Sawit, which tests use as a kecamatan
outside the demo), synthetic figures. Each kelurahan has its own answer
level and trend, so the kota's ranking and the trend lines differ, and its own RTL progress."""

from __future__ import annotations

from dataclasses import dataclass

from skm.demo.synthetic import LAYANAN
from skm.settings import ReportSettings


@dataclass(frozen=True)
class DemoKelurahan:
    name: str
    kode_pos: str
    quality: float  # latent answer level in the first semester (2023-S1)
    trend: float  # change of that level per semester
    rtl_done: int | None  # RTL items realised of the three each semester; None: no RTL recorded
    layanan: tuple[str, ...] = LAYANAN


@dataclass(frozen=True)
class DemoKecamatan:
    name: str
    alamat: str
    kode_pos: str
    kelurahan: tuple[DemoKelurahan, ...]


KECAMATAN_SINTETIS = (
    DemoKecamatan(
        "Kramat Jati",
        "",  # not verified: left blank rather than guessed
        "13510",
        (
            DemoKelurahan("Kramat Jati", "13510", 3.05, 0.04, 1),
            DemoKelurahan("Batu Ampar", "13520", 3.30, 0.02, 3),
            DemoKelurahan("Balekambang", "13530", 3.55, 0.03, 3),
            DemoKelurahan("Tengah", "13540", 2.85, 0.05, 1, LAYANAN[:4]),
            DemoKelurahan("Dukuh", "13550", 3.20, -0.03, None),
            DemoKelurahan("Cawang", "13630", 3.40, 0.00, 2),
            DemoKelurahan("Cililitan", "13640", 2.70, 0.06, 0, LAYANAN[2:]),
        ),
    ),
    DemoKecamatan(
        "Pasar Rebo",
        "",  # not verified: left blank rather than guessed
        "13760",
        (
            DemoKelurahan("Pekayon", "13710", 3.70, 0.02, 3),
            DemoKelurahan("Kalisari", "13790", 3.85, 0.01, 3),
            DemoKelurahan("Baru", "13780", 3.45, 0.04, 2),
            DemoKelurahan("Cijantung", "13770", 3.60, -0.02, 1),
            DemoKelurahan("Gedong", "13760", 3.15, 0.03, None, LAYANAN[1:5]),
        ),
    ),
)

KOP_PEMERINTAH = "PEMERINTAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA"
KOP_KOTA = "KOTA ADMINISTRASI JAKARTA TIMUR"
WALIKOTA = "Yth. Walikota Kota Administrasi Jakarta Timur"


def kecamatan_settings(name: str, alamat: str, kode_pos: str) -> ReportSettings:
    """The letter settings (kop, addressee, signatory) a camat sends the kota's recap with. The
    signatory is a placeholder: the demo names no real official."""
    return ReportSettings(
        kop_pemerintah=KOP_PEMERINTAH,
        kop_kota=KOP_KOTA,
        kop_unit=f"KECAMATAN {name.upper()}",
        alamat=alamat,
        kode_pos=kode_pos,
        kepada=WALIKOTA,
        jabatan=f"Camat Kecamatan {name}",
        penandatangan="Nama Camat (data demo)",
        tembusan=["Kepala Bagian KKPP Setko Kota Administrasi Jakarta Timur", "Arsip"],
    )


def kelurahan_settings(kecamatan: str, kelurahan: DemoKelurahan) -> ReportSettings:
    """The kelurahan's letter to its camat (the follow-up report), placeholder signatory."""
    return ReportSettings(
        kop_pemerintah=KOP_PEMERINTAH,
        kop_kota=KOP_KOTA,
        kop_kecamatan=f"KECAMATAN {kecamatan.upper()}",
        kop_unit=f"KELURAHAN {kelurahan.name.upper()}",
        kode_pos=kelurahan.kode_pos,
        kepada=f"Yth. Camat Kecamatan {kecamatan}",
        jabatan=f"Lurah Kelurahan {kelurahan.name}",
        penandatangan="Nama Lurah (data demo)",
        tembusan=[WALIKOTA[4:], "Arsip"],
    )
