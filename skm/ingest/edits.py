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
    """Rows that repeat an earlier row exactly (same time stamp with its time of day, layanan,
    profile and answers); without a time of day equal answers are no evidence of a resubmission."""
    df = survey.responses
    if survey.kind != KIND_RESPONSES or df is None:
        return []
    timed = df["submitted_at"].astype("string").str.contains(_TIME_OF_DAY, regex=True).fillna(False)
    if not timed.any():  # a date alone is shared by everyone served that day
        return []
    key = ["submitted_at", "layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran", *CODES]
    frame = df.loc[timed.to_numpy(), key].astype("string").fillna("\x00")
    repeated = frame.duplicated(keep="first")
    if not repeated.any():
        return []
    first = frame.drop_duplicates(keep="first").reset_index().set_index(key)["index"]
    out = []
    for i in repeated[repeated].index:
        row_key = tuple(frame.loc[i])
        out.append((int(df["row"].loc[i]), int(df["row"].loc[int(first.loc[row_key])])))
    return out


_TIME_OF_DAY = r"\d{1,2}[:.]\d{2}"


def without_rows(survey: Survey, rows: list[int]) -> Survey:
    """The Survey without the given file rows (the duplicates the user chose to drop)."""
    if not rows or survey.responses is None:
        return survey
    df = survey.responses
    kept = df[~df["row"].isin(rows)].reset_index(drop=True)
    note = f"Baris {row_ranges(rows)}: duplikat persis dari baris sebelumnya; dihapus atas pilihan Anda."
    return dataclasses.replace(survey, responses=kept, warnings=[*survey.warnings, note])


def assign_layanan(survey: Survey, name: str) -> Survey:
    """The rows whose layanan cell was blank assigned to `name`."""
    name = " ".join(name.split())
    if not name or name == NO_LAYANAN or survey.responses is None:
        return survey
    df = survey.responses.copy()
    blank = df["layanan"] == NO_LAYANAN
    df.loc[blank, "layanan"] = name
    note = f"{int(blank.sum())} baris tanpa jenis layanan dicatat sebagai layanan '{name}' atas pilihan Anda."
    return dataclasses.replace(survey, responses=df, warnings=[*survey.warnings, note])
