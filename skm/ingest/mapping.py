"""Which column is which: header rows found, each column's role and unsur with the reason
(`Column.how`), corrected by hand (`overrides`) or by the answer words a column holds, and the set
of nine unsur checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skm.errors import ImportRejected, Problem
from skm.ingest.survey import PROFILE_FIELDS, Column, reject
from skm.ingest.vocabulary import (
    BLANK_MARKS,
    HEADER_KEYWORDS,
    NOMOR_HEADERS,
    PERSONAL_HEADERS,
    TIMESTAMP_HEADERS,
    UNSUR_CODE,
    aggregate_role,
    is_number,
    normalize_words,
    parse_number,
    profile_role,
    unsur_for_answer_words,
)
from skm.unsur import CODES, UNSUR

MAX_HEADER_SCAN = 20  # rows looked at for the header row


def classify_header(header: str) -> Column:
    """Role of one column from its header text alone (index filled in by the caller)."""
    h = normalize_words(header.replace("/", " "))
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
    """One Column per header text, its role and unsur from the text alone."""
    columns = []
    for j, text in enumerate(headers):
        col = classify_header(text)
        col.index = j
        columns.append(col)
    return columns


def header_hits(row: Sequence[str]) -> int:
    return sum(1 for cell in row if cell.strip() and classify_header(cell).role == "unsur")


def find_header(grid: list[list[str]]) -> tuple[int, int]:
    best, best_hits = 0, -1
    for i, row in enumerate(grid[:MAX_HEADER_SCAN]):
        hits = header_hits(row)
        if hits > best_hits:
            best, best_hits = i, hits
    return best, best_hits


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
    unsur_cols = [c for c in columns if c.role == "unsur"]
    beyond = sorted({int(c.unsur[1:]) for c in unsur_cols if c.unsur and c.unsur not in CODES})
    if beyond:
        total = max(len(unsur_cols), max(beyond))
        first = next(c for c in unsur_cols if c.unsur == f"U{beyond[0]}")
        reject(
            filename,
            f"Kuesioner ini memiliki {total} unsur (ada kolom U{beyond[0]}). "
            "PermenPANRB 14/2017 memakai tepat 9 unsur (U1–U9); formulir 11 atau 14 unsur dari "
            "aturan lama tidak dapat diolah.",
            column=first.label,
        )
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
    if missing:
        names = ", ".join(f"{c} {UNSUR[c].name}" for c in missing)
        problems.append(
            Problem(
                filename,
                f"kolom unsur tidak ditemukan: {names}. File harus memuat "
                "kesembilan unsur PermenPANRB 14/2017 (U1–U9).",
            )
        )
    if problems:
        raise ImportRejected(problems)
    for col in unsur_cols:
        code = UNSUR_CODE.search(col.header)
        if code and f"U{int(code.group(1))}" != col.unsur:
            warnings.append(
                f"Kolom {col.label} dibaca sebagai {col.unsur} {UNSUR[col.unsur or ''].name} "
                f"menurut maknanya, bukan U{int(code.group(1))} menurut nomornya."
            )
