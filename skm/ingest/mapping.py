"""Which column is which: header rows found, each column's role and unsur with the reason
(`Column.how`), corrected by hand (`overrides`) or by the answer words a column holds, and the set
of nine unsur checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from skm.errors import ImportRejected, Problem
from skm.ingest.survey import PROFILE_FIELDS, Column, reject
from skm.ingest.vocabulary import (
    BLANK_MARKS,
    HEADER_KEYWORDS,
    MAX_HEADER_SCAN,
    NOMOR_HEADERS,
    NUMBERED_HEADER,
    PERSONAL_HEADERS,
    TIMESTAMP_HEADERS,
    UNSUR_CODE,
    aggregate_role,
    header_words,
    is_number,
    normalize_words,
    parse_number,
    profile_role,
    score_of,
    unsur_for_answer_words,
)
from skm.unsur import CODES, UNSUR


def classify_header(header: str) -> Column:
    """Role of one column from its header text alone (index filled in by the caller)."""
    role, unsur, how = _classified(header)
    return Column(index=-1, header=header.strip(), role=role, unsur=unsur, how=how)


@lru_cache(maxsize=8192)  # the header scan looks at the same cell texts over and over
def _classified(header: str) -> tuple[str, str | None, str]:
    col = _classify(header)
    return col.role, col.unsur, col.how


def _classify(header: str) -> Column:
    h = header_words(header)
    tokens = set(h.split())
    col = Column(index=-1, header=header.strip(), role="unused")
    if not h:
        col.role = "unnamed"
        return col
    if h in TIMESTAMP_HEADERS or h.startswith(("cap waktu", "timestamp")):
        col.role, col.how = "timestamp", "judul kolom"
        return col
    if h in NOMOR_HEADERS:
        col.role, col.how = "nomor", "judul kolom"
        return col
    hits = [c for c, words in HEADER_KEYWORDS.items() if tokens & set(words)]
    code_match = UNSUR_CODE.search(header)
    code = f"U{int(code_match.group(1))}" if code_match else None
    if len(hits) == 1:
        col.role, col.unsur = "unsur", hits[0]
        kw = sorted(tokens & set(HEADER_KEYWORDS[hits[0]]))[0]
        col.how = f"makna judul ('{kw}')"
        if code and code != hits[0]:
            col.how += f"; nomor {code} di judul diabaikan"
        return col
    if code and not hits and h.replace(" ", "") == code.lower():
        col.role, col.unsur, col.how = "unsur", code, f"kode {code} di judul"
        return col
    role = profile_role(h, tokens) or aggregate_role(h, tokens)
    if role:
        col.role, col.how = role, "judul kolom"
        return col
    if code:
        col.role, col.unsur, col.how = "unsur", code, f"kode {code} di judul"
        if hits:
            col.how += " (judul menyebut beberapa unsur)"
        return col
    if any(h == p or h.startswith(p + " ") for p in PERSONAL_HEADERS):
        col.role, col.how = "personal", "data pribadi, tidak disimpan"
    return col


def columns_from_headers(headers: list[str]) -> list[Column]:
    """One Column per header text, its role and unsur from the text alone; when no header names
    an unsur, nine numbered ones (P1..P9, Q1..Q9, "Pertanyaan 1".."9", 1..9) in their order."""
    columns = []
    for j, text in enumerate(headers):
        col = classify_header(text)
        col.index = j
        columns.append(col)
    numbered = _numbered(columns) or _banded(columns)
    named = [c for c in columns if c.role == "unsur"]
    if numbered and len(named) < len(CODES):
        for col in named:  # a lone "Waktu" next to "Nilai 1".."Nilai 9" is the date
            col.role, col.unsur, col.how = "unused", None, "sembilan kolom bernomor sudah memuat unsur"
        for n, col in enumerate(numbered, start=1):
            col.role, col.unsur = "unsur", f"U{n}"
            col.how = f"urutan kuesioner (judul '{col.header or numbered[0].header}', kolom ke-{n})"
    stamps = [c for c in columns if c.role == "timestamp"]
    for col in stamps[1:]:  # "tanggal" and "surveyed_at": the first one counts
        col.role, col.how = "unused", f"kolom waktu kedua (dipakai {stamps[0].letter})"
    return columns


_BANDS = {"nilai unsur", "nilai unsur pelayanan", "unsur pelayanan", "nilai", "jawaban", "penilaian", "nilai per unsur"}


def _banded(columns: list[Column]) -> list[Column]:
    """A merged band ("NILAI UNSUR") over nine columns whose own headers are blank."""
    for k, col in enumerate(columns):
        if header_words(col.header) in _BANDS and k + 9 <= len(columns):
            nine = columns[k : k + 9]
            if all(c.role == "unnamed" for c in nine[1:]):
                return nine
    return []


def _numbered(columns: list[Column]) -> list[Column]:
    """Exactly nine columns numbered 1..9 under one naming (bare numbers only side by side)."""
    groups: dict[str, dict[int, Column]] = {}
    for col in columns:
        m = NUMBERED_HEADER.fullmatch(header_words(col.header)) if col.header else None
        if m and 1 <= int(m.group(2)) <= 9 and col.role in ("unused", "nomor"):
            groups.setdefault(m.group(1), {}).setdefault(int(m.group(2)), col)
    for prefix, found in groups.items():
        if sorted(found) != list(range(1, 10)):
            continue
        ordered = [found[n] for n in range(1, 10)]
        if prefix in ("", "no") and [c.index for c in ordered] != list(range(ordered[0].index, ordered[0].index + 9)):
            continue
        return ordered
    return []


def header_hits(row: Sequence[str]) -> int:
    """How many unsur a row names, read as a header row."""
    return sum(1 for c in columns_from_headers([cell.strip() for cell in row]) if c.role == "unsur")


def find_header(grid: list[list[str]]) -> tuple[int, int]:
    """The header row: the one naming most unsur; of equals, one naming them itself ("U1".."U9")
    before one whose unsur are only inferred (numbered questions, a band over blank cells)."""
    best, best_key = 0, (-1, False)
    for i, row in enumerate(grid[:MAX_HEADER_SCAN]):
        unsur = [c for c in columns_from_headers([cell.strip() for cell in row]) if c.role == "unsur"]
        key = (len(unsur), not any(c.how.startswith("urutan kuesioner") for c in unsur))
        if key > best_key:
            best, best_key = i, key
    return best, best_key[0]


def combined_headers(grid: list[list[str]], header_idx: int, width: int) -> list[str]:
    """Header text per column; a blank cell takes the text of the row above (merged cells)."""
    row = grid[header_idx] + [""] * (width - len(grid[header_idx]))
    above = []
    for k in (1, 2):
        i = header_idx - k
        if i >= 0 and any(c.strip() for c in grid[i]) and not any(is_number(c) for c in grid[i]):
            above.append(grid[i] + [""] * (width - len(grid[i])))
    out = []
    for j in range(width):
        text = row[j].strip()
        for prev in above:
            if text:
                break
            # Only take text that is not a banner spanning the unsur columns.
            candidate = prev[j].strip()
            if candidate and classify_header(candidate).role not in ("unused",):
                text = candidate
        out.append(text)
    return out


def apply_overrides(columns: list[Column], overrides: Mapping[str, str | None], filename: str) -> None:
    for key, code in overrides.items():
        col = next((c for c in columns if c.letter == key or (c.header and c.header == key)), None)
        if col is None:
            reject(filename, f"Pemetaan manual menyebut kolom '{key}' yang tidak ada di file.")
            return
        if code is None or code == "":
            col.role, col.unsur, col.how = "unused", None, "ditandai tidak dipakai"
        elif code in CODES:
            col.role, col.unsur, col.how = "unsur", code, "dipetakan manual"
        elif code in ("layanan", "saran", "timestamp", *PROFILE_FIELDS, "ikm", "respondents"):
            col.role, col.unsur, col.how = code, None, "dipetakan manual"
        else:
            reject(filename, f"Pemetaan manual: '{code}' bukan unsur (U1–U9) atau kolom yang dikenal.")
    manual = {(c.role, c.unsur) for c in columns if c.how == "dipetakan manual"}
    for col in columns:  # what the hand mapping took over is no longer read automatically
        if col.how != "dipetakan manual" and (col.role, col.unsur) in manual:
            col.role, col.unsur, col.how = "unused", None, "diganti pemetaan manual"


def column_values(body: list[tuple[int, list[str]]], j: int) -> list[str]:
    return [r[j] for _, r in body]


def map_by_answer_words(columns: list[Column], body: list[tuple[int, list[str]]]) -> None:
    """A column without a telling header is an unsur if its answers are that unsur's words."""
    taken = {c.unsur for c in columns if c.role == "unsur"}
    for col in columns:
        if col.role not in ("unused", "unnamed"):
            continue
        words = {normalize_words(v) for v in column_values(body, col.index) if v.strip() not in BLANK_MARKS}
        if not words or any(is_number(w) for w in words):
            continue
        candidates = unsur_for_answer_words(words) - taken
        if len(candidates) == 1:
            code = candidates.pop()
            col.role, col.unsur, col.how = "unsur", code, "kata jawabannya"
            taken.add(code)


def check_unsur_set(columns: list[Column], body, filename: str, warnings: list[str]) -> None:
    """Exactly the nine unsur, one column each; fixes what can be fixed without guessing (empty
    U10..U15 columns of a 15-slot schema, a date column that only sounds like U3, two questions
    whose wording claims one unsur) and says so in `warnings`."""
    unsur_cols = [c for c in columns if c.role == "unsur"]
    beyond = [c for c in unsur_cols if c.unsur and c.unsur not in CODES]
    if beyond and all(not v.strip() for c in beyond for v in column_values(body, c.index)):
        for col in beyond:
            col.role, col.unsur, col.how = "unused", None, "kolom unsur ke-10 dst. kosong di setiap baris"
        warnings.append(
            f"Kolom {', '.join(c.label for c in beyond)} kosong di setiap baris; tidak dipakai "
            "(PermenPANRB 14/2017 memakai 9 unsur)."
        )
        unsur_cols = [c for c in unsur_cols if c.role == "unsur"]
        beyond = []
    if beyond:
        numbers = sorted(int(c.unsur[1:]) for c in beyond if c.unsur)
        total = max(len(unsur_cols), numbers[-1])
        reject(
            filename,
            f"Kuesioner ini memiliki {total} unsur (ada kolom U{numbers[0]}). "
            "PermenPANRB 14/2017 memakai tepat 9 unsur (U1–U9); formulir 11 atau 14 unsur dari "
            "aturan lama tidak dapat diolah. Olah ulang data dengan kuesioner 9 unsur, atau tandai "
            "kolom yang bukan unsur sebagai tidak dipakai.",
            column=beyond[0].label,
        )
    unsur_cols = _settle_claims(unsur_cols, body, warnings)
    # Rating-like columns we could not place: many of them means another questionnaire.
    rating_like = [
        c
        for c in columns
        if c.role in ("unused", "unnamed")
        and c.header
        and all(
            (n := parse_number(v)) is not None and n.is_integer() and 1 <= n <= 5
            for v in column_values(body, c.index)
            if v.strip()
        )
        and any(v.strip() for v in column_values(body, c.index))
    ]
    if len(unsur_cols) + len(rating_like) in (11, 14) and rating_like:
        reject(
            filename,
            f"Kuesioner ini tampaknya memiliki {len(unsur_cols) + len(rating_like)} "
            "pertanyaan penilaian. PermenPANRB 14/2017 memakai tepat 9 unsur (U1–U9).",
        )
    seen: dict[str, Column] = {}
    problems = []
    for col in unsur_cols:
        assert col.unsur is not None
        if col.unsur in seen:
            problems.append(
                Problem(
                    filename,
                    f"kolom {seen[col.unsur].label} dan {col.label} sama-sama "
                    f"dikenali sebagai {col.unsur} {UNSUR[col.unsur].name}; perbaiki "
                    "pemetaan kolom",
                    column=col.label,
                )
            )
        seen[col.unsur] = col
    missing = [c for c in CODES if c not in seen]
    maklumat = [c for c in columns if "maklumat" in header_words(c.header).split()]
    if missing and maklumat:
        reject(
            filename,
            f"Kolom {maklumat[0].label} adalah unsur 'Maklumat pelayanan' dari aturan lama (PermenPAN-RB 16/2014), "
            f"dan kolom {', '.join(f'{c} {UNSUR[c].name}' for c in missing)} tidak ada: file ini mengikuti "
            "kuesioner lama, bukan PermenPANRB 14/2017, sehingga IKM 2017 tidak dapat dihitung. Gunakan kuesioner "
            "2017 (U9 Sarana dan Prasarana), atau petakan kolomnya secara manual bila memang disengaja.",
            column=maklumat[0].label,
        )
    if missing:
        names = ", ".join(f"{c} {UNSUR[c].name}" for c in missing)
        found = len(CODES) - len(missing)
        what = f"kolom unsur tidak ditemukan: {names}. " + (
            f"File ini hanya memuat {found} dari sembilan unsur. " if found else ""
        )
        problems.append(
            Problem(
                filename,
                what + "File harus memuat kesembilan unsur PermenPANRB 14/2017 (U1–U9), satu kolom per unsur "
                "dengan jawaban per responden. Bila kolomnya ada dengan judul lain, petakan secara manual; "
                "bila kuesionernya memang lain (satu pertanyaan kepuasan, dimensi SERVQUAL), IKM tidak dapat "
                "dihitung darinya.",
            )
        )
    if problems:
        raise ImportRejected(problems)
    in_order = [c for c in unsur_cols if c.how.startswith("urutan kuesioner")]
    if len(in_order) == len(CODES):
        warnings.append(
            f"Kolom {in_order[0].letter}–{in_order[-1].letter}"
            + (f" ('{in_order[0].header}' dst.)" if in_order[0].header else " (file tanpa baris judul)")
            + " tidak menyebut unsurnya; dibaca menurut "
            "urutan kuesioner PermenPANRB 14/2017 (1 = U1 Persyaratan … 8 = U8 Penanganan Pengaduan, "
            "9 = U9 Sarana dan Prasarana). Periksa bahwa formulirnya memakai urutan yang sama."
        )
    for col in unsur_cols:
        code = UNSUR_CODE.search(col.header)
        if code and f"U{int(code.group(1))}" != col.unsur:
            warnings.append(
                f"Kolom {col.label} dibaca sebagai {col.unsur} {UNSUR[col.unsur or ''].name} "
                f"menurut maknanya, bukan U{int(code.group(1))} menurut nomornya."
            )


def _answers_share(col: Column, body) -> float:
    """Which share of a column's distinct non-blank values read as answers of its unsur."""
    values = {v.strip() for v in column_values(body, col.index)} - BLANK_MARKS
    if not values or col.unsur is None:
        return 1.0
    return sum(1 for v in values if score_of(col.unsur, v)[1] is None) / len(values)


def _settle_claims(unsur_cols: list[Column], body, warnings: list[str]) -> list[Column]:
    """Two columns claiming one unsur: one whose values are not answers (a "Waktu" column of dates)
    is not an unsur; questions that claim one unsur only by their wording go by questionnaire order."""
    claims: dict[str, list[Column]] = {}
    for col in unsur_cols:
        claims.setdefault(col.unsur or "", []).append(col)
    for cols in claims.values():
        if len(cols) > 1:
            for col in cols:
                if _answers_share(col, body) < 0.5:
                    col.role, col.unsur, col.how = "unused", None, "isinya bukan jawaban unsur"
    unsur_cols = [c for c in unsur_cols if c.role == "unsur"]
    claims = {}
    for col in unsur_cols:
        claims.setdefault(col.unsur or "", []).append(col)
    ambiguous = sorted((c for cols in claims.values() if len(cols) > 1 for c in cols), key=lambda c: c.index)
    if not ambiguous or not all(c.how.startswith("makna judul") for c in ambiguous):
        return unsur_cols
    if len({header_words(c.header) for c in ambiguous}) < len(ambiguous):
        return unsur_cols  # the same question twice is a copying slip, not an ambiguous wording
    free = [code for code in CODES if code not in claims or len(claims[code]) > 1]
    if len(free) != len(ambiguous) or len(unsur_cols) != len(CODES):
        return unsur_cols
    rank = {c.index: i for i, c in enumerate(sorted(unsur_cols, key=lambda c: c.index))}
    claimed = ", ".join(f"{c.label} ({c.unsur})" for c in ambiguous)
    for col in ambiguous:  # its place among the nine, else the next free unsur
        by_place = CODES[rank[col.index]]
        col.unsur = by_place if by_place in free else free[0]
        free.remove(col.unsur)
        col.how = f"urutan kuesioner (makna judul tidak tegas: {col.how})"
    warnings.append(
        f"Judul kolom {claimed} menunjuk unsur yang sama; kolom-kolom itu dibaca menurut urutan kuesioner: "
        + ", ".join(f"{c.letter} → {c.unsur} {UNSUR[c.unsur or ''].name}" for c in ambiguous)
        + ". Periksa, atau petakan kolomnya secara manual."
    )
    return unsur_cols
