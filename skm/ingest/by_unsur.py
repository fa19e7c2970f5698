"""The shape "aggregated by unsur": one row per unsur (No, Unsur, Total Nilai, NRR/Unsur, Bobot,
NRR Tertimbang, Keterangan) with a TOTAL row and maybe the office's IKM under it, as offices
print their worked IKM. Unsur are known by code or name in any order; the name decides when the
two disagree (older forms put Sarana 8th and Pengaduan 9th)."""

from __future__ import annotations

from dataclasses import dataclass

from skm.ingest.crosscheck import reported_ikm_warning, row_ranges
from skm.ingest.survey import KIND_AGGREGATE, NO_LAYANAN, Column, SummaryRow, Survey, reject
from skm.ingest.vocabulary import HEADER_KEYWORDS, UNSUR_CODE, decimals_in, header_words, parse_number
from skm.unsur import CODES, UNSUR

MAX_SCAN = 20
_NRR_HEADERS = {"nrr", "nrr unsur", "nrr per unsur", "nilai rata rata", "rata rata", "nrr rata rata", "rerata"}
_NAME_HEADERS = {"unsur", "unsur pelayanan", "nama unsur", "uraian", "unsur layanan"}


@dataclass
class UnsurTable:
    header_row: int  # 1-based
    columns: list[Column]
    nrr: dict[str, float]
    nrr_decimals: int
    rows: dict[str, int]  # unsur -> its row (1-based)
    unknown_rows: list[int]  # rows between header and TOTAL naming no unsur of the nine
    extra: list[str]  # what rows name beyond the nine ("U10", "Maklumat")
    summary: list[tuple[int, str]]  # rows under the table: (row, its text)
    reported_ikm: tuple[float, int] | None  # the office's IKM and its decimals shown
    warnings: list[str]


def _is_nrr_header(words: str) -> bool:
    """'NRR/Unsur', 'Nilai Rata-rata (NRR)', 'NRR per Unsur'; not 'NRR Tertimbang'."""
    tokens = words.split()
    return words in _NRR_HEADERS or (
        ("nrr" in tokens or "rata rata" in words) and not {"tertimbang", "bobot", "ikm"} & set(tokens)
    )


def _is_name_header(words: str) -> bool:
    tokens = set(words.split())
    return words in _NAME_HEADERS or ("unsur" in tokens and not {"nrr", "nilai", "rata", "bobot"} & tokens)


def _unsur_of(cells: list[str], code_col: int | None, name_col: int | None) -> tuple[str | None, str | None, str]:
    """(by code, by name, the name text) of one row."""
    by_code = by_name = None
    if code_col is not None and (m := UNSUR_CODE.fullmatch(" " + cells[code_col].strip())):
        by_code = f"U{int(m.group(1))}"
    name = cells[name_col].strip() if name_col is not None else ""
    tokens = set(header_words(name).split())
    hits = [c for c, words in HEADER_KEYWORDS.items() if tokens & set(words)]
    if len(hits) == 1:
        by_name = hits[0]
    return by_code, by_name, name


def find_unsur_table(grid: list[list[str]], layanan: str | None) -> UnsurTable | None:
    """The table, when a header row has an NRR column and an unsur column and the rows below it
    name unsur (by code or name) rather than respondents or layanan."""
    for i, row in enumerate(grid[:MAX_SCAN]):
        words = [header_words(c) for c in row]
        nrr_col = next((j for j, w in enumerate(words) if _is_nrr_header(w)), None)
        if nrr_col is None:
            continue
        name_col = next((j for j, w in enumerate(words) if _is_name_header(w)), None)
        code_col = next((j for j, w in enumerate(words) if w in ("no", "kode", "kode unsur", "no unsur")), None)
        if name_col is None and code_col is None:
            continue
        table = _read(grid, i, nrr_col, code_col, name_col, layanan)
        if table is not None:
            return table
    return None


def _read(grid, i, nrr_col, code_col, name_col, layanan) -> UnsurTable | None:
    width = max(len(r) for r in grid)
    rows = [r + [""] * (width - len(r)) for r in grid]
    nrr: dict[str, float] = {}
    where: dict[str, int] = {}
    unknown: list[int] = []
    extra: list[str] = []
    warnings: list[str] = []
    decimals = 0
    end = len(rows)
    for k in range(i + 1, len(rows)):
        cells = rows[k]
        if not any(c.strip() for c in cells):
            end = k
            break
        by_code, by_name, name = _unsur_of(cells, code_col, name_col)
        last = max(j for j in (code_col, name_col) if j is not None)
        label = " ".join(c.strip() for c in cells[: last + 1]).strip()
        if header_words(label).startswith(("total", "jumlah", "ikm", "nilai ikm", "rata rata")):
            end = k
            break
        code = by_name or by_code
        if "maklumat" in header_words(name).split():  # an unsur of PermenPAN-RB 16/2014
            extra.append(name)
            continue
        if code is None:
            unknown.append(k + 1)
            continue
        if code not in CODES:
            extra.append(code)
            continue
        if by_code and by_name and by_code != by_name:
            warnings.append(
                f"Baris {k + 1}: kode {by_code} tetapi namanya '{name}' ({by_name} {UNSUR[by_name].name}); "
                f"dibaca sebagai {by_name} menurut namanya."
            )
        value = parse_number(cells[nrr_col])
        if value is None or code in nrr:
            return None
        nrr[code] = value
        where[code] = k + 1
        decimals = max(decimals, decimals_in(cells[nrr_col]))
    if len(nrr) + len(extra) < 3:
        return None  # not a table of unsur rows
    summary = [(k + 1, " ".join(c.strip() for c in rows[k] if c.strip())) for k in range(end, len(rows))]
    summary = [(n, t) for n, t in summary if t]
    reported = None
    for _n, text in summary:
        if "ikm" in header_words(text).split():
            numbers = [t for t in text.replace("=", " ").split() if parse_number(t) is not None]
            values = [(parse_number(t), decimals_in(t)) for t in numbers]
            plausible = [(v, d) for v, d in values if v is not None and 25 <= v <= 100]
            if plausible:
                reported = (plausible[-1][0], plausible[-1][1])
    header = rows[i]
    columns = []
    for j, text in enumerate(header):
        role = "unused"
        how = ""
        if j == nrr_col:
            role, how = "nrr", "NRR per unsur (satu baris per unsur)"
        elif j in (code_col, name_col):
            role, how = "unsur_label", "kode/nama unsur per baris"
        columns.append(Column(index=j, header=text.strip(), role=role, how=how))
    return UnsurTable(i + 1, columns, nrr, decimals, where, unknown, extra, summary, reported, warnings)


def unsur_table_survey(table: UnsurTable, survey: Survey, layanan: str | None) -> Survey:
    """The Survey of an NRR-per-unsur table (kind aggregate, one layanan), or ImportRejected."""
    fn = survey.filename
    if table.extra:
        reject(
            fn,
            f"Tabel NRR per unsur ini memuat unsur di luar sembilan unsur PermenPANRB 14/2017 "
            f"({', '.join(table.extra)}); itu susunan aturan lama (Maklumat pelayanan: PermenPAN-RB 16/2014). "
            "Olah ulang survei dengan sembilan unsur 2017 (U1 Persyaratan … U9 Sarana dan Prasarana), lalu unggah "
            "tabelnya atau jawaban per responden.",
        )
    missing = [c for c in CODES if c not in table.nrr]
    if missing:
        reject(
            fn,
            "Tabel NRR per unsur ini tidak memuat "
            + ", ".join(f"{c} {UNSUR[c].name}" for c in missing)
            + ". IKM PermenPANRB 14/2017 membutuhkan NRR kesembilan unsur.",
        )
    for code, value in table.nrr.items():
        if not 1 <= value <= 4:
            scale = " (skala 1–5 tidak sesuai PermenPANRB 14/2017)" if 4 < value <= 5 else ""
            reject(fn, f"NRR {code} {value:g} di luar rentang 1–4{scale}.", row=table.rows[code])
    name = layanan.strip() if layanan and layanan.strip() else NO_LAYANAN
    warnings = [*table.warnings]
    warnings.append(
        f"Tabel NRR per unsur (satu baris per unsur, judul di baris {table.header_row}); semua unsur dicatat "
        f"untuk layanan '{name}'."
    )
    if table.summary:
        rows = row_ranges([n for n, _ in table.summary])
        warnings.append(f"Baris {rows}: baris ringkasan (TOTAL, IKM), tidak diimpor; IKM dihitung ulang dari NRR.")
    reported = None
    if table.reported_ikm is not None:
        value, decimals = table.reported_ikm
        note = reported_ikm_warning("IKM di bawah tabel", table.nrr, value, table.nrr_decimals, decimals)
        if note:
            warnings.append(note)
        else:
            reported = value
    survey.kind = KIND_AGGREGATE
    survey.columns = table.columns
    survey.warnings = warnings
    survey.summary_rows = [SummaryRow(n, "lain", text, {}, ()) for n, text in table.summary]
    import pandas as pd  # only where a frame is built (the command line's CSV import has none)

    survey.aggregates = pd.DataFrame(
        [{"row": table.header_row + 1, "layanan": name, **table.nrr, "ikm_reported": reported, "respondents": None}],
        columns=["row", "layanan", *CODES, "ikm_reported", "respondents"],
    )
    return survey
