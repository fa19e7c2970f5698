"""The nine unsur of PermenPANRB 14/2017 and the questionnaire's answer words.

>>> UNSUR["U4"].name
'Biaya/Tarif'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODES: tuple[str, ...] = tuple(f"U{i}" for i in range(1, 10))


@dataclass(frozen=True)
class Unsur:
    code: str
    name: str
    short: str
    # Header words that identify the unsur by meaning (matched as whole words).
    keywords: tuple[str, ...]
    # The questionnaire's four answers, score 1 to 4, plus accepted variants.
    answers: dict[str, int]


def _answers(*words: str, extra: dict[str, int] | None = None) -> dict[str, int]:
    out = {w: score for score, w in enumerate(words, start=1)}
    out.update(extra or {})
    return out


_SESUAI = _answers("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai")

UNSUR: dict[str, Unsur] = {
    u.code: u
    for u in (
        Unsur("U1", "Persyaratan", "Persyaratan", ("persyaratan", "syarat"), _SESUAI),
        Unsur(
            "U2",
            "Sistem, Mekanisme, dan Prosedur",
            "Prosedur",
            ("sistem", "mekanisme", "prosedur", "alur"),
            _answers("tidak mudah", "kurang mudah", "mudah", "sangat mudah"),
        ),
        Unsur(
            "U3",
            "Waktu Penyelesaian",
            "Waktu",
            ("waktu", "kecepatan", "lama"),
            _answers("tidak cepat", "kurang cepat", "cepat", "sangat cepat"),
        ),
        Unsur(
            "U4",
            "Biaya/Tarif",
            "Biaya",
            ("biaya", "tarif"),
            _answers(
                "sangat mahal",
                "cukup mahal",
                "murah",
                "gratis",
                extra={"mahal": 2, "tidak dipungut biaya": 4, "gratis tidak dipungut biaya": 4},
            ),
        ),
        Unsur(
            "U5",
            "Produk Spesifikasi Jenis Pelayanan",
            "Produk",
            ("produk", "spesifikasi"),
            _SESUAI,
        ),
        Unsur(
            "U6",
            "Kompetensi Pelaksana",
            "Kompetensi",
            ("kompetensi", "kemampuan", "kompeten"),
            _answers("tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"),
        ),
        Unsur(
            "U7",
            "Perilaku Pelaksana",
            "Perilaku",
            ("perilaku", "kesopanan", "keramahan", "sikap"),
            _answers(
                "tidak sopan dan ramah",
                "kurang sopan dan ramah",
                "sopan dan ramah",
                "sangat sopan dan ramah",
            ),
        ),
        Unsur(
            "U8",
            "Penanganan Pengaduan, Saran dan Masukan",
            "Pengaduan",
            ("pengaduan", "aduan", "keluhan", "komplain"),
            _answers(
                "tidak ada",
                "ada tetapi tidak berfungsi",
                "berfungsi kurang maksimal",
                "dikelola dengan baik",
                extra={"ada namun tidak berfungsi": 2, "berfungsi tetapi kurang maksimal": 3},
            ),
        ),
        Unsur(
            "U9",
            "Sarana dan Prasarana",
            "Sarana",
            ("sarana", "prasarana", "fasilitas"),
            _answers("buruk", "cukup", "baik", "sangat baik"),
        ),
    )
}

# Answer scales some offices use for every question instead of the unsur's own words.
GENERIC_ANSWERS: dict[str, int] = {
    **_answers("tidak baik", "kurang baik", "baik", "sangat baik"),
    **_answers("tidak puas", "kurang puas", "puas", "sangat puas"),
}

_SYNONYMS = (
    (re.compile(r"\btapi\b"), "tetapi"),
    (re.compile(r"\bdan/atau\b"), "dan"),
    (re.compile(r"&"), " dan "),
    (re.compile(r"\bdgn\b"), "dengan"),
    (re.compile(r"\btdk\b"), "tidak"),
    (re.compile(r"\bsgt\b"), "sangat"),
)
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalize_words(text: str) -> str:
    """Case-, space- and punctuation-insensitive form of an answer or header.

    >>> normalize_words("  Ada, tapi  TIDAK berfungsi. ")
    'ada tetapi tidak berfungsi'
    """
    out = text.casefold()
    for pattern, repl in _SYNONYMS:
        out = pattern.sub(repl, out)
    out = _PUNCT.sub(" ", out)
    return _SPACE.sub(" ", out).strip()


def answer_score(code: str, text: str) -> int | None:
    """Score 1-4 of an answer word for an unsur, or None when the word is unknown."""
    key = normalize_words(text)
    score = UNSUR[code].answers.get(key)
    if score is None:
        score = GENERIC_ANSWERS.get(key)
    return score


def unsur_for_answer_words(words: set[str]) -> set[str]:
    """The unsur whose own answer words cover every given (normalised) word."""
    return {code for code, u in UNSUR.items() if words and all(w in u.answers for w in words)}
