"""Choices the user makes on a read Survey before saving it: which layanan the rows without one
get, and whether exact duplicate submissions stay (kept by default: a duplicate may be two people).

    dupes = duplicate_rows(survey)                  # [(row, same as row), ...]
    survey = without_rows(survey, [r for r, _ in dupes])
    survey = assign_layanan(survey, "KTP")          # rows under NO_LAYANAN
"""

from __future__ import annotations

import dataclasses

from skm.ingest.crosscheck import row_ranges
from skm.ingest.survey import KIND_RESPONSES, NO_LAYANAN, Survey
from skm.unsur import CODES


def duplicate_rows(survey: Survey) -> list[tuple[int, int]]:
    """Rows that repeat an earlier submission: the same time stamp with its time of day, layanan,
    profile and answers; or the same name and time stamp. A date alone with equal answers is no
    evidence (everyone served that day shares it)."""
    df = survey.responses
    if survey.kind != KIND_RESPONSES or df is None or df.empty:
        return []
    stamps = df["submitted_at"].astype("string")
    timed = stamps.str.contains(_TIME_OF_DAY, regex=True).fillna(False).to_numpy(dtype=bool)
    key = ["submitted_at", "layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran", *CODES]
    joined = df[key].astype("string").fillna("\x00").agg("\x1f".join, axis=1).tolist()
    answers = [a if t else None for a, t in zip(joined, timed, strict=True)]
    import pandas as pd

    names = survey.names if survey.names is not None else [None] * len(df)
    by_name = [
        f"{n}\x1f{t}" if n is not None and not pd.isna(t) else None for n, t in zip(names, stamps.tolist(), strict=True)
    ]
    first: dict[tuple[str, str], int] = {}  # (criterion, key) -> the first position with it
    out = []
    for i, (a, n) in enumerate(zip(answers, by_name, strict=True)):
        keys = [(kind, k) for kind, k in (("a", a), ("n", n)) if k is not None]
        seen = [first[k] for k in keys if k in first]
        if seen:
            out.append((int(df["row"].iloc[i]), int(df["row"].iloc[min(seen)])))
        for k in keys:
            first.setdefault(k, i)
    return out


_TIME_OF_DAY = r"\d{1,2}[:.]\d{2}"


def without_rows(survey: Survey, rows: list[int]) -> Survey:
    """The Survey without the given file rows (the duplicates the user chose to drop)."""
    if not rows or survey.responses is None:
        return survey
    df = survey.responses
    keep = ~df["row"].isin(rows)
    kept = df[keep].reset_index(drop=True)
    names = None if survey.names is None else [n for n, k in zip(survey.names, keep, strict=True) if k]
    note = f"Baris {row_ranges(rows)}: duplikat dari baris sebelumnya; dihapus atas pilihan Anda."
    return dataclasses.replace(survey, frame=kept, table=None, names=names, warnings=[*survey.warnings, note])


def assign_layanan(survey: Survey, name: str) -> Survey:
    """The rows whose layanan cell was blank assigned to `name`."""
    name = " ".join(name.split())
    if not name or name == NO_LAYANAN or survey.responses is None:
        return survey
    df = survey.responses.copy()
    blank = df["layanan"] == NO_LAYANAN
    df.loc[blank, "layanan"] = name
    note = f"{int(blank.sum())} baris tanpa jenis layanan dicatat sebagai layanan '{name}' atas pilihan Anda."
    return dataclasses.replace(survey, frame=df, table=None, warnings=[*survey.warnings, note])
