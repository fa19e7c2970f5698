"""The nine unsur of PermenPANRB 14/2017 and the questionnaire's own answer words.

>>> UNSUR["U4"].name
'Biaya/Tarif'
"""

from __future__ import annotations

from dataclasses import dataclass

CODES: tuple[str, ...] = tuple(f"U{i}" for i in range(1, 10))


@dataclass(frozen=True)
class Unsur:
    code: str
    name: str
    short: str
    # The questionnaire's four answers, score 1 to 4 (the words files use besides these are
    # skm.ingest.vocabulary's).
    answers: dict[str, int]


def _answers(*words: str) -> dict[str, int]:
    return {w: score for score, w in enumerate(words, start=1)}


_SESUAI = _answers("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai")

UNSUR: dict[str, Unsur] = {
    u.code: u
    for u in (
        Unsur("U1", "Persyaratan", "Persyaratan", _SESUAI),
        Unsur(
            "U2",
            "Sistem, Mekanisme, dan Prosedur",
            "Prosedur",
            _answers("tidak mudah", "kurang mudah", "mudah", "sangat mudah"),
        ),
        Unsur("U3", "Waktu Penyelesaian", "Waktu", _answers("tidak cepat", "kurang cepat", "cepat", "sangat cepat")),
        Unsur("U4", "Biaya/Tarif", "Biaya", _answers("sangat mahal", "cukup mahal", "murah", "gratis")),
        Unsur("U5", "Produk Spesifikasi Jenis Pelayanan", "Produk", _SESUAI),
        Unsur(
            "U6",
            "Kompetensi Pelaksana",
            "Kompetensi",
            _answers("tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"),
        ),
        Unsur(
            "U7",
            "Perilaku Pelaksana",
            "Perilaku",
            _answers("tidak sopan dan ramah", "kurang sopan dan ramah", "sopan dan ramah", "sangat sopan dan ramah"),
        ),
        Unsur(
            "U8",
            "Penanganan Pengaduan, Saran dan Masukan",
            "Pengaduan",
            _answers("tidak ada", "ada tetapi tidak berfungsi", "berfungsi kurang maksimal", "dikelola dengan baik"),
        ),
        Unsur("U9", "Sarana dan Prasarana", "Sarana", _answers("buruk", "cukup", "baik", "sangat baik")),
    )
}
