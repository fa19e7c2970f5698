"""RTL plans of the synthetic kelurahan: one program for each of the three lowest unsur, a
fixed number of them realised, so RTL progress per kelurahan differs on the kecamatan and kota pages."""

from __future__ import annotations

from datetime import date

from skm.rtl import STATUS_BELUM, STATUS_SUDAH, RtlItem, plan_year
from skm.units import Period

# Per unsur: the program and what its realisation says was done.
PROGRAMS = {
    "U1": (
        "Memasang papan informasi persyaratan setiap layanan di ruang pelayanan",
        "Papan persyaratan layanan dipasang di ruang pelayanan dan diunggah ke media sosial kelurahan",
    ),
    "U2": (
        "Menyusun alur prosedur pelayanan yang mudah dipahami dan menempelnya di loket",
        "Bagan alur prosedur dicetak dan ditempel di setiap loket pelayanan",
    ),
    "U3": (
        "Menerapkan nomor antrean dan target waktu penyelesaian setiap layanan",
        "Mesin nomor antrean dipasang; target waktu ditampilkan di loket",
    ),
    "U4": (
        "Mengumumkan bahwa layanan tidak dipungut biaya melalui papan informasi dan media sosial",
        "Pengumuman layanan gratis dipasang di pintu masuk dan dibagikan di grup RT/RW",
    ),
    "U5": (
        "Mencocokkan produk layanan dengan standar pelayanan dan memperbaiki yang berbeda",
        "Rapat evaluasi produk layanan terhadap standar pelayanan dilaksanakan di aula kelurahan",
    ),
    "U6": (
        "Pelatihan teknis pelayanan bagi petugas loket",
        "Pelatihan teknis pelayanan diikuti seluruh petugas loket",
    ),
    "U7": (
        "Pelatihan pelayanan prima (ramah dan santun) bagi petugas",
        "Pelatihan pelayanan prima dilaksanakan bersama Sudin Kominfotik",
    ),
    "U8": (
        "Membuka kanal pengaduan WhatsApp dengan petugas piket dan batas waktu tanggapan",
        "Nomor WhatsApp pengaduan diumumkan; petugas piket menanggapi dalam 1 hari kerja",
    ),
    "U9": (
        "Menata ruang tunggu (kursi, kipas angin, air minum) dan fasilitas ramah disabilitas",
        "Ruang tunggu ditata ulang; kursi roda dan jalur landai disediakan",
    ),
}
# The plan's quarters: a Semester I plan runs in TW III–IV of its year, Semester II in TW I–II
# of the next (skm.rtl.plan_year); a realised item is dated in its first quarter's second month.
QUARTERS = {1: ("III", "IV"), 2: ("I", "II")}
REALISED_MONTH = {1: 8, 2: 2}


def demo_plan(priorities: list[str], period: Period, done: int) -> list[RtlItem]:
    """One item per priority (the first three), the first `done` of them realised."""
    codes = priorities[:3]
    year = plan_year(period)
    return [
        RtlItem(
            nomor=i,
            unsur=code,
            program=PROGRAMS[code][0],
            triwulan=QUARTERS[period.semester],
            penanggung_jawab="Lurah",
            status=STATUS_SUDAH if i <= done else STATUS_BELUM,
            tanggal=date(year, REALISED_MONTH[period.semester], 5 + 7 * i) if i <= done else None,
            deskripsi=PROGRAMS[code][1] if i <= done else "",
            hambatan="Tidak ada hambatan" if i <= done else "",
        )
        for i, code in enumerate(codes, start=1)
    ]
