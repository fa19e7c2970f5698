"""Synthetic respondents ("DATA SINTETIS"): a Google-Forms-like CSV export per kelurahan and
semester, generated with a fixed seed, so the demo is the same on every machine."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

from skm.units import Period
from skm.unsur import CODES, UNSUR

LAYANAN = ("Jumantik", "Keterlibatan Umum", "PKK", "Posyandu", "PPSU", "RT/RW, LMK dan FKDM")

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
HEADER = (
    "Cap waktu",
    "Jenis Kelamin",
    "Usia",
    "Pendidikan Terakhir",
    "Pekerjaan",
    "Jenis Layanan",
    *(f"{i}. {QUESTIONS[c]}" for i, c in enumerate(CODES, start=1)),
    "Kritik dan Saran",
)


def _words(code: str) -> list[str]:
    ranked = sorted(UNSUR[code].answers.items(), key=lambda kv: kv[1])
    seen: dict[int, str] = {}
    for word, score in ranked:
        seen.setdefault(score, word)
    return [seen[s][0].upper() + seen[s][1:] for s in (1, 2, 3, 4)]


WORDS = {c: _words(c) for c in CODES}


def _answer(rng: random.Random, quality: float) -> int:
    return max(1, min(4, round(rng.gauss(quality, 0.55))))


def respondents_csv(
    seed: str,
    quality: float,
    period: Period,
    layanan: tuple[str, ...] = LAYANAN,
    per_layanan: tuple[int, int] = (35, 80),
) -> bytes:
    """The export of one kelurahan's semester: `quality` is the latent answer level (before
    clipping to 1–4), each unsur and layanan drawn a little above or below it; PPSU lower."""
    rng = random.Random(seed)
    unsur_offset = {c: rng.uniform(-0.25, 0.15) for c in CODES}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    start = datetime(period.tahun, 1 if period.semester == 1 else 7, 2, 8, 0)
    for name in layanan:
        lay_offset = rng.uniform(-0.2, 0.2) - (0.15 if name == "PPSU" else 0)
        for _ in range(rng.randint(*per_layanan)):
            when = start + timedelta(days=rng.randint(0, 170), minutes=rng.randint(0, 480))
            answers = []
            for c in CODES:
                blank = rng.random() < (0.02 if c == "U4" else 0.004)
                answers.append("" if blank else WORDS[c][_answer(rng, quality + lay_offset + unsur_offset[c]) - 1])
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
    return out.getvalue().encode("utf-8")
