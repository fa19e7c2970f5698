"""Files that are not answers per respondent of the nine-unsur questionnaire, recognised before
anything is mapped, and refused saying what the file is and what to upload instead."""

from __future__ import annotations

import re

from skm.ingest.survey import reject
from skm.ingest.vocabulary import ANSWER_WORDS, GENERIC_ANSWERS, MAX_HEADER_SCAN, normalize_words, parse_number

_ANSWER_WORDS = set(GENERIC_ANSWERS) | {w for words in ANSWER_WORDS.values() for w in words} | {"cukup puas"}
# U10.. and "Unsur 10" are checked with the column set (empty U10..U15 slots are allowed there).
_NUMBERED = re.compile(r"(v|p|q|x|pertanyaan|soal|item|indikator)\s?(\d{1,2})")


def refuse_other_tables(grid: list[list[str]], filename: str) -> None:
    """An answer-count table or a questionnaire with more than nine numbered questions."""
    for i, row in enumerate(grid[:MAX_HEADER_SCAN]):
        words = [normalize_words(c) for c in row]
        options = [w for w in words if w in _ANSWER_WORDS]
        below = grid[i + 1 : i + 6]
        counts = any(
            (n := parse_number(r[j])) is not None and n.is_integer() and n > 4
            for r in below
            for j, w in enumerate(words)
            if w in _ANSWER_WORDS and j < len(r)
        )
        if len(set(options)) >= 3 and counts:
            reject(
                filename,
                "Ini tabel jumlah jawaban per pilihan (kolom "
                + ", ".join(f"'{c.strip()}'" for c, w in zip(row, words, strict=False) if w in _ANSWER_WORDS)
                + " berisi banyaknya responden), bukan jawaban per responden: IKM tidak dapat dihitung ulang "
                "darinya. Unggah ekspor jawaban per responden (satu baris per responden, U1–U9 bernilai 1–4).",
                row=i + 1,
            )
        numbered: dict[str, dict[int, int]] = {}  # prefix -> number -> column
        for j, w in enumerate(words):
            if m := _NUMBERED.fullmatch(w):
                numbered.setdefault(m.group(1), {})[int(m.group(2))] = j
        for prefix, columns in numbered.items():
            found = set(columns)
            # "Pertanyaan 10" holding the saran is not a tenth unsur: the ones past nine must be ratings.
            beyond = [columns[n] for n in found if n > 9]
            rated = all(
                any(j < len(r) and r[j].strip() for r in below)
                and all((n := parse_number(r[j])) is not None for r in below if j < len(r) and r[j].strip())
                for j in beyond
            )
            if len(found) > 9 and found == set(range(1, max(found) + 1)) and rated:
                reject(
                    filename,
                    f"Tabel ini memiliki {len(found)} unsur ({prefix.upper()}1–{prefix.upper()}{max(found)}), bukan "
                    "sembilan unsur PermenPANRB 14/2017; itu kuesioner lain atau aturan lama (11 atau 14 unsur). "
                    "IKM 2017 tidak dapat dihitung darinya: unggah jawaban per responden dari kuesioner sembilan "
                    "unsur (U1 Persyaratan … U9 Sarana dan Prasarana), atau tabel NRR kesembilan unsur itu.",
                    row=i + 1,
                )
