"""Hostile and broken files (tests/hostile/corpus.py), and a fuzz of the importer.

Every corpus file goes the way the CLI goes (read_survey, then Store.import_survey) against a
store that already holds data. It is refused with an Indonesian message naming the file and
the database (and upload folder) exactly as before, or it is read exactly right and imports;
nothing but ImportRejected/ImportConflict ever escapes; the reading process's memory and time
stay bounded (XLSX is parsed in a child process under RLIMIT_AS and a timeout).

SKM_LONG_TESTS=1 runs the fuzz tests with ten times as many examples.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hostile.corpus import (
    CASES,
    GOOD_XLSX,
    MAIN,
    PEOPLE,
    Reads,
    Refused,
    _tall_xlsx,
    csv_text,
    hand_xlsx,
    people_sheet,
    rows_of,
    zip_bomb,
)
from hostile.runner import run_case, seeded_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from skm import safe_xlsx
from skm.errors import ImportRejected
from skm.ingest import Survey, read_survey

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "skm-hypothesis")  # not .hypothesis/ in the checkout
MB = 2**20
LONG = os.environ.get("SKM_LONG_TESTS") == "1"
MAX_TRACED = 200 * MB  # Python allocations of the importing process while one file is read
MAX_RSS_GROWTH = 200 * MB
MAX_SECONDS = 30.0  # one file, on a slow shared CI machine; the figures are far lower
INDONESIAN = re.compile(r"\b(tidak|bukan|baris|kolom|lembar|isinya|terlalu|rusak|dibaca|judul|nilai|yang|di|dan|ini)\b")


def test_the_corpus_has_at_least_200_distinct_files():
    assert len(CASES) >= 200
    assert len({c.name for c in CASES}) == len(CASES)
    refused = [c for c in CASES if isinstance(c.expect, Refused)]
    reads = [c for c in CASES if isinstance(c.expect, Reads)]
    assert len(refused) >= 150 and len(reads) >= 50


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store, unit = seeded_store(tmp_path_factory.mktemp("hostile") / "db" / "skm.duckdb")
    yield store, unit
    store.close()


def _matches(part: str | tuple[str, ...], message: str) -> bool:
    return part in message if isinstance(part, str) else any(p in message for p in part)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_hostile_file(seeded, case):
    store, unit = seeded
    result = run_case(case, store, unit)

    if result.error is not None:
        raise AssertionError(f"{case.name}: {result.message}") from result.error
    assert result.outcome != "crash"
    assert result.seconds < MAX_SECONDS, result.seconds
    assert result.traced_peak is None or result.traced_peak < MAX_TRACED, result.traced_peak
    assert result.rss_growth < MAX_RSS_GROWTH, result.rss_growth

    if isinstance(case.expect, Refused):
        message = result.message
        assert result.outcome == "refused", (result.outcome, message)
        assert message.startswith("File ditolak, tidak ada data yang disimpan.\n")
        assert result.problems and all(p.file == case.filename for p in result.problems)
        assert all(line.startswith((case.filename, "… dan ")) for line in message.splitlines()[1:])
        assert INDONESIAN.search(result.problems[0].message.lower()), message
        for part in case.expect.parts:
            assert _matches(part, message), (part, message)
        first = result.problems[0]
        if case.expect.row is not ...:
            assert first.row == case.expect.row, message
        if case.expect.column is not ...:
            assert first.column == case.expect.column or (
                isinstance(first.column, str) and first.column.startswith(f"{case.expect.column} ")
            ), message
        assert result.checksums_unchanged
        assert result.uploads_unchanged
    else:
        assert result.outcome == "imported", (result.outcome, result.message)
        assert isinstance(result.survey, Survey)
        case.expect.check(result.survey)
        assert result.survey.row_count == case.expect.rows
        assert result.message.startswith(f"{case.expect.rows} baris diimpor")


# ----------------------------------------------------------------------------- the XLSX guard itself


def test_the_zip_bomb_is_small_declares_over_a_gigabyte_and_is_refused_quickly(seeded):
    data = zip_bomb()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        inflated = sum(i.file_size for i in zf.infolist())
    assert len(data) < 2 * MB and inflated > 2**30

    case = next(c for c in CASES if c.name == "xlsx-zip-bomb-1gb")
    result = run_case(case, *seeded)

    assert result.outcome == "refused" and "zip bomb" in result.message
    assert result.seconds < 10
    assert result.traced_peak is not None and result.traced_peak < 20 * MB
    assert result.rss_growth < MAX_RSS_GROWTH
    assert result.checksums_unchanged


def test_a_reader_that_runs_out_of_memory_is_refused_not_fatal():
    # 40 MB is too little for 20 000 rows: the child dies (Rust aborts on a failed allocation).
    with pytest.raises(ImportRejected) as info:
        safe_xlsx.read_sheets(_tall_xlsx(), "tinggi.xlsx", "xlsx", memory_mb=40)
    message = str(info.value)
    assert "tinggi.xlsx: File Excel ini tidak dapat dibaca dengan aman:" in message
    assert "40 MB" in message


def test_a_reader_that_takes_too_long_is_stopped():
    with pytest.raises(ImportRejected) as info:
        safe_xlsx.read_sheets(_tall_xlsx(), "lambat.xlsx", "xlsx", timeout=0.05)
    assert "lambat.xlsx: File Excel ini tidak dapat dibaca dengan aman: pembacaan melebihi batas waktu 0,05 detik" in (
        str(info.value)
    )


def test_a_reader_killed_by_a_signal_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\nkill -SEGV $$\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(safe_xlsx.sys, "executable", str(fake))
    with pytest.raises(ImportRejected) as info:
        safe_xlsx.read_sheets(GOOD_XLSX(), "mogok.xlsx", "xlsx")
    assert (
        "mogok.xlsx: File Excel ini tidak dapat dibaca dengan aman: pembaca Excel berhenti mendadak (sinyal SIGSEGV)"
        in (str(info.value))
    )


@pytest.mark.parametrize(
    "answer",
    ['{"sheets": 5}', '{"sheets": [["Data", [["a", 3]]]]}', '{"sheets": [["Data", ["abc"]]]}', "[1, 2]", "{", ""],
)
def test_a_reader_that_answers_garbage_is_refused(tmp_path, monkeypatch, answer):
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\ncat >/dev/null\nprintf '%s' '{answer}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(safe_xlsx.sys, "executable", str(fake))
    with pytest.raises(ImportRejected) as info:
        safe_xlsx.read_sheets(GOOD_XLSX(), "aneh.xlsx", "xlsx")
    assert "aneh.xlsx: File Excel ini tidak dapat dibaca dengan aman: " in str(info.value)


def test_the_child_reads_without_pandas():
    # The child is started with -I and the file's path: it must not need the skm package.
    source = Path(safe_xlsx.__file__).read_text(encoding="utf-8")
    imports = re.findall(r"^\s*(?:from|import) ([\w.]+)", source, re.MULTILINE)
    assert "pandas" not in imports
    assert [m for m in imports if m.startswith("skm")] == ["skm.errors"]


def test_limits_can_be_set_by_environment(monkeypatch):
    monkeypatch.setenv("SKM_XLSX_TIMEOUT", "0.05")
    with pytest.raises(ImportRejected, match="batas waktu 0,05 detik"):
        safe_xlsx.read_sheets(_tall_xlsx(), "lambat.xlsx", "xlsx")


# ----------------------------------------------------------------------------- fuzzing

VALID_CSV = csv_text(rows_of(PEOPLE), ";").encode("utf-8")
XML, STRINGS = people_sheet()
POSITION = st.integers(min_value=0, max_value=10**6)
MUTATION = st.one_of(
    st.tuples(st.just("flip"), POSITION, st.integers(min_value=1, max_value=255)),
    st.tuples(st.just("cut"), POSITION),
    st.tuples(st.just("insert"), POSITION, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), POSITION, st.integers(min_value=1, max_value=256)),
    st.tuples(st.just("repeat"), POSITION, st.integers(min_value=1, max_value=512), st.integers(2, 50)),
)
# Pieces of sheet XML that have made readers misread, refuse or panic.
XML_PIECES = [
    b'<c r="A0"><v>1</v></c>',
    b'<c r="XFE1"><v>1</v></c>',
    b'<c r="D3" t="s"><v>-1</v></c>',
    b'<c r="D3" t="s"><v>999</v></c>',
    b'<c r="D3" s="1"><v>-1e20</v></c>',
    b'<c r="D3"><f>1+1</f></c>',
    b'<c r="D3" t="b"><v>2</v></c>',
    b"<v>NaN</v>",
    b"<v>1e999</v>",
    b'<row r="0">',
    b'<row r="1048577">',
    b"</row>",
    b"</c>",
    b"<c>",
    b"&#0;",
    b"&amp;",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"<![CDATA[3]]>",
    b"\xff\xfe",
    b'<c r="XFD1048576"><v>1</v></c>',
]
XML_MUTATION = st.one_of(MUTATION, st.tuples(st.just("insert"), POSITION, st.sampled_from(XML_PIECES)))


def mutate(data: bytes, ops) -> bytes:
    out = bytearray(data)
    for op in ops:
        at = op[1] % (len(out) + 1)
        if op[0] == "flip" and at < len(out):
            out[at] ^= op[2]
        elif op[0] == "cut":
            del out[at:]
        elif op[0] == "insert":
            out[at:at] = op[2]
        elif op[0] == "delete":
            del out[at : at + op[2]]
        elif op[0] == "repeat":
            out[at:at] = bytes(out[at : at + op[2]]) * op[3]
    return bytes(out)


def read_or_refuse(data: bytes, filename: str) -> None:
    """The only two ways read_survey may end: a Survey, or ImportRejected naming the file."""
    try:
        survey = read_survey(data, filename)
    except ImportRejected as exc:
        assert exc.problems
        assert all(p.file == filename for p in exc.problems)
        assert str(exc).startswith("File ditolak, tidak ada data yang disimpan.\n")
        return
    assert isinstance(survey, Survey)
    assert survey.row_count >= 1


def fuzz_settings(examples: int):
    return settings(
        max_examples=examples * (10 if LONG else 1),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@fuzz_settings(200)
@given(st.lists(MUTATION, min_size=1, max_size=6))
def test_fuzz_csv(ops):
    read_or_refuse(mutate(VALID_CSV, ops), "fuzz.csv")


@fuzz_settings(200)
@given(st.lists(MUTATION, min_size=1, max_size=4))
def test_fuzz_xlsx_bytes(ops):
    read_or_refuse(mutate(GOOD_XLSX(), ops), "fuzz.xlsx")


@fuzz_settings(100)
@given(st.lists(XML_MUTATION, min_size=1, max_size=4), st.lists(MUTATION, max_size=2))
def test_fuzz_xlsx_sheet_xml(sheet_ops, string_ops):
    sst = (
        f'<?xml version="1.0"?><sst xmlns="{MAIN}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in STRINGS)
        + "</sst>"
    )
    data = hand_xlsx(mutate(XML.encode(), sheet_ops), sst_xml=mutate(sst.encode(), string_ops))
    read_or_refuse(data, "fuzz_xml.xlsx")
