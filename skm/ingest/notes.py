"""Warnings both readers give, word for word (tests/conftest.py compares their Surveys)."""

from __future__ import annotations

from collections.abc import Mapping


def unused_columns(labels: list[str]) -> str:
    return "Kolom yang tidak dipakai (tetap tersimpan di file asli): " + ", ".join(labels)


def one_layanan(name: str) -> str:
    return f"File tidak punya kolom jenis layanan; semua baris dicatat sebagai layanan '{name}'."


def blank_answers(rows: int, per_unsur: Mapping[str, int], dashes: int) -> list[str]:
    """What blanks a respondent table holds: rows with a blank unsur, and '-' cells."""
    out = []
    if rows:
        listed = ", ".join(f"{c}: {k}" for c, k in per_unsur.items() if k)
        out.append(
            f"{rows} responden tidak menjawab semua unsur (kosong per unsur — "
            f"{listed}). Jawaban kosong tidak dihitung, bukan dianggap nol."
        )
    if dashes:
        out.append(f"{dashes} sel berisi '-' dibaca sebagai tidak dijawab.")
    return out


NOTHING_ANSWERED = (
    "Tidak ada satu baris pun yang menjawab unsur U1–U9: file ini templat kosong atau hanya berisi judul. "
    "Isi jawaban responden (satu baris per responden, nilai 1–4 atau kata jawabannya) lalu unggah lagi."
)


def unanswered_rows(rows: str) -> str:
    return f"Baris {rows}: tidak menjawab satu pun dari sembilan unsur (misalnya hanya saran); dilewati."


def blank_layanan(rows: str, column: str) -> str:
    return (
        f"Baris {rows}: jenis layanan (kolom {column}) kosong; dicatat sebagai layanan 'Tidak disebutkan'. "
        "Di halaman Unggah Data layanannya dapat dipilih sebelum menyimpan."
    )
