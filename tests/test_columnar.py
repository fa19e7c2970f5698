"""The columnar CSV reader: taken for plain respondent exports, identical to the row-by-row reader
(tests/conftest.py checks that for every CSV any test reads), and stepping aside for bad files so
their problems are still named by row and column."""

from __future__ import annotations

import csv
import hashlib
import io
import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from skm.errors import ImportRejected
from skm.ingest import CLI_LIMITS, NO_LAYANAN, UPLOAD_LIMITS, columnar, read_survey
from skm.unsur import CODES
from tests.test_ingest_formats import QUESTIONS, WORDS

HEADER = ["Cap waktu", "Jenis Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan", *CODES, "Saran"]
ODD_SPACE = ["\u00a0", "\u3000", "\u2009", "\x1c", " \t"]


def export(rows: int, *, words: bool, seed: int = 7, delim: str = ",") -> bytes:
    """A Google-Forms-like export: answers as numbers or words, blanks, '-', odd spaces, saran
    with quotes, delimiters and line breaks inside."""
    rnd = random.Random(seed)
    out = io.StringIO()
    w = csv.writer(out, delimiter=delim, lineterminator="\r\n")
    w.writerow(HEADER[:6] + [QUESTIONS[c] if words else c for c in CODES] + ["Saran"])
    for i in range(rows):
        answers = []
        for c in CODES:
            r = rnd.random()
            score = rnd.choice((2, 3, 3, 4, 4, 4))
            if r < 0.02:
                answers.append("")
            elif r < 0.03:
                answers.append("-")
            elif words:
                answers.append(rnd.choice(("", " ", rnd.choice(ODD_SPACE))) + WORDS[c][score - 1])
            else:
                answers.append(str(score))
        saran = rnd.choice(["", "  ", "Antrean lama, mohon\ndiperbaiki", 'Petugas "ramah"; cepat', f"café {i}\u3000"])
        layanan = rnd.choice(["PPSU", " Surat  Pengantar", "Adminduk\u00a0"])
        w.writerow(
            [
                f"2024/03/{1 + i % 28:02d} 10:00:00",
                layanan,
                rnd.choice(["L", "P", " "]),
                str(18 + i % 60),
                "SMA",
                "Swasta",
                *answers,
                saran,
            ]
        )
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("words", [False, True])
def test_plain_exports_take_the_columnar_path_with_the_same_result(words):
    data = export(3000, words=words)
    survey = columnar.read_fast(data, "ekspor.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    assert survey.row_count == 3000 and set(survey.layanan) == {"PPSU", "Surat Pengantar", "Adminduk"}
    assert survey.responses is not None
    assert survey.responses["saran"].isna().any() and (survey.responses["saran"] == "café 2").sum() <= 1
    assert any("'-'" in w for w in survey.warnings)


@pytest.mark.parametrize(
    ("names", "path"),
    [
        ((b"Surat Pengantar", b"Adminduk"), "kept"),  # the parsed column itself, no copy
        ((b"Surat\tPengantar", b"Adminduk"), "folded"),  # spaces folded as row by row: a mapped copy
        # blank names: named, as 'Tidak disebutkan', put between slices of the column (no copy)
        ((b"Surat Pengantar", "\u3000".encode()), "blank"),
    ],
)
def test_layanan_names_are_copied_only_when_a_name_needs_its_spaces_folded(names, path, monkeypatch):
    mapped_texts = []
    mapped = columnar._mapped
    monkeypatch.setattr(columnar, "_mapped", lambda col, fn, kind: mapped_texts.append(kind) or mapped(col, fn, kind))
    data = export(300, words=False)
    for old, new in zip((b" Surat  Pengantar", "Adminduk\u00a0".encode()), names, strict=True):
        data = data.replace(old, new)
    survey = columnar.read_fast(data, "ekspor.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    assert survey.table.column("layanan").type == pa.string()
    assert (pa.string() in mapped_texts) == (path == "folded")  # only layanan maps to texts
    if path == "blank":
        assert set(survey.layanan) == {"PPSU", "Surat Pengantar", NO_LAYANAN}
        assert any("jenis layanan (kolom B" in w and "kosong" in w for w in survey.warnings)
    else:
        assert set(survey.layanan) == {"PPSU", "Surat Pengantar", "Adminduk"}


def test_blank_layanan_cells_get_the_name_for_none_between_slices_of_the_column():
    """Blank cells (missing, spaces, the first and last row, rows side by side) in a column of
    several chunks, as DuckDB gives a large file: the text at exactly those rows, every other
    value as it was."""
    rnd = random.Random(8)
    values = [rnd.choice(["PPSU", "Adminduk", "Surat Pengantar"]) for _ in range(5000)]
    sizes = [1, 999, 2048, 1, 1951]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    column = pa.chunked_array([pa.array(values[a : a + n]) for a, n in zip(starts, sizes, strict=True)])
    for positions in ([], [0], [4999], [0, 1, 2, 1000, 1001, 3048, 3049, 4999], sorted(rnd.sample(range(5000), 300))):
        out = columnar._with_text_at(column, np.array(positions, dtype=np.int64), NO_LAYANAN)
        expected = [NO_LAYANAN if i in set(positions) else v for i, v in enumerate(values)]
        assert out.type == pa.string() and out.to_pylist() == expected


@pytest.mark.parametrize("blank_rows", [40, 1500])  # at most SLICED_UP_TO between slices, more mapped
def test_blank_layanan_cells_read_as_row_by_row(blank_rows):
    lines = plain_rows(3000)
    rnd = random.Random(blank_rows)
    for i in rnd.sample(range(1, 3001), blank_rows):
        lines[i] = rnd.choice(["", " ", "\u3000"]) + lines[i][lines[i].index(",") :]
    survey = columnar.read_fast("\n".join(lines).encode(), "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    names = survey.table.column("layanan").to_pylist()
    assert names.count(NO_LAYANAN) == blank_rows and set(names) == {"PPSU", "Adminduk", NO_LAYANAN}
    assert any("kosong" in w for w in survey.warnings)


def test_semicolon_export_with_bom_and_decimal_comma_profile():
    data = b"\xef\xbb\xbf" + export(500, words=False, delim=";")
    survey = read_survey(data, "excel.csv")
    assert survey.details == {"encoding": "UTF-8 (BOM)", "pemisah": "titik koma (;)"}
    assert survey.row_count == 500


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda rows: rows.__setitem__(5, rows[5].replace(",4,", ",5,", 1)), "di luar skala 1–4"),
        (lambda rows: rows.__setitem__(9, rows[9] + ",extra"), "kolom"),
        (lambda rows: rows.insert(7, ""), None),  # a blank line among records over several lines
    ],
)
def test_files_it_does_not_take_are_read_row_by_row(mutate, problem):
    rows = export(50, words=False, seed=3).decode().split("\r\n")
    mutate(rows)
    data = "\r\n".join(rows).encode()
    assert columnar.read_fast(data, "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS) is None
    if problem is None:
        assert read_survey(data, "x.csv").row_count == 50
    else:
        with pytest.raises(ImportRejected) as exc:
            read_survey(data, "x.csv")
        assert problem in str(exc.value) and "x.csv" in str(exc.value)


def plain_rows(rows: int) -> list[str]:
    """A coded export with one line per record."""
    rnd = random.Random(11)
    head = ["Layanan", "Jenis Kelamin", *CODES]
    body = [
        f"{rnd.choice(['PPSU', 'Adminduk'])},{rnd.choice('LP')}," + ",".join(rnd.choice("1234") for _ in CODES)
        for _ in range(rows)
    ]
    return [",".join(head), *body]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_blank_lines_keep_the_row_by_row_readers_row_numbers(newline):
    lines = plain_rows(40)
    lines = [*lines[:6], "", *lines[6:20], "", "", *lines[20:], "", ""]  # a blank line ends the file too
    survey = columnar.read_fast(
        newline.join(lines).encode(), "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS
    )
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    assert survey.row_count == 40
    rows = survey.table.column("row").to_pylist()
    assert rows[:5] == [2, 3, 4, 5, 6] and rows[5] == 8 and rows[19] == 24 and rows[-1] == 44


def test_record_rows_are_the_non_empty_lines_numbers():
    """Random files of one-line records, empty lines anywhere after the header, LF or CRLF, with and
    without a last line break: each record's row is the number of its line, as csv.reader counts
    them (checked against the file's lines split in Python, where an empty CRLF line is a lone \\r)."""
    rnd = random.Random(21)
    for _ in range(500):
        newline = rnd.choice(["\n", "\r\n"])
        lines = [rnd.choice(["r", "rr", "x,y"]) + str(i) for i in range(rnd.randint(1, 30))]
        for _ in range(rnd.choice([0, 1, 2, 5])):
            lines.insert(rnd.randint(1, len(lines)), "")
        raw = (newline.join(lines) + rnd.choice(["", newline])).encode()
        records = sum(1 for line in lines if line)
        got = columnar._record_rows(raw, records, columnar._line_breaks(raw))
        expected = [i + 1 for i, part in enumerate(raw.split(b"\n")) if part not in (b"", b"\r")]
        assert got is not None and got.tolist() == expected, raw
    for raw, records in ((b"a\n\nb\nc\n", 2), (b"a\r\n\r\r\nb\r\n", 2)):  # 3 records; a lone \\r
        assert columnar._record_rows(raw, records, columnar._line_breaks(raw)) is None


def test_rows_that_answer_no_unsur_are_left_out_and_named():
    lines = plain_rows(30)
    for i in (3, 17, 18):
        lines[i] = lines[i].split(",", 2)[0] + ",L" + "," * len(CODES)
    survey = columnar.read_fast("\n".join(lines).encode(), "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    assert survey.row_count == 27
    assert 4 not in survey.table.column("row").to_pylist()
    assert "Baris 4, 18–19: tidak menjawab satu pun dari sembilan unsur" in " ".join(survey.warnings)
    only_blank = [lines[0], *(line.split(",", 2)[0] + ",L" + "," * len(CODES) for line in lines[1:])]
    data = "\n".join(only_blank).encode()
    assert columnar.read_fast(data, "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS) is None
    with pytest.raises(ImportRejected, match="Tidak ada satu baris pun"):
        read_survey(data, "x.csv")


def test_a_windows_1252_export_takes_the_columnar_path_with_the_same_texts():
    """Excel's "CSV" in an Indonesian locale: semicolons, Windows-1252 (é, the en dash and the
    curly quote are bytes 0xE9, 0x96, 0x92)."""
    lines = [line.replace(",", ";") for line in plain_rows(30)]
    lines[0] += ";Saran"
    lines[1:] = [f"{line};Pelayanan cepat – terima kasih’ café {i}" for i, line in enumerate(lines[1:])]
    lines[5] = "Pengurusan KTP–el" + lines[5][lines[5].index(";") :]
    data = "\r\n".join(lines).encode("cp1252")
    survey = columnar.read_fast(data, "excel.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS)
    assert survey is not None  # conftest compared it with the row-by-row reader, field by field
    assert survey.details == {"encoding": "Windows-1252", "pemisah": "titik koma (;)"}
    assert "Pengurusan KTP–el" in survey.layanan
    assert survey.table.column("saran")[0].as_py() == "Pelayanan cepat – terima kasih’ café 0"
    assert survey.sha256 == hashlib.sha256(data).hexdigest()
    mixed = "\r\n".join(lines).encode() + "\r\nPPSU;L;1;1;1;1;1;1;1;1;1;café".encode("cp1252")
    assert columnar.read_fast(mixed, "x.csv", layanan=None, overrides=None, limits=UPLOAD_LIMITS) is None
    with pytest.raises(ImportRejected, match="mencampur dua encoding"):  # UTF-8 and Windows-1252
        read_survey(mixed, "x.csv")


def test_cell_limit_holds_on_the_columnar_path_too():
    data = export(2000, words=False)
    with pytest.raises(ImportRejected, match="lebih dari"):
        read_survey(data, "besar.csv", limits=type(UPLOAD_LIMITS)(max_cells=10_000))
    assert read_survey(data, "besar.csv", limits=CLI_LIMITS).row_count == 2000


def test_edge_space_pattern_is_exactly_what_str_strip_removes():
    import pyarrow as pa
    import pyarrow.compute as pc

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    others = ["a", "a b", "\u200bx", "x\u200b", "ab"]
    arr = pa.array([f"a{s}" for s in spaces] + [f"{s}a" for s in spaces] + [""] + others)
    hits = pc.match_substring_regex(arr, columnar._EDGE_SPACE).to_pylist()
    assert hits == [True] * (2 * len(spaces) + 1) + [False] * len(others)


def test_whitespace_set_is_exactly_str_isspace():
    assert set(columnar.PY_WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_xlsx_from_the_command_line_is_read_in_process_with_the_same_result():
    import xlsxwriter

    rows = export(400, words=True).decode().split("\r\n")
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Form Responses 1")
    for i, row in enumerate(csv.reader(rows)):
        for j, value in enumerate(row):
            if i and value.strip().isdigit():
                ws.write_number(i, j, int(value))  # numbers as numbers, as Sheets exports them
            else:
                ws.write_string(i, j, value)
    wb.close()
    data = buf.getvalue()
    survey = columnar.read_xlsx_trusted(data, "ekspor.xlsx", layanan=None, overrides=None, limits=CLI_LIMITS)
    assert survey is not None and survey.row_count == 400  # conftest compared it with the isolated child
    assert survey.details == {"lembar": "Form Responses 1"}


def test_cell_texts_of_numbers_booleans_and_zero():
    rows = [["h", "U1", "x", "z"], ["a", 3.0, True, 0.0], ["b", 2.5, False, -0.0], ["c", "", 1.0, 4.0]]
    table = columnar._text_table(rows, 4)
    assert table is not None
    assert [table.column(j).to_pylist()[1:] for j in range(4)] == [
        ["a", "b", "c"],
        ["3", "2.5", ""],
        ["TRUE", "FALSE", "1"],
        [columnar._text(0.0), columnar._text(-0.0), "4"],  # not one memo entry for 0.0 and -0.0
    ]


def test_timestamps_read_as_the_row_by_row_reader_writes_them():
    from datetime import datetime

    from skm.safe_xlsx import cell_text

    stamps = [datetime(2024, 3, 1, 9, 5, 7), datetime(1999, 12, 31, 23, 59, 59), datetime(2024, 1, 1)]
    table = columnar._text_table([["Cap waktu"], *([v] for v in stamps)], 1)
    assert table is not None and table.column(0).to_pylist() == ["Cap waktu", *(cell_text(v) for v in stamps)]
    with_micro = [datetime(2024, 3, 1, 9, 5, 7, 250000), *stamps]
    table = columnar._text_table([["Cap waktu"], *([v] for v in with_micro)], 1)
    assert table is not None and table.column(0).to_pylist() == ["Cap waktu", *(cell_text(v) for v in with_micro)]


def test_edge_byte_look_never_clears_a_value_str_strip_would_change():
    import pyarrow as pa

    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    values = [f"{s}a" for s in spaces] + [f"a{s}" for s in spaces] + ["", None, "a", "é", "ab c"]
    arr = pa.array(values, pa.string()).slice(1)  # an offset into the buffers, as table slices have
    suspects = columnar._edge_suspects(arr)
    for value, suspect in zip(values[1:], suspects, strict=True):
        if value is not None and value.strip() != value or value == "":
            assert suspect, repr(value)
    assert not suspects[-1] and not suspects[-3]  # "ab c", "a"


def test_the_file_the_bytes_came_from_is_parsed_in_place_with_the_same_result(tmp_path, monkeypatch):
    """The command line hands over the file's path: DuckDB parses it there (no copy) and the Survey
    is the same; a path that no longer holds those bytes is not used."""
    data = export(300, words=False)
    plain = read_survey(data, "skm.csv", limits=CLI_LIMITS)
    on_disk = tmp_path / "skm.csv"
    on_disk.write_bytes(data)
    parsed: list[str] = []
    real = columnar._parse
    monkeypatch.setattr(columnar, "_parse", lambda con, path, *a: parsed.append(str(path)) or real(con, path, *a))
    in_place = read_survey(data, "skm.csv", limits=CLI_LIMITS, path=on_disk)
    assert parsed == [str(on_disk)]
    pd.testing.assert_frame_equal(in_place.responses, plain.responses)
    assert in_place.sha256 == plain.sha256
    on_disk.write_bytes(data[:-200])  # changed since it was read: a copy of the bytes is parsed
    again = read_survey(data, "skm.csv", limits=CLI_LIMITS, path=on_disk)
    assert parsed[-1] != str(on_disk)
    pd.testing.assert_frame_equal(again.responses, plain.responses)


def _xlsx_of(data: bytes) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Form Responses 1")
    for i, row in enumerate(csv.reader(data.decode().split("\r\n"))):
        for j, value in enumerate(row):
            if i and value.strip().isdigit():
                ws.write_number(i, j, int(value))
            else:
                ws.write_string(i, j, value)
    wb.close()
    return buf.getvalue()


def test_arrow_rows_are_stored_exactly_as_their_dataframe(tmp_path):
    """The Store inserts the columnar reader's Arrow table (no DataFrame is made on the command
    line); stored rows and layanan sums are the same as from the DataFrame the pages see."""
    from skm.storage import Store
    from skm.units import Period

    data = export(500, words=True)
    stored = []
    for how in ("arrow", "frame"):
        survey = columnar.read_fast(data, "ekspor.csv", layanan=None, overrides=None, limits=CLI_LIMITS)
        assert survey is not None and survey.table is not None
        survey.frame = None  # (conftest made the DataFrame to compare it with the row-by-row reader)
        if how == "frame":
            survey.responses = survey.responses  # the DataFrame, as an edited Survey has it
            assert survey.table is None
        store = Store(tmp_path / how / "skm.duckdb")
        unit, _ = store.ensure_unit_path("Kota/Kec/Kel")
        store.import_survey(survey, data, unit.id, Period(2024, 1))
        cur = store.cursor()
        stored.append(
            (
                cur.execute("SELECT * EXCLUDE (batch_id) FROM responses ORDER BY row_number").fetchall(),
                cur.execute("SELECT * EXCLUDE (batch_id) FROM layanan_summary ORDER BY ALL").fetchall(),
            )
        )
        store.close()
    assert stored[0] == stored[1] and len(stored[0][0]) == 500


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_command_line_import_never_imports_pandas(tmp_path, fmt):
    """Issue 17: the command line's import of a plain export pays only for duckdb, pyarrow and its
    reader, not for pandas (a third of a second of a fresh process)."""
    import subprocess
    import sys

    data = export(200, words=False)
    path = tmp_path / f"ekspor.{fmt}"
    path.write_bytes(data if fmt == "csv" else _xlsx_of(data))
    argv = ["--db", str(tmp_path / "skm.duckdb"), "import", str(path), "--unit", "A/B/C", "--period", "2024-S1"]
    code = f"""
import sys
from skm.cli import main
code = main({argv!r})
assert code == 0, code
assert "pandas" not in sys.modules, "pandas was imported"
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "200 baris diimpor" in done.stdout


def test_xlsx_from_the_file_it_came_from_is_read_there_with_the_same_result(tmp_path, monkeypatch):
    """fastexcel reads the command line's file itself (no second copy of the bytes in memory); a
    file that no longer holds those bytes is not used."""
    from skm.ingest import xlsx_arrow

    data = _xlsx_of(export(300, words=True))
    plain = read_survey(data, "skm.xlsx", limits=CLI_LIMITS)
    on_disk = tmp_path / "skm.xlsx"
    on_disk.write_bytes(data)
    sources: list[object] = []
    real = xlsx_arrow.sheet_table
    monkeypatch.setattr(
        xlsx_arrow, "sheet_table", lambda source, limits: sources.append(source) or real(source, limits)
    )
    from_file = read_survey(data, "skm.xlsx", limits=CLI_LIMITS, path=on_disk)
    assert sources == [on_disk] and real(on_disk, CLI_LIMITS) is not None  # fastexcel read it
    pd.testing.assert_frame_equal(from_file.responses, plain.responses)
    assert from_file.sha256 == plain.sha256 and from_file.word_maps == plain.word_maps
    on_disk.write_bytes(data + b"\0")  # changed since it was read: the bytes are read
    read_survey(data, "skm.xlsx", limits=CLI_LIMITS, path=on_disk)
    assert isinstance(sources[-1], bytes)


def test_the_command_line_hands_the_store_its_file_and_a_changed_file_is_refused(tmp_path):
    """The Store copies the file itself (the bytes need not stay in memory while the rows go in),
    checking the copy against the Survey's sha256: a file changed since it was read stores nothing."""
    from skm.errors import StoreError
    from skm.storage import Store
    from skm.units import Period

    data = export(200, words=False)
    on_disk = tmp_path / "skm.csv"
    on_disk.write_bytes(data)
    survey = read_survey(data, "skm.csv", limits=CLI_LIMITS, path=on_disk)
    store = Store(tmp_path / "db" / "skm.duckdb")
    unit, _ = store.ensure_unit_path("A/B/C")
    on_disk.write_bytes(data.replace(b"SMA", b"SMP"))  # same size, other content
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        store.import_survey(survey, on_disk, unit.id, Period(2024, 1))
    assert store.batches() == [] and not any(store.upload_dir.iterdir())
    on_disk.write_bytes(data)
    outcome = store.import_survey(survey, on_disk, unit.id, Period(2024, 1))
    assert outcome.status == "imported" and outcome.rows == 200
    assert (store.upload_dir / f"{survey.sha256}.csv").read_bytes() == data
    store.close()


def test_blank_rows_are_found_in_every_chunk_of_a_column():
    """A large file comes back from DuckDB in several chunks: rows whose every cell str.strip()
    empties are found in each of them, at their place in the whole table."""
    import pyarrow as pa

    rnd = random.Random(5)
    cells = ["", " ", "\u3000", "\t", None, "x", " x", "4", "\u00a0a"]
    rows = [[rnd.choice(cells) for _ in range(3)] for _ in range(3000)]
    for i in (0, 999, 1000, 1700, 2999):
        rows[i] = [rnd.choice(["", " ", None, "\u2003"]) for _ in range(3)]
    chunked = [
        pa.chunked_array([pa.array([r[j] for r in part]) for part in (rows[:1000], rows[1000:1700], rows[1700:])])
        for j in range(3)
    ]
    table = pa.table(chunked, names=["a", "b", "c"]).slice(1)  # the header row taken off, as the reader does
    expected = [i for i, r in enumerate(rows[1:]) if all(not (v or "").strip() for v in r)]
    assert len(expected) >= 4
    assert columnar._blank_rows(table).tolist() == expected
