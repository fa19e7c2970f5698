"""The Unggah Data page, driven through the whole app with Streamlit's AppTest against a temporary
copy of the demo database: upload, preview, mapping correction, save, conflict + replace,
duplicate, refusal, and undo."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from skm.demo import SEED_FILE, SEED_UNIT, ensure_demo
from skm.errors import ImportRejected
from skm.ingest import read_survey
from skm.storage import Store
from skm.summary import unit_summary
from skm.template import ANSWER_WORDS, template_xlsx
from skm.units import Period, period_of, unusual_period
from skm.unsur import CODES
from tests.apptest import choose, new_app, static_tables
from ui import upload
from ui.data import get_store

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "skm" / "demo" / SEED_FILE).read_bytes()
NEW = upload.NEW
KECAMATAN = "Jakarta Timur/Makasar"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The demo database, built once; every test works on its own copy."""
    folder = tmp_path_factory.mktemp("demo")
    store = Store(folder / "skm.duckdb")
    ensure_demo(store)
    store.close()
    return folder


@pytest.fixture
def app(demo_db, tmp_path, monkeypatch):
    """The app on the Unggah Data page, with a fresh copy of the demo database."""
    db_dir = tmp_path / "data"
    shutil.copytree(demo_db, db_dir)
    monkeypatch.setenv("SKM_DB", str(db_dir / "skm.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = new_app(60)
    at.run()
    at.switch_page("pages/unggah.py")
    at.run()
    assert not at.exception
    yield at
    get_store().close()
    st.cache_resource.clear()
    st.cache_data.clear()


def store() -> Store:
    return get_store()  # the app's own Store (same process, same cache)


def select_unit(at: AppTest, path: str) -> None:
    choose(at, unit_id=store().find_unit(path).id)
    at.run()


def set_period(at: AppTest, period: Period) -> None:
    """Choose the period on the page; a semester more than a year back or not yet started is
    confirmed as the operator would (test_unusual_period_asks_to_confirm checks the asking)."""
    at.number_input(key="unggah_tahun").set_value(period.tahun)
    at.radio(key="unggah_semester").set_value(period.semester)
    at.run()
    if unusual_period(period, date.today()):
        at.session_state[f"unggah_period_ok_{period.code}"] = True


def upload_file(at: AppTest, name: str, content: bytes) -> None:
    at.file_uploader[0].set_value((name, content, "text/csv"))
    at.run()
    assert not at.exception


def texts(elements) -> str:
    return "\n".join(e.value for e in elements)


def selectbox(at: AppTest, prefix: str):
    """The selectbox whose key starts with prefix (page keys carry the data version)."""
    return next(w for w in at.selectbox if w.key and w.key.startswith(prefix))


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The first table (grid, data editor or static table) on the page that has this column; a
    static table's cells are the texts shown."""
    frames = [df.value for df in [*at.dataframe, *at.table]] + static_tables(at)
    return next(frame for frame in frames if column in frame.columns)


def ikm(path: str, period: Period) -> float | None:
    s = store()
    result = unit_summary(s, s.find_unit(path), period)
    return None if result is None else round(result.score.ikm, 2)


def seed_without_ikm_column() -> bytes:
    """The seed's Tabel 1 without its IKM Layanan column: other bytes, IKM 99,03 instead of 99,09."""
    lines = SEED.decode("utf-8").splitlines()
    return ("\n".join(line.rsplit(";", 1)[0] for line in lines) + "\n").encode("utf-8")


def responses_csv(header_u9: str = "U9", with_layanan: bool = True) -> bytes:
    head = (["Jenis Layanan"] if with_layanan else []) + [f"U{i}" for i in range(1, 9)] + [header_u9]
    rows = [";".join(head)]
    for n, answers in enumerate(("4;4;3;4;3;4;4;3;4", "3;3;3;4;3;3;4;3;3", "4;4;4;4;4;4;4;4;4")):
        rows.append(("Posyandu;" if with_layanan else "") + answers)
        del n
    return ("\n".join(rows) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------ page


def test_page_renders_for_kota_kecamatan_and_kelurahan(app):
    at = app
    assert [t.value for t in at.title] == ["Unggah Data"]
    assert at.download_button[0].label == "Unduh templat Excel"
    assert at.download_button[0].proto.deferred_file_id  # built only when clicked
    assert at.file_uploader[0].allowed_type == [".csv", ".txt", ".tsv", ".xlsx", ".xls"]
    history = table(at, "Sumber")
    assert {"#", "Unit", "Periode", "File", "Baris", "Layanan", "Waktu", "Sumber", "Status"} <= set(history.columns)
    assert set(history["Status"]) == {"aktif"}
    # The kota's imports, a page of HISTORY_ROWS at a time, newest first; the last page holds the oldest.
    pages = selectbox(at, "unggah_history_page_")
    assert len(history) == upload.HISTORY_ROWS and len(pages.options) > 1
    pages.set_value(len(pages.options)).run()
    last = table(at, "Sumber")
    assert 0 < len(last) <= upload.HISTORY_ROWS and int(last["#"].iloc[-1]) < int(history["#"].iloc[-1])
    for path in (KECAMATAN, SEED_UNIT):
        select_unit(at, path)
        assert not at.exception
    assert "Halim Perdanakusuma" in texts(at.markdown)
    assert "demo (laporan asli)" in set(table(at, "Sumber")["Sumber"])


def test_upload_to_new_kelurahan_and_save(app):
    at = app
    select_unit(at, KECAMATAN)
    kecamatan = store().find_unit(KECAMATAN)
    selectbox(at, f"unggah_target_{kecamatan.id}_").set_value(NEW)
    at.run()
    at.text_input(key="unggah_new_name").set_value("Kelurahan Uji")
    set_period(at, Period(2026, 1))
    assert "Uji" in texts(at.info) and "Semester I 2026" in texts(at.info)

    upload_file(at, "tabel1.csv", SEED)
    assert "Tabel NRR agregat" in texts(at.success)
    mapping = at.data_editor[0].value
    assert mapping.loc[mapping["Kolom"] == "B", "Dipakai sebagai"].item() == "U1 Persyaratan"
    assert "IKM layanan (angka di file)" in set(mapping["Dipakai sebagai"])
    assert len(at.tabs) == 3  # Kolom, Layanan, Pratinjau (no answer words in an NRR table)
    assert set(table(at, "IKM (di file)")["Layanan"]) >= {"PPSU", "Posyandu"}

    at.button(key="unggah_save").click()
    at.run()
    assert not at.exception
    assert "6 baris diimpor" in texts(at.success)
    # Where it went, in words with levels and the semester (not a raw path).
    assert "Tersimpan — Kel. Uji, Kec. Makasar, Semester I 2026." in texts(at.success)
    assert [link for link in at.get("page_link") if "ringkasan" in link.proto.page]
    assert ikm(f"{KECAMATAN}/Uji", Period(2026, 1)) == 99.09
    # The uploader starts empty again, and the sidebar now shows what was imported.
    assert at.file_uploader[0].value is None
    assert at.session_state["unit_id"] == store().find_unit(f"{KECAMATAN}/Uji").id
    assert at.session_state["period_code"] == "2026-S1"


def test_period_follows_the_sidebar_on_every_visit(app):
    """Issue 15: on a second visit "Tahun" came back as 2000 (Streamlit forgets a page's widgets
    when another page runs) and the box said Semester I 2000."""
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2024, 2))  # not the sidebar's default (the latest final semester)
    assert at.session_state["period_code"] == "2024-S2"  # the sidebar follows the page
    for page in ("pages/ringkasan.py", "pages/unggah.py", "pages/tren.py", "pages/unggah.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception
    assert at.number_input(key="unggah_tahun").value == 2024
    assert at.radio(key="unggah_semester").value == 2
    assert "Semester II 2024" in texts(at.info) and "2000" not in texts(at.info)
    choose(at, period="2024-S1")  # the sidebar changes: the page follows
    at.run()
    assert at.number_input(key="unggah_tahun").value == 2024
    assert "Semester I 2024" in texts(at.info)


def test_unusual_period_asks_to_confirm(app):
    at = app
    select_unit(at, SEED_UNIT)
    now = period_of(date.today())
    future, old = now.next(), now.previous().previous().previous()
    for period in (future, old):
        at.number_input(key="unggah_tahun").set_value(period.tahun)
        at.radio(key="unggah_semester").set_value(period.semester)
        at.run()
        upload_file(at, "tabel1-tanpa-ikm.csv", seed_without_ikm_column())
        assert period.label in texts(at.warning)
        assert at.button(key="unggah_save").disabled
        at.checkbox(key=f"unggah_period_ok_{period.code}").check()
        at.run()
        assert not at.button(key="unggah_save").disabled
    set_period(at, now)  # the current semester saves without asking
    assert not [c for c in at.checkbox if (c.key or "").startswith("unggah_period_ok_")]
    assert not at.button(key="unggah_save").disabled


def test_refused_file_names_row_and_column_and_changes_nothing(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    before = store().table_checksums()
    bad = SEED.replace(b"PKK;3,97;3,97;3,96", b"PKK;3,97;3,97;tiga")
    upload_file(at, "rusak.csv", bad)
    assert "tidak ada data yang disimpan" in texts(at.error)
    problems = table(at, "Masalah")
    assert list(problems.columns) == ["File", "Baris", "Kolom", "Masalah"]
    row = problems.iloc[0]
    assert (row["File"], row["Baris"]) == ("rusak.csv", "5")
    assert row["Kolom"].startswith("D ") and "Waktu" in row["Kolom"]
    assert "tiga" in row["Masalah"]
    assert not [b for b in at.button if b.key == "unggah_save"]
    assert store().table_checksums() == before


def test_conflict_offers_replace_then_undo_restores(app):
    at = app
    select_unit(at, SEED_UNIT)
    seed_period = Period(2024, 1)
    set_period(at, seed_period)
    assert "sudah punya data" in texts(at.info)
    before = store().table_checksums()

    upload_file(at, "tabel1-tanpa-ikm.csv", seed_without_ikm_column())
    at.button(key="unggah_save").click()
    at.run()
    assert "Sudah ada data Semester I 2024" in texts(at.warning)
    assert store().table_checksums() == before
    at.button(key="unggah_replace").click()
    at.run()
    assert not at.exception
    assert "Menggantikan data" in texts(at.success)
    assert ikm(SEED_UNIT, seed_period) == 99.03
    new_batch = max(b.id for b in store().batches())

    # Undo asks first; "Tidak jadi" keeps the data.
    selectbox(at, "unggah_undo_pick_").set_value(new_batch)
    at.button(key="unggah_undo").click()
    at.run()
    assert f"impor #{new_batch}" in texts(at.warning)
    at.button(key="unggah_undo_no").click()
    at.run()
    assert ikm(SEED_UNIT, seed_period) == 99.03
    assert not [b for b in at.button if b.key == "unggah_undo_yes"]

    selectbox(at, "unggah_undo_pick_").set_value(new_batch)
    at.button(key="unggah_undo").click()
    at.run()
    at.button(key="unggah_undo_yes").click()
    at.run()
    assert not at.exception
    assert f"Impor #{new_batch} dibatalkan" in texts(at.success)
    assert ikm(SEED_UNIT, seed_period) == 99.09
    history = table(at, "Sumber").set_index("#")
    assert history.loc[str(new_batch), "Status"] == "dibatalkan"


def test_same_file_again_is_a_no_op(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2024, 1))
    before = store().table_checksums()
    upload_file(at, SEED_FILE, SEED)
    at.button(key="unggah_save").click()
    at.run()
    assert "tidak ada yang berubah" in texts(at.info)
    assert store().table_checksums() == before


def test_mapping_correction_rereads_the_file(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    upload_file(at, "isian.csv", responses_csv(header_u9="Kolom X"))
    assert "kolom unsur tidak ditemukan" in table(at, "Masalah")["Masalah"].iloc[0]
    mapping = at.data_editor[0].value  # shown even though the file was refused
    assert mapping.loc[mapping["Kolom"] == "J", "Dipakai sebagai"].item() == upload.UNUSED

    # What the editor's callback stores for "J → U9 Sarana dan Prasarana":
    overrides: dict[str, str | None] = {}
    upload.apply_choice(overrides, "J", "U9 Sarana dan Prasarana", upload.UNUSED)
    assert overrides == {"J": "U9"}
    at.session_state["unggah_overrides"] = overrides
    at.run()
    assert not at.exception
    assert "Data responden" in texts(at.success)
    mapping = at.data_editor[0].value
    row = mapping[mapping["Kolom"] == "J"].iloc[0]
    assert (row["Dipakai sebagai"], row["Alasan"]) == ("U9 Sarana dan Prasarana", "dipetakan manual")
    words = table(at, "Jawaban di file")  # the "Jawaban → nilai" tab
    assert {"Unsur", "Jawaban di file", "Nilai", "Jumlah"} == set(words.columns)
    at.button(key="unggah_reset_map").click()
    at.run()
    assert at.session_state["unggah_overrides"] == {}
    assert "tidak ada data yang disimpan" in texts(at.error)


def test_file_without_layanan_column_asks_for_its_name(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    upload_file(at, "tanpa-layanan.csv", responses_csv(with_layanan=False))
    assert "jenis layanan tidak ditemukan" in " ".join(table(at, "Masalah")["Masalah"])
    at.text_input(key="unggah_layanan_name").set_value("Pelayanan PTSP")
    at.run()
    assert "Data responden" in texts(at.success)
    assert "Pelayanan PTSP" in texts(at.warning)
    at.button(key="unggah_save").click()
    at.run()
    assert "3 baris diimpor untuk 1 layanan" in texts(at.success)


def test_filled_xlsx_template_is_read_and_saved(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    words = [ANSWER_WORDS[c][3] for c in CODES]  # "Sangat …" = 4 for every unsur
    rows = [[1, date(2026, 8, 3), "Posyandu", "Perempuan", 34, "SMA/SMK", "Wiraswasta", *words, "Terima kasih"]]
    at.file_uploader[0].set_value(("templat-skm.xlsx", template_xlsx(rows), XLSX_MIME))
    at.run()
    assert not at.exception
    assert "Data responden" in texts(at.success)
    assert "lembar Data SKM" in texts(at.caption)
    answers = table(at, "Jawaban di file")
    assert set(answers["Nilai"]) == {4} and len(answers) == 9
    at.button(key="unggah_save").click()
    at.run()
    assert "1 baris diimpor untuk 1 layanan" in texts(at.success)
    assert ikm(SEED_UNIT, Period(2026, 2)) == 100.0


def test_kota_level_creates_kecamatan_and_kelurahan(app):
    at = app
    kota = store().find_unit("Jakarta Timur")
    select_unit(at, "Jakarta Timur")
    target = selectbox(at, f"unggah_target_{kota.id}_")
    assert "Makasar › Halim Perdanakusuma" in target.options
    target.set_value(NEW)
    at.run()
    selectbox(at, f"unggah_kecamatan_{kota.id}_").set_value(NEW)
    at.run()
    at.text_input(key="unggah_new_kecamatan_name").set_value("Kecamatan Cakung")
    at.text_input(key="unggah_new_name").set_value("Jatinegara / Kaum")
    at.run()
    assert "garis miring" in texts(at.error)
    assert "Pilih kelurahan tujuan" in texts(at.warning)  # no target while the name is invalid
    at.text_input(key="unggah_new_name").set_value("Jatinegara Kaum")
    set_period(at, Period(2026, 1))
    assert "Kota Jakarta Timur › Kec. Cakung › Kel. Jatinegara Kaum" in texts(at.info)
    upload_file(at, "tabel1.csv", SEED)
    at.button(key="unggah_save").click()
    at.run()
    assert "6 baris diimpor" in texts(at.success)
    assert "Tersimpan — Kel. Jatinegara Kaum, Kec. Cakung, Semester I 2026." in texts(at.success)
    levels = {u.name: u.level for u in store().units()}
    assert (levels["Cakung"], levels["Jatinegara Kaum"]) == ("kecamatan", "kelurahan")


def _editor_callback_script() -> None:
    import streamlit as st

    from ui import upload

    st.session_state.setdefault("unggah_overrides", {"B": None})
    st.session_state["fake_editor"] = {
        "edited_rows": {
            1: {"Dipakai sebagai": "U2 Sistem, Mekanisme, dan Prosedur"},
            2: {"Dipakai sebagai": "Tidak dipakai"},
        }
    }
    upload.on_mapping_edit("fake_editor", ["A", "B", "C"], ["Jenis layanan", "Tidak dipakai", "Tidak dipakai"])


def test_editor_callback_folds_edits_into_overrides():
    at = AppTest.from_function(_editor_callback_script)
    at.run()
    assert not at.exception
    assert at.session_state["unggah_overrides"] == {"B": "U2"}  # C unchanged: it already was "Tidak dipakai"
    assert at.session_state["unggah_editor_rev"] == 1


# ------------------------------------------------------------------------------ helpers


def test_apply_choice_keeps_unchanged_and_drops_unassignable_roles():
    overrides: dict[str, str | None] = {}
    upload.apply_choice(overrides, "A", "U1 Persyaratan", "U1 Persyaratan")
    assert overrides == {}
    upload.apply_choice(overrides, "B", upload.UNUSED, "U2 Sistem, Mekanisme, dan Prosedur")
    upload.apply_choice(overrides, "C", upload.DETECTED_ONLY["nomor"], "Usia")
    upload.apply_choice(overrides, "D", "Jenis layanan", upload.UNUSED)
    assert overrides == {"B": None, "C": None, "D": "layanan"}


def test_mapping_table_explains_every_column():
    survey = read_survey(SEED, SEED_FILE)
    table = upload.mapping_table(survey.columns)
    assert list(table.columns) == ["Kolom", "Judul di file", "Dipakai sebagai", "Alasan"]
    assert table["Dipakai sebagai"].iloc[0] == "Jenis layanan"
    assert list(table["Dipakai sebagai"].iloc[1:10]) == [upload.role_label(c) for c in survey.columns[1:10]]
    assert set(upload.mapping_options(table)) >= set(table["Dipakai sebagai"])


def test_preview_shows_an_empty_text_as_a_dash_and_leaves_blank_answers_blank():
    """A real Google Forms export (tests/real/): rows 2–4 have no saran; the grid would write "None"."""
    path = ROOT / "tests" / "real" / "gaspul_kemenag_sulbar_survey_kata.csv"
    survey = read_survey(path.read_bytes(), path.name)
    frame = survey.responses
    assert frame is not None
    preview = upload.preview_table(survey)
    texts = [c for c in preview.columns if c not in CODES and c != "Baris"]
    assert "Saran" in texts and all(isinstance(v, str) for c in texts for v in preview[c])
    saran = preview["Saran"].tolist()
    expected = [v if isinstance(v, str) else "–" for v in frame["saran"].head(len(preview)).astype(object)]
    assert saran == expected and "–" in saran and any(v != "–" for v in saran)
    for code in CODES:  # answers stay numbers, a blank one missing (not "–", not 0)
        assert preview[code].tolist() == frame[code].head(len(preview)).tolist()


def test_refusal_carries_the_columns_so_the_mapping_can_be_fixed():
    data = responses_csv(header_u9="Kolom X")
    with pytest.raises(ImportRejected) as refused:
        read_survey(data, "x.csv")
    by_letter = {c.letter: c for c in refused.value.columns or []}
    assert by_letter["A"].role == "layanan" and by_letter["J"].role != "unsur"
    fixed = read_survey(data, "x.csv", overrides={"J": "U9"})
    assert {c.letter: c.unsur for c in fixed.columns}["J"] == "U9"
    with pytest.raises(ImportRejected) as not_a_table:
        read_survey(b"%PDF-1.4", "x.csv")
    assert not_a_table.value.columns is None


def test_history_table_statuses(demo_db):
    s = Store(demo_db / "skm.duckdb")
    try:
        items = s.batches()
    finally:
        s.close()
    table = upload.history_table(items, {b.unit_id: "X" for b in items})
    assert len(table) == len(items) and set(table["Unit"]) == {"X"}
    assert isinstance(table, pd.DataFrame)
    assert upload.waktu(items[0].imported_at).count(",") == 1


# ------------------------------------------------------------------------------ held online answers


def send_identical(halim_id: int, period: Period, count: int, score: int) -> None:
    """count identical answers (every unsur `score`) to Halim's open questionnaire, each from a
    fresh session and address, as a scripted client would: all of them are held."""
    from datetime import datetime

    from skm import kuesioner
    from skm.tinjauan import Rules

    s = store()
    kuesioner.set_open(s, halim_id, period, True)
    token = kuesioner.link_token(s, halim_id)
    layanan = kuesioner.public_form(s, token).layanan[0]
    for i in range(count):
        now = datetime(2025, 3, 10, 9, 30, i)
        answer = kuesioner.Entry("Laki-laki", 30, "SMP", "Swasta", layanan, date(2025, 3, 3), {c: score for c in CODES})
        form_token = kuesioner.issue_form(s, token, now, Rules())
        kuesioner.submit(s, token, answer, now=now, form_token=form_token, client=f"10.1.{score}.{i}", rules=Rules())


def test_held_answers_are_shown_with_their_reason_and_accepted_on_the_page(app):
    """Five identical all-1 answers are held: Unggah Data says how many and why, and
    "Terima, hitung" brings them into the figures, audited."""
    at = app
    s = store()
    halim = s.find_unit(SEED_UNIT)
    period = Period(2025, 1)
    before = ikm(SEED_UNIT, period)
    send_identical(halim.id, period, 5, 1)
    assert ikm(SEED_UNIT, period) == before

    select_unit(at, SEED_UNIT)
    set_period(at, period)
    warning = texts(at.warning)
    assert "5 jawaban daring menunggu tinjauan" in warning
    assert "jawaban sama persis berulang" in texts(at.markdown)
    assert "jawaban U1–U9 semuanya: 1 1 1 1 1 1 1 1 1" in texts(at.caption)
    next(b for b in at.button if b.label == "Terima, hitung").click()
    at.run()
    assert not at.exception
    assert "5 jawaban daring diterima dan kini dihitung." in texts(at.success)
    assert not any(b.label == "Terima, hitung" for b in at.button)
    assert s.held_count([halim.id], period) == 0
    assert ikm(SEED_UNIT, period) < before
    [entry] = s.audit_entries(actions=["kuesioner_terima"])
    assert entry.actor == "admin.uji" and entry.detail["jumlah"] == 5


def test_every_figure_page_says_how_many_answers_are_held(app):
    at = app
    s = store()
    period = Period(2025, 1)
    send_identical(s.find_unit(SEED_UNIT).id, period, 3, 2)
    for page, unit in (
        ("pages/ringkasan.py", SEED_UNIT),
        ("pages/ringkasan.py", KECAMATAN),
        ("pages/laporan.py", SEED_UNIT),
        ("pages/presentasi.py", SEED_UNIT),
    ):
        choose(at, unit_id=s.find_unit(unit).id, period=period.code)
        at.switch_page(page)
        at.run()
        assert not at.exception, page
        shown = texts(at.warning) + "\n".join(str(h.proto) for h in at.get("html"))
        assert "3 jawaban daring menunggu tinjauan, belum dihitung." in shown, (page, unit)


def test_blank_layanan_rows_get_a_chosen_layanan_and_duplicates_can_be_dropped(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    head = ";".join(["Cap waktu", "Jenis Layanan", *CODES])
    lines = [head, "2026/07/01 10:00;Posyandu;4;4;3;4;3;4;4;3;4", "2026/07/01 10:00;Posyandu;4;4;3;4;3;4;4;3;4"]
    lines += ["2026/07/02 09:00;;3;3;3;4;3;3;4;3;3", "2026/07/03 09:00;KTP;4;4;4;4;4;4;4;4;4"]
    upload_file(at, "ganda.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    assert "Baris 4: jenis layanan" in texts(at.warning)
    assert "1 baris sama persis dengan baris sebelumnya: 3 (= baris 2)" in texts(at.info)
    assert set(table(at, "Layanan")["Layanan"]) == {"Posyandu", "Tidak disebutkan", "KTP"}
    at.selectbox(key="unggah_blank_layanan").set_value("KTP")
    at.checkbox(key="unggah_drop_duplicates").check()
    at.run()
    assert not at.exception
    assert set(table(at, "Layanan")["Layanan"]) == {"Posyandu", "KTP"}
    at.button(key="unggah_save").click()
    at.run()
    assert "3 baris diimpor untuk 2 layanan" in texts(at.success)


def test_nrr_table_per_unsur_is_read_and_its_wrong_ikm_named(app):
    at = app
    select_unit(at, SEED_UNIT)
    set_period(at, Period(2026, 2))
    real = ROOT / "tests" / "real" / "gaspul_kemenag_tabel_nrr_per_unsur_tw3.csv"
    upload_file(at, "per_unsur.csv", real.read_bytes())
    assert "Tabel NRR agregat" in texts(at.success)
    warned = texts(at.warning)
    assert "IKM di file 90,56" in warned and "91,48" in warned and "bobot 0,11" in warned
    mapping = at.data_editor[0].value
    assert set(mapping["Dipakai sebagai"]) >= {"NRR per unsur", "Kode/nama unsur"}
    at.button(key="unggah_save").click()
    at.run()
    assert not at.exception and "1 baris diimpor untuk 1 layanan" in texts(at.success)
    assert ikm(SEED_UNIT, Period(2026, 2)) == 91.48


def test_own_upload_into_a_demo_unit_is_not_called_demo_data(app):
    """Issue 15: the DATA DEMO notice called an operator's own upload into a demo unit "data sintetis"."""
    at = app
    select_unit(at, SEED_UNIT)
    own = period_of(date.today()).previous()
    set_period(at, own)
    upload_file(at, "tabel1-tanpa-ikm.csv", seed_without_ikm_column())
    at.button(key="unggah_save").click()
    at.run()
    assert not at.exception and "baris diimpor" in texts(at.success)
    at.switch_page("pages/ringkasan.py")
    at.run()
    notice = texts(at.info)
    assert "diunggah atau diisi pengguna, bukan data demo" in notice and "sintetis" not in notice
    choose(at, period="2025-S1")  # the same demo unit's synthetic semester still says so
    at.run()
    assert "data sintetis" in texts(at.info)
