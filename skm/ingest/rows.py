"""The row-by-row reader: every format, every cell looked at, every problem named by row and
column. (skm.ingest.columnar reads plain respondent exports faster to the same Survey.)"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping

from skm.errors import ImportRejected, Problem
from skm.ingest import notes
from skm.ingest.by_unsur import find_unsur_table, unsur_table_survey
from skm.ingest.crosscheck import (
    reported_ikm_warning,
    row_ranges,
    summary_left_out,
    summary_warnings,
    unit_ikm_warnings,
)
from skm.ingest.delimited import read_csv_grid
from skm.ingest.html_export import read_html_grid
from skm.ingest.mapping import (
    apply_overrides,
    check_unsur_set,
    column_values,
    columns_from_headers,
    combined_headers,
    find_header,
    map_by_answer_words,
)
from skm.ingest.refusals import refuse_other_tables
from skm.ingest.shapes import SINGLE_ROLES, headerless_answers, is_nrr_table, roles, summary_rows
from skm.ingest.spreadsheet import cell_text, read_excel_grid
from skm.ingest.survey import (
    KIND_AGGREGATE,
    KIND_RESPONSES,
    MAX_PROBLEMS,
    NO_LAYANAN,
    PROFILE_FIELDS,
    RESPONSE_COLUMNS,
    UPLOAD_LIMITS,
    Column,
    Limits,
    Survey,
    name_column,
    reject,
)
from skm.ingest.vocabulary import SUMMARY_LABEL, decimals_in, normalize_words, parse_number, score_of
from skm.unsur import CODES


def read_by_rows(
    data: bytes,
    filename: str,
    fmt: str,
    *,
    layanan: str | None = None,
    overrides: Mapping[str, str | None] | None = None,
    limits: Limits = UPLOAD_LIMITS,
) -> Survey:
    """The row-by-row reader: every format, and every problem named by row and column."""
    if fmt == "csv":
        grid, details = read_csv_grid(data, filename, limits)
    elif fmt == "html":
        grid, details = read_html_grid(data, filename, limits)
    else:
        grid, details = read_excel_grid(data, filename, fmt, limits)
    grid = [[c if isinstance(c, str) else cell_text(c) for c in row] for row in grid]
    if not any(any(c.strip() for c in row) for row in grid):
        reject(filename, "File tidak berisi data apa pun.")

    if not overrides:
        refuse_other_tables(grid, filename)
    table = None if overrides else find_unsur_table(grid, layanan)
    if table is not None:
        empty = Survey(filename, hashlib.sha256(data).hexdigest(), KIND_AGGREGATE, fmt, [], details=details)
        return unsur_table_survey(table, empty, layanan)
    header_idx, hits = find_header(grid)
    width = max(len(r) for r in grid)
    start = headerless_answers(grid) if hits < 1 and not overrides else None
    if start is not None:  # no header row at all: the rows are data from the first one
        return _read_rows(data, filename, fmt, details, grid, -1, _headerless(width, start), layanan, overrides)
    if hits < 1:
        header_idx = next(i for i, row in enumerate(grid) if any(c.strip() for c in row))
    columns = columns_from_headers(combined_headers(grid, header_idx, width))
    try:
        if hits < 1 and not overrides:
            reject(
                filename,
                "Judul kolom unsur (U1–U9 atau pertanyaannya) tidak ditemukan di 20 baris "
                "pertama. Baris pertama harus berisi judul kolom, atau tentukan kolom unsur secara manual.",
                row=header_idx + 1,
            )
        return _read_rows(data, filename, fmt, details, grid, header_idx, columns, layanan, overrides)
    except ImportRejected as exc:
        exc.columns = columns  # so the user can correct the mapping and try again
        raise


def _headerless(width: int, start: int) -> list[Column]:
    columns = [Column(index=j, header="", role="unnamed") for j in range(width)]
    for k, code in enumerate(CODES):
        col = columns[start + k]
        col.role, col.unsur = "unsur", code
        col.how = f"urutan kuesioner (file tanpa baris judul, kolom ke-{k + 1} dari sembilan kolom jawaban 1–4)"
    return columns


def _read_rows(
    data: bytes,
    filename: str,
    fmt: str,
    details: dict[str, str],
    grid: list[list[str]],
    header_idx: int,
    columns: list[Column],
    layanan: str | None,
    overrides: Mapping[str, str | None] | None,
) -> Survey:
    width = max(len(r) for r in grid)
    rows = enumerate(grid[header_idx + 1 :], start=header_idx + 2)
    nonblank = [(n, r + [""] * (width - len(r))) for n, r in rows if any(c.strip() for c in r)]
    problems: list[Problem] = []
    warnings: list[str] = []

    if not nonblank:
        reject(
            filename,
            "File hanya berisi judul kolom, tanpa baris data. Ini templat kosong: isi jawaban responden, satu "
            "baris per responden dengan U1–U9 bernilai 1–4 (atau kata jawabannya), lalu unggah lagi.",
            row=header_idx + 1,
        )
    apply_overrides(columns, overrides or {}, filename)
    summary = summary_rows(nonblank, columns)
    left_out = {s.row for s in summary}
    if summary:
        warnings.extend(summary_left_out(summary))

    # Ragged rows: a CSV line with more fields than the header row means shifted data.
    if fmt == "csv":
        for rownum, _ in nonblank:
            n = len(grid[rownum - 1])
            if n != len(grid[header_idx]) and rownum not in left_out:
                problems.append(
                    Problem(
                        filename,
                        f"baris ini punya {n} kolom, judul punya "
                        f"{len(grid[header_idx])}; kemungkinan ada pemisah (; atau ,) "
                        "di dalam isian yang tidak diberi tanda kutip",
                        rownum,
                    )
                )
        if problems:
            raise ImportRejected(problems[:MAX_PROBLEMS])
    body = [(n, r) for n, r in nonblank if n not in left_out]
    map_by_answer_words(columns, body)
    check_unsur_set(columns, body, filename, warnings)

    by_role = roles(columns)
    unsur_cols = {col.unsur: col for col in by_role.get("unsur", []) if col.unsur}
    numbers = Counter(
        num for _, r in body for col in unsur_cols.values() if (num := parse_number(r[col.index])) is not None
    )
    aggregate = is_nrr_table(by_role, numbers.items())
    survey = Survey(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=KIND_AGGREGATE if aggregate else KIND_RESPONSES,
        file_format=fmt,
        columns=columns,
        details=details,
        warnings=warnings,
        summary_rows=summary,
    )
    for role in SINGLE_ROLES:
        extra = by_role.get(role, [])[1:]
        for col in extra:
            problems.append(
                Problem(
                    filename,
                    f"ada lebih dari satu kolom {role.replace('_', ' ')} "
                    f"({', '.join(c.label for c in by_role[role])}); tandai salah satu "
                    "sebagai tidak dipakai",
                    column=col.label,
                )
            )
    if problems:
        raise ImportRejected(problems)

    if aggregate:
        _read_aggregate(survey, body, by_role, unsur_cols, problems, layanan)
    else:
        _read_responses(survey, body, by_role, unsur_cols, problems, layanan)
    if problems:
        raise ImportRejected(
            problems[:MAX_PROBLEMS]
            + (
                [Problem(filename, f"… dan {len(problems) - MAX_PROBLEMS} masalah lain")]
                if len(problems) > MAX_PROBLEMS
                else []
            )
        )

    unused = [c.label for c in columns if c.role in ("unused", "personal")]
    if unused:
        warnings.append(notes.unused_columns(unused))
    return survey


def _layanan_values(survey, body, by_role, problems, layanan) -> list[str]:
    cols = by_role.get("layanan", [])
    if not cols:
        if layanan and layanan.strip():
            survey.warnings.append(notes.one_layanan(layanan.strip()))
            return [layanan.strip()] * len(body)
        raise ImportRejected(
            [
                Problem(
                    survey.filename,
                    "kolom jenis layanan tidak ditemukan. Tambahkan "
                    "kolom 'Jenis Layanan' atau pilih layanan saat mengunggah.",
                )
            ]
        )
    col = cols[0]
    out = [" ".join(r[col.index].split()) or NO_LAYANAN for _, r in body]
    blank = [rownum for (rownum, r), name in zip(body, out, strict=True) if not r[col.index].strip()]
    if blank:
        survey.warnings.append(notes.blank_layanan(row_ranges(blank), col.label))
    return out


def _read_responses(survey: Survey, body, by_role, unsur_cols, problems, layanan) -> None:
    fn = survey.filename
    names = _layanan_values(survey, body, by_role, problems, layanan)
    frame: dict[str, list] = {"row": [n for n, _ in body], "layanan": names}
    for role, key in (("timestamp", "submitted_at"), *((f, f) for f in PROFILE_FIELDS), ("saran", "saran")):
        cols = by_role.get(role, [])
        frame[key] = [(r[cols[0].index].strip() or None) if cols else None for _, r in body]
    blanks_marked = 0
    for code in CODES:
        col = unsur_cols[code]
        raw = column_values(body, col.index)
        cache: dict[str, tuple[int | None, str | None]] = {}
        scores: list[int | None] = []
        for (rownum, _), value in zip(body, raw, strict=True):
            if value not in cache:
                cache[value] = score_of(code, value)
            score, reason = cache[value]
            if reason:
                problems.append(Problem(fn, reason, rownum, col.label))
            scores.append(score)
        blanks_marked += sum(1 for v in raw if v.strip() in ("-", "–"))
        frame[code] = scores
        counts = Counter(v.strip() for v in raw)
        survey.word_maps[code] = sorted(
            ((v, s, counts[v.strip()]) for v, (s, r) in cache.items() if s is not None), key=lambda t: (t[1], t[0])
        )
    if problems:
        return
    import pandas as pd  # not at module level: the command line's CSV import never needs pandas

    df = pd.DataFrame(frame, columns=list(RESPONSE_COLUMNS))
    named = name_column(survey.columns)
    who: list[str | None] | None = [r[named.index].strip() or None for _, r in body] if named else None
    unanswered = df[list(CODES)].isna().all(axis=1).to_numpy()
    if unanswered.all():
        reject(fn, notes.NOTHING_ANSWERED)
    if unanswered.any():  # a saran-only submission, an empty form
        survey.warnings.append(notes.unanswered_rows(row_ranges([int(n) for n in df["row"][unanswered]])))
        df = df[~unanswered].reset_index(drop=True)
        who = None if who is None else [n for n, skip in zip(who, unanswered, strict=True) if not skip]
    survey.names = who
    for code in CODES:
        df[code] = df[code].astype("Int8")
    survey.responses = df
    blank_rows = int(df[list(CODES)].isna().any(axis=1).sum())
    survey.warnings.extend(notes.blank_answers(blank_rows, {c: int(df[c].isna().sum()) for c in CODES}, blanks_marked))
    if survey.summary_rows:
        sums = {c: float(df[c].sum()) for c in CODES}
        answered = {c: int(df[c].notna().sum()) for c in CODES}
        survey.warnings.extend(summary_warnings(survey.summary_rows, sums, answered))


def _read_aggregate(survey: Survey, body, by_role, unsur_cols, problems, layanan) -> None:
    fn = survey.filename
    lay_cols = by_role.get("layanan") or [
        c
        for c in survey.columns
        if c.role in ("unused", "unnamed") and c.index < min(u.index for u in unsur_cols.values())
    ]
    if not lay_cols:
        raise ImportRejected([Problem(fn, "kolom jenis layanan tidak ditemukan pada tabel NRR")])
    lay_col = lay_cols[0]
    if lay_col.role != "layanan":
        lay_col.role, lay_col.how = "layanan", "kolom teks pertama"
    ikm_col = (by_role.get("ikm") or [None])[0]
    mean_col = (by_role.get("row_mean") or [None])[0]
    resp_col = (by_role.get("respondents") or [None])[0]
    if mean_col is None:
        # An unnamed numeric column right after the unsur is the row mean of the seed's Tabel 1.
        last = max(u.index for u in unsur_cols.values())
        cand = next((c for c in survey.columns if c.index == last + 1 and c.role == "unnamed"), None)
        if cand is not None:
            cand.role, cand.how = "row_mean", "kolom tanpa judul setelah U9"
            mean_col = cand
    rows: list[dict] = []
    seen: dict[str, int] = {}
    decimals: dict[int, tuple[int, int]] = {}  # row -> decimals shown of its NRR and of its IKM
    unit_rows: list[tuple[int, str, list[str]]] = []  # the summary rows, to check the unit's IKM
    for rownum, r in body:
        name = " ".join(r[lay_col.index].split())
        if SUMMARY_LABEL.match(normalize_words(name)):
            survey.warnings.append(
                f"Baris {rownum} '{name}' adalah baris ringkasan; tidak diimpor, "
                "nilainya dihitung ulang dari baris layanan."
            )
            unit_rows.append((rownum, name, r))
            continue
        if not name:
            problems.append(Problem(fn, "nama layanan kosong", rownum, lay_col.label))
            continue
        if name in seen:
            problems.append(
                Problem(fn, f"layanan '{name}' muncul dua kali (juga di baris {seen[name]})", rownum, lay_col.label)
            )
            continue
        seen[name] = rownum
        rec: dict = {"row": rownum, "layanan": name}
        for code in CODES:
            col = unsur_cols[code]
            text = r[col.index].strip()
            num = parse_number(text)
            if not text:
                problems.append(Problem(fn, f"NRR {code} kosong", rownum, col.label))
            elif num is None:
                problems.append(Problem(fn, f"'{text}' bukan angka NRR", rownum, col.label))
            elif not 1 <= num <= 4:
                extra = " (skala 1–5 tidak sesuai PermenPANRB 14/2017)" if 4 < num <= 5 else ""
                problems.append(Problem(fn, f"NRR {text} di luar rentang 1–4{extra}", rownum, col.label))
            rec[code] = num
        rec["ikm_reported"] = None
        if ikm_col is not None and r[ikm_col.index].strip():
            num = parse_number(r[ikm_col.index])
            if num is None or not 25 <= num <= 100:
                problems.append(
                    Problem(fn, f"IKM '{r[ikm_col.index].strip()}' bukan angka 25–100", rownum, ikm_col.label)
                )
            rec["ikm_reported"] = num
            nrr_texts = [r[unsur_cols[c].index] for c in CODES]
            decimals[rownum] = (max(map(decimals_in, nrr_texts)), decimals_in(r[ikm_col.index]))
        rec["respondents"] = None
        if resp_col is not None and r[resp_col.index].strip():
            num = parse_number(r[resp_col.index])
            if num is None or not num.is_integer() or num < 1:
                problems.append(Problem(fn, "jumlah responden harus bilangan bulat positif", rownum, resp_col.label))
            else:
                rec["respondents"] = int(num)
        if mean_col is not None and r[mean_col.index].strip() and not problems:
            stated = parse_number(r[mean_col.index])
            mean = sum(rec[c] for c in CODES) / 9
            if stated is None or abs(round(mean, 2) - stated) > 0.0101:
                survey.warnings.append(
                    f"Baris {rownum} '{name}': rata-rata di file "
                    f"({r[mean_col.index].strip()}) berbeda dari rata-rata sembilan NRR "
                    f"({mean:.4f}).".replace(".", ",", 1)
                )
        rows.append(rec)
    if not rows and not problems:
        problems.append(Problem(fn, "tabel NRR tidak berisi satu pun baris layanan"))
    if problems:
        return
    for rec in rows:
        if rec["ikm_reported"] is not None:
            where = f"Baris {rec['row']} '{rec['layanan']}'"
            note = reported_ikm_warning(where, rec, rec["ikm_reported"], *decimals[rec["row"]])
            if note:  # the regulation's figure is the headline; the file's is in the warning
                survey.warnings.append(note)
                rec["ikm_reported"] = None
    import pandas as pd

    survey.aggregates = pd.DataFrame(rows, columns=["row", "layanan", *CODES, "ikm_reported", "respondents"])
    if ikm_col is not None:
        survey.warnings.extend(unit_ikm_warnings(unit_rows, ikm_col.index, rows))
    for col in (c for c in survey.columns if c.role == "mutu"):
        survey.warnings.append(f"Kolom {col.label} (mutu) tidak diimpor; mutu dihitung ulang.")
