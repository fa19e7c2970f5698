"""The words files use: header words per unsur and per column role, the answer words of each
unsur (the questionnaire's own and the variants seen in real files), numbers, blanks and the
labels of summary rows. Both readers (row by row and columnar) map through these alone.

>>> score_of("U8", "b. Ada tapi tidak berfungsi")
(2, None)
>>> normalize_words("  Ada, tapi  TIDAK berfungsi. ")
'ada tetapi tidak berfungsi'
"""

from __future__ import annotations

import re
from functools import lru_cache

from skm.unsur import CODES, UNSUR

MAX_HEADER_SCAN = 20  # rows looked at for the header row

# Header words that identify an unsur by meaning (matched as whole words).
HEADER_KEYWORDS: dict[str, tuple[str, ...]] = {
    "U1": ("persyaratan", "syarat"),
    "U2": ("sistem", "mekanisme", "prosedur", "alur"),
    "U3": ("waktu", "kecepatan", "lama"),
    "U4": ("biaya", "tarif"),
    "U5": ("produk", "spesifikasi"),
    "U6": ("kompetensi", "kemampuan", "kompeten"),
    "U7": ("perilaku", "kesopanan", "keramahan", "sikap"),
    "U8": ("pengaduan", "aduan", "keluhan", "komplain"),
    "U9": ("sarana", "prasarana", "fasilitas"),
}

# Answer words besides the questionnaire's own four (skm.unsur), per unsur.
ANSWER_VARIANTS: dict[str, dict[str, int]] = {
    "U3": {"tidak tepat waktu": 1, "kadang tepat waktu": 2, "banyak tepat waktu": 3, "selalu tepat waktu": 4},
    "U4": {"mahal": 2, "tidak dipungut biaya": 4, "gratis tidak dipungut biaya": 4},
    "U5": {"kadang sesuai": 2},
    "U6": {"tidak mampu": 1, "kurang mampu": 2, "mampu": 3, "sangat mampu": 4},
    "U7": {"tidak sopan dan tidak ramah": 1, "kurang sopan dan kurang ramah": 2},
    "U8": {"ada namun tidak berfungsi": 2, "berfungsi tetapi kurang maksimal": 3},
}


def _scale(*words: str) -> dict[str, int]:
    return {w: score for score, w in enumerate(words, start=1)}


# Answer scales some offices use for every question instead of the unsur's own words.
GENERIC_ANSWERS: dict[str, int] = {
    **_scale("tidak baik", "kurang baik", "baik", "sangat baik"),
    **_scale("tidak puas", "kurang puas", "puas", "sangat puas"),
    **_scale("tidak setuju", "kurang setuju", "setuju", "sangat setuju"),
    **_scale("tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"),
}
# Every word of an unsur: its own four, then the variants (in that order, for messages).
ANSWER_WORDS: dict[str, dict[str, int]] = {c: {**UNSUR[c].answers, **ANSWER_VARIANTS.get(c, {})} for c in CODES}

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


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=8192)
def header_words(header: str) -> str:
    """normalize_words of a header, with database names split ("jenisPelayanan", "no_hp")."""
    return normalize_words(_CAMEL.sub(" ", header).replace("_", " ").replace("/", " "))


# Headers that number the questions without naming them: P1..P9, Q1..Q9, "Pertanyaan 1", 1..9.
NUMBERED_HEADER = re.compile(r"(p|q|pertanyaan|soal|item|nilai|butir|no|)\s?(\d{1,2})")


def normalize_words(text: str) -> str:
    """Case-, space- and punctuation-insensitive form of an answer or header."""
    out = text.casefold()
    for pattern, repl in _SYNONYMS:
        out = pattern.sub(repl, out)
    out = _PUNCT.sub(" ", out)
    return _SPACE.sub(" ", out).strip()


def answer_score(code: str, text: str) -> int | None:
    """Score 1-4 of an answer word for an unsur, or None when the word is unknown."""
    key = normalize_words(text)
    score = ANSWER_WORDS[code].get(key)
    if score is None:
        score = GENERIC_ANSWERS.get(key)
    return score


def unsur_for_answer_words(words: set[str]) -> set[str]:
    """The unsur whose own answer words cover every given (normalised) word."""
    return {code for code, known in ANSWER_WORDS.items() if words and all(w in known for w in words)}


# ---------------------------------------------------------------------------------------
# Header words of the other column roles

UNSUR_CODE = re.compile(r"(?:^|[^a-z0-9])(?:u|unsur)\s*[-_.]?\s*(\d{1,2})(?![0-9])", re.IGNORECASE)
TIMESTAMP_HEADERS = {
    "tanggal",
    "tanggal layanan",
    "tanggal pelayanan",
    "cap waktu",
    "timestamp",
    "submission date",
    "waktu pengisian",
    "tanggal pengisian",
    "tanggal survei",
    "tanggal survey",
    "submitted at",
    "created at",
    "tanggal isi",
    "waktu submit",
    "start time",
    "completion time",
    "surveyed at",
    "tgl entri",
    "tanggal entri",
    "tgl",
    "tanggal responden",
    "tgl responden",
}
NOMOR_HEADERS = {
    "no",
    "nomor",
    "no urut",
    "id",
    "submission id",
    "no responden",
    "nomor responden",
    "response id",
    "id responden",
}
PERSONAL_HEADERS = (
    "nama",
    "email",
    "e mail",
    "alamat",
    "telepon",
    "no hp",
    "nomor hp",
    "whatsapp",
    "nik",
    "ip",
    "ip address",
    "nohp",
    "no wa",
    "nomor wa",
    "no telp",
    "nomor telepon",
    "telp",
    "kode unik",
    "kodeunik",
)
# Layanan columns named without the word layanan, or with it but not first.
LAYANAN_HEADERS = {
    "bidang",
    "instansi",
    "unit layanan",
    "unit pelayanan",
    "jenis pelayanan",
    "jenis layanan",
    "layanan yang diterima",
    "jenis izin",
    "jenis perizinan",
    "opd",
    "unit kerja",
    "satuan kerja",
    "sub bagian",
    "seksi",
}


def profile_role(h: str, tokens: set[str]) -> str | None:
    if h in LAYANAN_HEADERS:
        return "layanan"
    if "kelamin" in tokens or "gender" in tokens or h in ("jk", "l p", "sex", "jenkel", "jeniskelamin"):
        return "jenis_kelamin"
    if "umur" in tokens or "usia" in tokens:
        return "usia"
    if "pendidikan" in tokens:
        return "pendidikan"
    if "pekerjaan" in tokens or "profesi" in tokens:
        return "pekerjaan"
    # "Jenis Layanan", "Layanan yang diterima"; not "Kejelasan petugas pelayanan" (a 2004 question).
    if (
        ({"layanan", "pelayanan"} & tokens)
        and not ({"mutu", "ikm", "nilai", "indeks"} & tokens)
        and (h.split()[0] in ("jenis", "layanan", "pelayanan", "nama", "unit", "bidang") or "layanan yang" in h)
    ):
        return "layanan"
    if {"saran", "kritik", "masukan", "komentar", "harapan", "usulan"} & tokens:
        return "saran"
    return None


def aggregate_role(h: str, tokens: set[str]) -> str | None:
    if "ikm" in tokens or "indeks" in tokens:
        return "ikm"
    if ("responden" in tokens and not {"nama", "alamat", "email", "usia", "umur"} & tokens) or h in ("n", "jumlah"):
        return "respondents"
    if h in ("rata rata", "rerata", "nrr", "nilai rata rata", "rata rata nrr", "nrr tertimbang"):
        return "row_mean"
    if {"mutu", "kategori", "kinerja", "predikat"} & tokens:
        return "mutu"
    return None


# ---------------------------------------------------------------------------------------
# Cell values

NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    t = text.strip()
    if not NUMBER.match(t):
        return None
    return float(t.replace(",", "."))


def decimals_in(text: str) -> int:
    """How many decimals a number is written with ("3,50" → 2), at most 6."""
    t = text.strip().replace(",", ".")
    return min(6, len(t) - t.index(".") - 1) if "." in t else 0


def is_number(text: str) -> bool:
    return parse_number(text) is not None


_PREFIXED = re.compile(r"^\s*\(?([1-4a-dA-D])\s*[\.\):\-–]\s*(.+?)\s*$")
_SUFFIXED = re.compile(r"^\s*(.+?)\s*\(([1-4])\)\s*$")
BLANK_MARKS = {"", "-", "–"}


def score_of(code: str, raw: str) -> tuple[int | None, str | None]:
    """(score, None) or (None, Indonesian reason). A blank gives (None, None)."""
    text = raw.strip()
    if text in BLANK_MARKS:
        return None, None
    num = parse_number(text)
    if num is not None:
        if not num.is_integer():
            return None, f"nilai '{text}' bukan bilangan bulat 1–4"
        n = int(num)
        if 1 <= n <= 4:
            return n, None
        if n == 5:
            return None, (
                "nilai 5 di luar skala 1–4; kuesioner skala 1–5 tidak sesuai PermenPANRB 14/2017 "
                "(nilai skala 1–5 tidak dapat diubah ke 1–4 tanpa arti pilihan aslinya: survei dengan skala 1–4)"
            )
        return None, f"nilai {n} di luar skala 1–4"
    number_hint: int | None = None
    m = _PREFIXED.match(text)
    if m:
        mark, text = m.group(1).lower(), m.group(2)
        number_hint = int(mark) if mark.isdigit() else "abcd".index(mark) + 1
    else:
        m = _SUFFIXED.match(text)
        if m:
            text, number_hint = m.group(1), int(m.group(2))
    score = answer_score(code, text)
    if score is None:
        # The first four words are the questionnaire's own; variants come after them.
        known = " / ".join(w.capitalize() for w in list(UNSUR[code].answers))
        return None, f"jawaban '{raw.strip()}' tidak dikenal untuk {code} {UNSUR[code].name} (dikenal: {known})"
    if number_hint is not None and number_hint != score:
        return None, f"jawaban '{raw.strip()}': nomor {number_hint} tidak cocok dengan kata '{text}' (nilai {score})"
    return score, None


# Labels of the rows under a table that sum it up (not a layanan, not a respondent).
SUMMARY_LABEL = re.compile(r"^(rata rata|rerata|mutu|jumlah|total|nilai|ikm|nrr|indeks|kategori)\b")

# Labels of the rows olah-data sheets put under the respondents, by what the row holds. Matched
# against a whole cell (normalised), so a saran that starts with "Total" is not one.
_SUMMARY_KINDS = (
    ("ikm", re.compile(r"(nilai )?(ikm|indeks kepuasan masyarakat)( unit)?( pelayanan| layanan)?( x 25| konversi)?")),
    (
        "tertimbang",
        re.compile(r"(jumlah )?(nilai )?(nrr |rata rata )?tertimbang( per)?( unsur)?|bobot( nilai)?( unsur)?"),
    ),
    ("nrr", re.compile(r"(nilai )?(nrr|rata rata|rerata)( nilai)?( nrr)?( per)?( unsur)?( pelayanan)?")),
    ("jumlah", re.compile(r"(σ|sigma|∑)( nilai)?( per)?( unsur)?|(jumlah|total|sub ?total)( nilai)?( per)?( unsur)?")),
    (
        "lain",
        re.compile(
            r"(mutu|kinerja|kategori|predikat)( unit)?( pelayanan| layanan)?"
            r"|nilai (persepsi|interval|konversi)( unsur)?"
        ),
    ),
)


def summary_label_kind(text: str) -> str | None:
    """What a summary row holds, from its label ("Σ Nilai / Unsur" → "jumlah"), or None.

    >>> [summary_label_kind(t) for t in ("Σ Nilai / Unsur", "NRR Tertimbang / Unsur", "IKM Unit Pelayanan")]
    ['jumlah', 'tertimbang', 'ikm']
    >>> summary_label_kind("Total pelayanan sudah baik, terima kasih") is None
    True
    """
    if len(text) > 60:
        return None
    h = normalize_words(text.replace("∑", " σ ").replace("Σ", " σ "))
    for kind, pattern in _SUMMARY_KINDS:
        if pattern.fullmatch(h):
            return kind
    return None
