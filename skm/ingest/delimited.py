"""Delimited text (CSV, semicolon or tab separated) as a grid of cell texts, row by row."""

from __future__ import annotations

import csv
import io

from skm.ingest.sniff import DELIMITER_NAMES, decode_text, mostly_control, sniff_delimiter
from skm.ingest.survey import MAX_COLUMNS, UPLOAD_LIMITS, Limits, check_size, reject, thousands


def read_csv_grid(data: bytes, filename: str, limits: Limits = UPLOAD_LIMITS) -> tuple[list[list[str]], dict[str, str]]:
    check_size(data, filename, limits)
    text, encoding = decode_text(data, filename)
    if "\x00" in text:
        reject(filename, "File berisi karakter biner (NUL); ini bukan file CSV yang utuh.")
    if mostly_control(text):
        reject(
            filename, "Isi file ini bukan teks (banyak karakter kendali); ini bukan file CSV. Simpan ulang sebagai CSV."
        )
    delim = sniff_delimiter(text)
    rows: list[list[str]] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                reject(
                    filename,
                    f"baris ini punya {thousands(len(row))} kolom; batasnya {thousands(MAX_COLUMNS)} (batas Excel). "
                    "Periksa pemisah kolom pada file.",
                    row=len(rows) + 1,
                )
            cells += len(row) or 1  # a blank line costs a row all the same
            if cells > limits.max_cells:
                reject(
                    filename,
                    f"File terlalu besar: lebih dari {thousands(limits.max_cells)} sel "
                    f"(sampai baris {len(rows) + 1}). "
                    "Pecah data menjadi beberapa file, misalnya per layanan.",
                )
            rows.append(row)
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            detail = (
                f"satu isian lebih panjang dari {thousands(csv.field_size_limit())} karakter; kemungkinan ada "
                'tanda kutip (") yang tidak ditutup'
            )
        elif "unexpected end of data" in reason:
            detail = 'tanda kutip (") dibuka tetapi tidak ditutup sampai akhir file'
        else:
            detail = f"tanda kutip tidak pada tempatnya ({reason})"
        # The record number goes in the text: a broken quote has no single row to point at.
        reject(filename, f"Struktur CSV rusak mulai baris {len(rows) + 1}: {detail}. Periksa tanda kutip pada file.")
    return rows, {"encoding": encoding, "pemisah": DELIMITER_NAMES[delim]}
