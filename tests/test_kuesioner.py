"""The public questionnaire: links, open periods, one stored response per submit (same tables as
uploads, counted in the unit's figures at once), refusals with Indonesian messages, the rate
limit, and the public page (AppTest) exposing nothing but the one unit's form."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from skm import kuesioner
from skm.errors import ImportConflict, SkmError
from skm.ingest import read_survey
from skm.kuesioner import Entry, KuesionerRejected, LinkInvalid, RateLimited, RateLimiter, period_of
from skm.proxies import parse_trusted_proxies
from skm.scoring import ikm_from_nrr
from skm.storage import SOURCE_KUESIONER, Store
from skm.summary import unit_summary
from skm.tinjauan import Rules
from skm.units import Period
from skm.unsur import CODES

APP = str(Path(__file__).resolve().parents[1] / "app.py")
NOW = datetime(2025, 3, 10, 9, 30)
P = Period(2025, 1)
ANSWERS = dict(zip(CODES, [4, 3, 4, 3, 4, 3, 4, 3, 4], strict=True))
OPEN = Rules.off()


def send(store, token, e: Entry, now=NOW, rules=OPEN, client="tes", **kwargs):
    """One submission the way the page makes it: a form drawn (its one-time token), then sent.
    The storage tests here use Rules.off(): holding and caps are tested in test_tinjauan.py."""
    form_token = kuesioner.issue_form(store, token, now, rules)
    return kuesioner.submit(store, token, e, now=now, form_token=form_token, client=client, rules=rules, **kwargs)


def stored(store) -> dict[str, str]:
    """Every table's fingerprint but the drawn forms' tokens (drawing a form writes one)."""
    return {t: v for t, v in store.table_checksums().items() if t != "kuesioner_forms"}


def entry(**changes) -> Entry:
    values = {
        "jenis_kelamin": "Perempuan",
        "usia": 34,
        "pendidikan": "SMA/SMK",
        "pekerjaan": "Wirausaha",
        "layanan": "Akta Kelahiran",
        "tanggal_layanan": date(2025, 3, 3),
        "answers": dict(ANSWERS),
        "saran": "Antrean dipercepat.",
    }
    values.update(changes)
    return Entry(**values)


@pytest.fixture
def unit(store):
    u = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Daring")[0]
    for name in ("Akta Kelahiran", "Surat Pindah"):
        kuesioner.ensure_layanan(store, u.id, name)
    kuesioner.set_open(store, u.id, P, True, by="operator")
    return u


@pytest.fixture
def token(store, unit):
    return kuesioner.link_token(store, unit.id)


def test_a_valid_response_is_stored_as_kuesioner_and_counted(store, unit, token):
    before = store.data_version()
    receipt = send(store, token, entry(), now=NOW)
    assert receipt.period == P and receipt.row_number == 1 and receipt.layanan == "Akta Kelahiran"
    assert store.data_version() == before + 1
    [batch] = store.batches(unit.id, P)
    assert (batch.source, batch.kind, batch.file_name, batch.row_count) == (
        SOURCE_KUESIONER,
        "responses",
        "Kuesioner daring",
        1,
    )
    row = (
        store.cursor()
        .execute(
            "SELECT jenis_kelamin, usia, pendidikan, pekerjaan, saran, submitted_at, u1, u9 FROM responses "
            "WHERE batch_id = ?",
            [batch.id],
        )
        .fetchall()
    )
    assert row == [("Perempuan", "34", "SMA/SMK", "Wirausaha", "Antrean dipercepat.", "2025-03-10 09:30:00", 4, 4)]
    served = store.cursor().execute("SELECT tanggal_layanan FROM kuesioner_entries").fetchall()
    assert served == [(date(2025, 3, 3),)]

    send(store, token, entry(answers={c: 2 for c in CODES}), now=NOW)
    result = unit_summary(store, unit, P)
    assert result is not None
    expected_nrr = {c: (ANSWERS[c] + 2) / 2 for c in CODES}
    assert result.score.respondents == 2
    assert result.score.nrr == pytest.approx(expected_nrr)
    assert result.score.ikm == pytest.approx(ikm_from_nrr(expected_nrr))
    assert kuesioner.response_count(store, unit.id, P) == 2
    [batch] = store.batches(unit.id, P)
    assert batch.row_count == 2


def test_the_kept_summary_equals_one_computed_afresh(store, unit, token):
    for i in range(7):
        answers = {c: 1 + (i + j) % 4 for j, c in enumerate(CODES)}
        send(store, token, entry(answers=answers, layanan=["Akta Kelahiran", "Surat Pindah"][i % 2]), now=NOW)
    kept = store.cursor().execute("SELECT * FROM layanan_summary ORDER BY ALL").fetchall()
    with store.transaction() as cur:
        cur.execute("DELETE FROM layanan_summary")
        from skm.storage import summary_sql

        cur.execute(summary_sql("true"))
    fresh = store.cursor().execute("SELECT * FROM layanan_summary ORDER BY ALL").fetchall()
    assert kept == fresh and len(kept) == 2


def test_one_batch_per_layanan_and_period(store, unit, token):
    kuesioner.set_open(store, unit.id, Period(2024, 2), True)
    send(store, token, entry(), now=NOW)
    send(store, token, entry(), now=NOW)
    send(store, token, entry(layanan="Surat Pindah"), now=NOW)
    send(store, token, entry(tanggal_layanan=date(2024, 12, 30)), now=NOW)
    counts = sorted((b.period.code, b.layanan, b.row_count) for b in store.batches(unit.id))
    assert counts == [
        ("2024-S2", "Akta Kelahiran", 1),
        ("2025-S1", "Akta Kelahiran", 2),
        ("2025-S1", "Surat Pindah", 1),
    ]


def test_period_follows_the_service_date():
    assert period_of(date(2025, 6, 30)) == Period(2025, 1)
    assert period_of(date(2025, 7, 1)) == Period(2025, 2)
    assert period_of(date(2024, 1, 1)) == Period(2024, 1)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"answers": {c: v for c, v in ANSWERS.items() if c != "U3"}}, "Pertanyaan 3 (Waktu Penyelesaian)"),
        ({"answers": {**ANSWERS, "U8": None}}, "Pertanyaan 8 (Penanganan Pengaduan, Saran dan Masukan)"),
        ({"jenis_kelamin": None}, "Mohon lengkapi: Jenis kelamin"),
        ({"usia": None}, "Usia"),
        ({"layanan": None}, "Jenis layanan"),
        ({"tanggal_layanan": None}, "Tanggal layanan"),
        ({"answers": {**ANSWERS, "U4": 5}}, "Pertanyaan 4 (Biaya/Tarif): pilih salah satu dari empat jawaban"),
        ({"answers": {**ANSWERS, "U1": 0}}, "Pertanyaan 1 (Persyaratan)"),
        ({"answers": {**ANSWERS, "U2": "3"}}, "Pertanyaan 2"),
        ({"answers": {**ANSWERS, "U10": 3}}, "Pertanyaan tidak dikenal"),
        ({"usia": 250}, "Usia: isi antara 10 dan 100 tahun"),
        ({"jenis_kelamin": "X"}, "Jenis kelamin: pilih salah satu"),
        ({"pekerjaan": "Astronot"}, "Pekerjaan: pilih salah satu"),
        ({"tanggal_layanan": date(2025, 3, 11)}, "tidak boleh setelah hari ini"),
        ({"saran": "x" * 1001}, "Saran terlalu panjang"),
        ({"layanan": "Layanan Lain"}, "Jenis layanan: pilih salah satu layanan dari daftar"),
    ],
)
def test_incomplete_or_out_of_range_is_refused_naming_what(store, unit, token, changes, named):
    before = stored(store)
    with pytest.raises(KuesionerRejected) as caught:
        send(store, token, entry(**changes), now=NOW)
    assert named in str(caught.value)
    assert stored(store) == before


def test_a_closed_or_never_opened_period_is_refused(store, unit, token):
    before = stored(store)
    with pytest.raises(KuesionerRejected, match="Semester II 2024 tidak sedang dibuka"):
        send(store, token, entry(tanggal_layanan=date(2024, 11, 5)), now=NOW)
    send(store, token, entry(), now=NOW)
    kuesioner.set_open(store, unit.id, P, False)
    assert not kuesioner.is_open(store, unit.id, P)
    after_one = stored(store)
    with pytest.raises(KuesionerRejected, match="Semester I 2025 tidak sedang dibuka"):
        send(store, token, entry(), now=NOW)
    assert stored(store) == after_one != before


def test_a_layanan_link_fixes_the_layanan(store, unit):
    lid = store.cursor().execute("SELECT id FROM layanan WHERE name = 'Surat Pindah'").fetchall()[0][0]
    token = kuesioner.link_token(store, unit.id, lid)
    assert kuesioner.link_token(store, unit.id, lid) == token  # made once
    form = kuesioner.public_form(store, token)
    assert form.fixed_layanan == "Surat Pindah" and form.layanan == ("Surat Pindah",)
    assert send(store, token, entry(layanan=None), now=NOW).layanan == "Surat Pindah"
    with pytest.raises(KuesionerRejected, match="hanya untuk layanan Surat Pindah"):
        send(store, token, entry(layanan="Akta Kelahiran"), now=NOW)


def test_making_a_units_links_keeps_every_cached_figure(store, unit):
    """The first visit to Unggah Data of a kelurahan makes its links (unit_links). No figure depends
    on a link: the data version, which keys every cached figure, stays (issue 15: it moved seven
    times, and every session's next page computed all its figures again)."""
    before = store.data_version()
    made = kuesioner.unit_links(store, unit.id)
    assert len(made) == 1 + len(store.layanan_rows(unit.id)) and all(link.token for link in made)
    assert store.data_version() == before
    assert kuesioner.unit_links(store, unit.id) == made  # made once


def test_a_link_reveals_only_its_unit(store, unit, token):
    other = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Rahasia")[0]
    kuesioner.ensure_layanan(store, other.id, "Layanan Rahasia")
    form = kuesioner.public_form(store, token)
    assert form == kuesioner.PublicForm("Kelurahan Daring", ("Akta Kelahiran", "Surat Pindah"), None, (P,))
    other_token = kuesioner.link_token(store, other.id)
    assert other_token != token and len(token) >= 24
    assert kuesioner.questionnaire_url(token, "https://skm.example.go.id/") == f"https://skm.example.go.id/?isi={token}"
    with pytest.raises(KuesionerRejected):  # another unit's layanan through this unit's link
        send(store, token, entry(layanan="Layanan Rahasia"), now=NOW)


@pytest.mark.parametrize("bad", ["", "abc", "x" * 24, "../../etc/passwd", "1' OR '1'='1", "🙂" * 20, None])
def test_a_bad_token_is_refused(store, unit, token, bad):
    with pytest.raises(LinkInvalid, match="tautan tidak berlaku"):
        kuesioner.public_form(store, bad)
    with pytest.raises(LinkInvalid):
        kuesioner.submit(store, bad, entry(), now=NOW, form_token=None)


def test_the_public_url_comes_from_the_setting(monkeypatch):
    monkeypatch.delenv("SKM_PUBLIC_URL", raising=False)
    assert kuesioner.questionnaire_url("T" * 24) == "http://localhost:8501/?isi=" + "T" * 24
    monkeypatch.setenv("SKM_PUBLIC_URL", "https://skm.jakarta.go.id/survei/")
    assert kuesioner.questionnaire_url("T" * 24) == "https://skm.jakarta.go.id/survei/?isi=" + "T" * 24


# ------------------------------------------------------------------------------- beside uploads

HEADER = "Jenis Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9\n"


def upload(rows: list[str], name: str):
    data = (HEADER + "\n".join(rows) + "\n").encode()
    return read_survey(data, name), data


def test_uploads_and_kuesioner_batches_never_clash(store, unit, token):
    send(store, token, entry(), now=NOW)
    survey, data = upload(["Akta Kelahiran;3;3;3;3;3;3;3;3;3"], "a.csv")
    first = store.import_survey(survey, data, unit.id, P)  # no ImportConflict with the online answers
    assert first.status == "imported" and first.replaced == []
    survey2, data2 = upload(["Akta Kelahiran;2;2;2;2;2;2;2;2;2"], "b.csv")
    with pytest.raises(ImportConflict, match="a.csv"):  # the upload still clashes with the upload
        store.import_survey(survey2, data2, unit.id, P)
    second = store.import_survey(survey2, data2, unit.id, P, replace=True)
    assert second.replaced == ["Akta Kelahiran (file 'a.csv')"]
    active = {b.source: b.active_layanan for b in store.batches(unit.id, P) if b.active_layanan}
    assert active == {"unggah": 1, SOURCE_KUESIONER: 1}  # the replace left the online answers active
    send(store, token, entry(), now=NOW)  # and an answer never deactivates the upload
    active = {b.file_name: b.row_count for b in store.batches(unit.id, P) if b.active_layanan}
    assert active == {"b.csv": 1, "Kuesioner daring": 2}


def test_a_kuesioner_only_layanan_counts_in_the_unit_figures(store, unit, token):
    survey, data = upload(["Surat Pindah;3;3;3;3;3;3;3;3;3", "Surat Pindah;4;4;4;4;4;4;4;4;4"], "pindah.csv")
    store.import_survey(survey, data, unit.id, P)
    for _ in range(3):
        send(store, token, entry(answers={c: 2 for c in CODES}), now=NOW)
    result = unit_summary(store, unit, P)
    assert result is not None
    by_name = {p.name: p for p in result.score.parts}
    assert by_name["Akta Kelahiran"].respondents == 3 and by_name["Akta Kelahiran"].ikm == pytest.approx(50.0)
    assert by_name["Surat Pindah"].ikm == pytest.approx(87.5)
    assert result.score.ikm == pytest.approx((50.0 + 87.5) / 2)
    assert result.score.respondents == 5


def test_upload_and_kuesioner_on_one_layanan_are_combined(store, unit, token):
    survey, data = upload(["Akta Kelahiran;4;4;4;4;4;4;4;4;4"] * 3, "akta.csv")
    store.import_survey(survey, data, unit.id, P)
    send(store, token, entry(answers={c: 2 for c in CODES}), now=NOW)
    result = unit_summary(store, unit, P)
    assert result is not None
    [akta] = [p for p in result.score.parts if p.name == "Akta Kelahiran"]
    assert akta.respondents == 4
    assert akta.ikm == pytest.approx((3 * 4 + 2) / 4 * 25)


def test_undoing_the_online_batch_takes_its_answers_out(store, unit, token):
    receipt = send(store, token, entry(), now=NOW)
    store.undo_import(receipt.batch_id)
    assert unit_summary(store, unit, P) is None
    again = send(store, token, entry(), now=NOW)  # a new batch starts
    assert again.batch_id != receipt.batch_id and again.row_number == 1


# ------------------------------------------------------------------------------- rate limit


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_per_session_and_per_client():
    clock = Clock()
    limiter = RateLimiter(per_client=5, client_window=600, per_session=1, session_window=20, clock=clock)
    with limiter.slot("10.0.0.1", "s1"):
        pass
    with pytest.raises(RateLimited, match="tunggu 20 detik"), limiter.slot("10.0.0.1", "s1"):
        pass
    clock.now += 21
    for i in range(4):
        with limiter.slot("10.0.0.1", f"s{i + 1}"):
            pass
        clock.now += 1
    with pytest.raises(RateLimited, match="Terlalu banyak jawaban"), limiter.slot("10.0.0.1", "s9"):
        pass
    with limiter.slot("10.0.0.2", "s9"):  # another client is not affected
        pass
    clock.now += 600
    with limiter.slot("10.0.0.1", "s10"):  # the window has passed
        pass


def test_a_refused_submission_gives_its_slot_back():
    clock = Clock()
    limiter = RateLimiter(per_client=1, clock=clock)
    with pytest.raises(KuesionerRejected), limiter.slot("c", "s"):
        raise KuesionerRejected("tutup")
    with limiter.slot("c", "s"):  # not counted: nothing was stored
        pass
    with pytest.raises(RateLimited), limiter.slot("c", "s2"):
        pass


def test_rate_limit_memory_is_bounded():
    clock = Clock()
    limiter = RateLimiter(per_client=100, per_session=100, clock=clock, max_keys=10)
    for i in range(100):
        clock.now += 1
        with limiter.slot(f"c{i}", f"s{i}"):
            pass
    assert len(limiter._hits) <= 10


def test_client_key_ignores_a_forwarded_header_unless_from_a_trusted_proxy():
    assert kuesioner.client_key(None, "203.0.113.9") == "203.0.113.9"
    assert kuesioner.client_key("198.51.100.1, 203.0.113.9", "203.0.113.50") == "203.0.113.50"
    assert kuesioner.client_key("198.51.100.1, 203.0.113.9", None) == "lokal"  # no proxy configured
    proxy = parse_trusted_proxies("127.0.0.1")
    assert kuesioner.client_key("198.51.100.1, 203.0.113.9", None, trusted=proxy) == "203.0.113.9"
    assert kuesioner.client_key("  ", None, trusted=proxy) == "lokal"
    assert kuesioner.client_key(None, None) == "lokal"


# ------------------------------------------------------------------------------- the public page


@pytest.fixture
def public(app, db_path):
    """The demo database with a questionnaire open for today on a kelurahan of its own (so its
    figures are the online answers alone), and that link's token."""
    kuesioner.LIMITER.clear()
    store = Store(db_path)
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Kelurahan Uji Daring")[0]
    kuesioner.ensure_layanan(store, unit.id, "Layanan Uji")
    kuesioner.ensure_layanan(store, unit.id, "Layanan Kedua")
    period = period_of(date.today())
    kuesioner.set_open(store, unit.id, period, True)
    token = kuesioner.link_token(store, unit.id)
    yield store, unit, period, token
    store.close()
    kuesioner.LIMITER.clear()


def open_form(token: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if token is not None:
        at.query_params["isi"] = token
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [x.value for x in (*at.info, *at.warning, *at.success, *at.error)]
    parts += [w.label for w in (*at.radio, *at.selectbox, *at.button, *at.number_input, *at.date_input)]
    parts += [str(o) for r in at.radio for o in r.options]
    return "\n".join(str(p) for p in parts)


def fill(at: AppTest, skip: str | None = None) -> None:
    at.radio(key=f"kq_jk_{at.session_state['kq_rev']}").set_value("Perempuan")
    rev = at.session_state["kq_rev"]
    at.number_input(key=f"kq_usia_{rev}").set_value(41)
    at.radio(key=f"kq_pendidikan_{rev}").set_value("D4/S1")
    at.radio(key=f"kq_pekerjaan_{rev}").set_value("Swasta")
    at.radio(key=f"kq_layanan_{rev}").set_value("Layanan Uji")
    for code, value in ANSWERS.items():
        if code != skip:
            at.radio(key=f"kq_{code}_{rev}").set_value(value)
    at.text_area(key=f"kq_saran_{rev}").set_value("Terima kasih, petugas ramah.")


def submit_button(at: AppTest):
    return next(b for b in at.button if b.label == "Kirim jawaban")


def test_the_page_shows_only_this_units_questionnaire(public):
    store, unit, period, token = public
    at = open_form(token)
    assert len(at.sidebar) == 0
    shown = texts(at)
    assert "Kelurahan Uji Daring" in shown and "Layanan Uji" in shown and "Layanan Kedua" in shown
    for other in ("Halim Perdanakusuma", "Kebon Pala", "Pinang Ranti", "Cipinang Melayu", "Jakarta Timur", "PPSU"):
        assert other not in shown
    assert not at.metric and not at.dataframe  # no figures of any kind
    assert [r.label for r in at.radio][-9:][0].startswith("1. Bagaimana pendapat Saudara tentang kesesuaian")
    assert [str(o) for o in at.radio(key="kq_U4_0").options] == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    # The router registers nothing else for such a request: no other page can be reached.
    with pytest.raises(ValueError, match=r"Known pages: \['[^',]*pages/kuesioner\.py'\]"):
        at.switch_page("pages/ringkasan.py")


@pytest.mark.parametrize("token", ["", "tidak-ada-token-seperti-ini", "' OR 1=1 --"])
def test_a_bad_link_shows_a_friendly_message(public, token):
    at = open_form(token)
    assert "tautan tidak berlaku" in " ".join(e.value for e in at.error)
    assert not at.radio and len(at.sidebar) == 0


def respondents(store, unit, period) -> int:
    result = unit_summary(store, unit, period)
    return 0 if result is None else result.score.respondents or 0


def test_submit_on_the_page_then_isi_lagi(public):
    store, unit, period, token = public
    assert respondents(store, unit, period) == 0  # the first page test that submits
    at = open_form(token)
    fill(at)
    submit_button(at).click()
    at.run()
    assert not at.exception and not at.error
    assert "Terima kasih" in at.success[0].value
    assert not any(b.label == "Kirim jawaban" for b in at.button)  # no second response without "Isi lagi"
    result = unit_summary(store, unit, period)
    assert result is not None and result.score.respondents == 1
    assert result.score.ikm == pytest.approx(ikm_from_nrr({c: float(v) for c, v in ANSWERS.items()}))
    assert store.saran([unit.id], period) == [
        ("Kelurahan Uji Daring", "Layanan Uji", store.saran([unit.id], period)[0][2], "Terima kasih, petugas ramah.")
    ]

    next(b for b in at.button if b.label == "Isi lagi").click()
    at.run()
    rev = at.session_state["kq_rev"]
    assert rev == 1 and at.radio(key="kq_U1_1").value is None  # an empty form
    fill(at)
    submit_button(at).click()
    at.run()
    assert "Mohon tunggu" in at.error[0].value  # one response per 20 s per session
    assert respondents(store, unit, period) == 1


def test_an_incomplete_form_names_the_missing_question(public):
    store, unit, period, token = public
    before = respondents(store, unit, period)
    at = open_form(token)
    fill(at, skip="U6")
    submit_button(at).click()
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "Pertanyaan 6 (Kompetensi Pelaksana)" in message and "Pertanyaan 5" not in message
    assert at.radio(key="kq_U1_0").value == ANSWERS["U1"]  # what was answered stays
    assert respondents(store, unit, period) == before


def test_a_closed_questionnaire_says_so(public):
    store, unit, period, token = public
    kuesioner.set_open(store, unit.id, period, False)
    at = open_form(token)
    assert "sedang tidak dibuka" in at.info[0].value
    assert not at.radio


def test_the_new_modules_never_import_streamlit():
    import subprocess
    import sys

    code = "import sys, skm.kuesioner, skm.qr, skm.infografis; print('streamlit' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_approved_period_takes_no_more_answers(store, unit, token):
    from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT

    send(store, token, entry(), now=NOW)
    store.set_period_status(unit.id, P, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="op")
    store.set_period_status(unit.id, P, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="camat")
    before = unit_summary(store, unit, P)
    with pytest.raises(KuesionerRejected, match="tidak sedang dibuka"):
        send(store, token, entry(), now=NOW)
    with pytest.raises(SkmError, match="dikunci"):
        kuesioner.set_open(store, unit.id, P, True)
    after = unit_summary(store, unit, P)
    assert before is not None and after is not None and after.score.respondents == before.score.respondents == 1


def test_a_replayed_form_is_refused_politely_and_drawn_afresh(public):
    """The drawn form's one-time token lives in the session (never in the browser). When it has
    been used already (a replayed submission), the page refuses politely, keeps the answers on
    screen with a new token, and the next press stores the answer."""
    store, unit, period, token = public
    at = open_form(token)
    used = at.session_state["kq_form_token"]
    assert used and used not in str(at.get("html")) + texts(at)
    other = entry(layanan="Layanan Kedua", tanggal_layanan=date.today(), answers={c: 3 for c in CODES})
    kuesioner.submit(store, token, other, form_token=used, client="elsewhere")  # the replay's first use
    counted = kuesioner.response_count(store, unit.id, period)
    fill(at)
    submit_button(at).click()
    at.run()
    assert not at.exception
    assert "sudah terkirim atau sudah kedaluwarsa" in at.error[0].value
    assert kuesioner.response_count(store, unit.id, period) == counted
    fresh = at.session_state["kq_form_token"]
    assert fresh and fresh != used
    assert at.radio(key="kq_U1_0").value == ANSWERS["U1"]  # the answers stay on screen
    submit_button(at).click()
    at.run()
    assert "Terima kasih" in at.success[0].value
    assert at.session_state["kq_form_token"] is None  # used; "Isi lagi" draws a new one


def test_a_local_public_url_is_named_as_a_problem():
    for local in ("http://localhost:8501", "http://127.0.0.1:8501/", "http://0.0.0.0", "http://skm.localhost", "x"):
        assert "SKM_PUBLIC_URL masih" in (kuesioner.public_url_problem(local) or ""), local
    for public in ("https://skm.jakarta.go.id", "http://10.1.2.3:8501", "https://skm.example.go.id/survei/"):
        assert kuesioner.public_url_problem(public) is None, public


@pytest.mark.parametrize(("setting", "warned"), [(None, True), ("https://skm.jakarta.go.id", False)])
def test_the_operator_is_warned_while_links_point_to_localhost(app, monkeypatch, setting, warned):
    from tests.apptest import open_page

    if setting is None:
        monkeypatch.delenv("SKM_PUBLIC_URL", raising=False)
    else:
        monkeypatch.setenv("SKM_PUBLIC_URL", setting)
    store = Store(app)
    unit = store.find_unit("Jakarta Timur/Makasar/Halim Perdanakusuma")
    store.close()
    at = open_page("pages/unggah.py", unit.id, "2024-S1")
    assert any("Kuesioner daring" in s.value for s in at.subheader)
    shown = [w.value for w in at.warning if "SKM_PUBLIC_URL" in w.value]
    assert bool(shown) is warned, shown
    codes = [c.value for c in at.code]
    assert any(c.startswith(setting or "http://localhost:8501") for c in codes), codes
