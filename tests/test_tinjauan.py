"""The questionnaire's integrity: one-time form tokens, the per-link daily cap, answers held for
review (bursts, repeated patterns) that no figure counts until an operator accepts them, and the
accept / reject actions with their audit rows. Real DuckDB file, real skm.kuesioner.submit."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest

from skm import kuesioner, tinjauan
from skm.access import Access
from skm.accounts import ADMIN, OPERATOR, PIMPINAN, User
from skm.errors import AccessDenied, PeriodLocked, StoreError
from skm.ingest import read_survey
from skm.kuesioner import Entry, FormExpired, RateLimited
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT
from skm.summary import unit_summary
from skm.tinjauan import Rules
from skm.units import Period
from skm.unsur import CODES

NOW = datetime(2025, 3, 10, 9, 30)
P = Period(2025, 1)
RULES = Rules()  # the defaults, whatever the environment says
UPLOAD = [[4, 4, 3, 4, 3, 4, 4, 3, 4], [3, 4, 4, 4, 3, 3, 4, 4, 4], [4, 3, 3, 4, 4, 4, 3, 4, 3]]


def entry(answers: list[int], **changes) -> Entry:
    values = {
        "jenis_kelamin": "Laki-laki",
        "usia": 30,
        "pendidikan": "SMA/SMK",
        "pekerjaan": "Swasta",
        "layanan": "Akta Kelahiran",
        "tanggal_layanan": date(2025, 3, 3),
        "answers": dict(zip(CODES, answers, strict=True)),
        "saran": "",
    }
    values.update(changes)
    return Entry(**values)


def send(store, token, e: Entry, at: datetime, client: str, rules: Rules = RULES):
    """What one fresh browser session does: draw the form (a new one-time token), then send it."""
    form_token = kuesioner.issue_form(store, token, at, rules)
    return kuesioner.submit(store, token, e, now=at, form_token=form_token, client=client, rules=rules)


def expected_ikm(rows: list[list[int]]) -> Fraction:
    """One layanan: NRR per unsur = mean of its answers; IKM = the nine NRR × 1/9 × 25."""
    nrr = [Fraction(sum(r[i] for r in rows), len(rows)) for i in range(9)]
    return sum(nrr, Fraction(0)) / 9 * 25


@pytest.fixture
def unit(store):
    u = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Daring")[0]
    header = "Jenis Layanan;" + ";".join(CODES) + "\n"
    data = (header + "".join("Akta Kelahiran;" + ";".join(map(str, r)) + "\n" for r in UPLOAD)).encode()
    store.import_survey(read_survey(data, "akta.csv"), data, u.id, P)
    kuesioner.set_open(store, u.id, P, True, by="operator")
    return u


@pytest.fixture
def token(store, unit):
    return kuesioner.link_token(store, unit.id)


def ikm(store, unit) -> float:
    result = unit_summary(store, unit, P)
    assert result is not None
    return result.score.ikm


def access_for(store, role: str, unit_id: int | None) -> Access:
    return Access.for_user(User(1, f"{role}-uji", role, unit_id), store.units())


# ------------------------------------------------------------------------------------ the attack


def test_identical_all_1_answers_from_rotating_addresses_are_held(store, unit, token):
    before = ikm(store, unit)
    assert before == pytest.approx(float(expected_ikm(UPLOAD)), abs=1e-12)
    receipts = [
        send(store, token, entry([1] * 9), NOW + timedelta(seconds=20 * i), client=f"198.51.100.{i}") for i in range(10)
    ]
    assert not receipts[0].held and all(r.held for r in receipts[1:])
    assert ikm(store, unit) == before  # the first one, counted for a moment, was taken out with the run
    assert kuesioner.response_count(store, unit.id, P) == 0
    assert store.held_count([unit.id], P) == 10
    result = unit_summary(store, unit, P)
    assert result is not None and result.held == 10 and result.score.respondents == 3
    [group] = tinjauan.held_groups(store, unit.id, P)
    assert (group.reason, group.count, group.sample, group.mean_score) == ("pola", 10, (1,) * 9, 25.0)
    assert tinjauan.held_note(result.held) == "10 jawaban daring menunggu tinjauan, belum dihitung."


def test_varied_answers_from_rotating_addresses_count_only_up_to_the_burst_cap(store, unit, token):
    sent = [[2 if j == i else 1 for j in range(9)] for i in range(9)] + [[2, 2] + [1] * 7]  # low, all different
    assert len({tuple(r) for r in sent}) == 10
    receipts = [
        send(store, token, entry(r), NOW + timedelta(seconds=20 * i), client=f"203.0.113.{i}")
        for i, r in enumerate(sent)
    ]
    counted = [r for r, receipt in zip(sent, receipts, strict=True) if not receipt.held]
    assert len(counted) == RULES.burst_per_link == 5
    assert ikm(store, unit) == pytest.approx(float(expected_ikm(UPLOAD + counted)), abs=1e-9)
    [group] = tinjauan.held_groups(store, unit.id, P)
    assert (group.reason, group.count) == ("tautan", 5)
    # after the window, the link counts again
    later = send(store, token, entry([3] * 9), NOW + timedelta(minutes=30), client="203.0.113.99")
    assert not later.held


def test_a_burst_from_one_client_is_held(store, unit, token):
    sent = [[3] * 8 + [k] for k in (1, 2, 3, 4)] + [[2] * 9]
    receipts = [send(store, token, entry(r), NOW + timedelta(seconds=i), client="10.0.0.7") for i, r in enumerate(sent)]
    assert [r.held for r in receipts] == [False, False, False, True, True]
    [group] = tinjauan.held_groups(store, unit.id, P)
    assert (group.reason, group.count) == ("klien", 2)


def test_one_answer_is_counted_at_once(store, unit, token):
    receipt = send(store, token, entry([4] * 9), NOW, client="192.0.2.1")
    assert not receipt.held and receipt.row_number == 1
    assert ikm(store, unit) == pytest.approx(float(expected_ikm([*UPLOAD, [4] * 9])), abs=1e-9)
    assert store.held_count([unit.id], P) == 0


# ------------------------------------------------------------------------------------ form tokens


def test_a_replayed_missing_expired_or_foreign_form_token_is_refused(store, unit, token):
    form_token = kuesioner.issue_form(store, token, NOW, RULES)
    kuesioner.submit(store, token, entry([4] * 9), now=NOW, form_token=form_token, client="a", rules=RULES)
    after_one = store.table_checksums()
    with pytest.raises(FormExpired, match="sudah terkirim atau sudah kedaluwarsa"):  # the same submit again
        kuesioner.submit(store, token, entry([3] * 9), now=NOW, form_token=form_token, client="b", rules=RULES)
    for bad in (None, "", "x" * 32, form_token + "x"):
        with pytest.raises(FormExpired):
            kuesioner.submit(store, token, entry([3] * 9), now=NOW, form_token=bad, client="b", rules=RULES)
    old = kuesioner.issue_form(store, token, NOW, RULES)
    with pytest.raises(FormExpired):
        late = NOW + timedelta(minutes=RULES.form_minutes + 1)
        kuesioner.submit(store, token, entry([3] * 9), now=late, form_token=old, client="b", rules=RULES)
    other = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Lain")[0]
    kuesioner.ensure_layanan(store, other.id, "Akta Kelahiran")
    kuesioner.set_open(store, other.id, P, True)
    other_token = kuesioner.link_token(store, other.id)
    foreign = kuesioner.issue_form(store, other_token, NOW, RULES)
    with pytest.raises(FormExpired):  # a form drawn for another link
        kuesioner.submit(store, token, entry([3] * 9), now=NOW, form_token=foreign, client="b", rules=RULES)
    answers = ("responses", "kuesioner_submissions", "kuesioner_held", "kuesioner_entries", "layanan_summary")
    assert {t: store.table_checksums()[t] for t in answers} == {t: after_one[t] for t in answers}
    assert kuesioner.response_count(store, unit.id, P) == 1


def test_a_refused_answer_leaves_its_form_token_usable(store, unit, token):
    form_token = kuesioner.issue_form(store, token, NOW, RULES)
    with pytest.raises(kuesioner.KuesionerRejected):  # a closed semester: nothing written, token unused
        kuesioner.submit(
            store,
            token,
            entry([4] * 9, tanggal_layanan=date(2024, 11, 5)),
            now=NOW,
            form_token=form_token,
            client="a",
            rules=RULES,
        )
    receipt = kuesioner.submit(store, token, entry([4] * 9), now=NOW, form_token=form_token, client="a", rules=RULES)
    assert not receipt.held


def test_drawing_a_form_does_not_move_the_data_version(store, unit, token):
    before = store.data_version()
    kuesioner.issue_form(store, token, NOW, RULES)
    assert store.data_version() == before


# ------------------------------------------------------------------------------------ daily cap


def test_the_daily_cap_per_link_refuses_politely(store, unit, token):
    rules = Rules(per_link_day=3, burst_per_link=100, burst_per_client=100, same_pattern=100)
    for i in range(3):
        send(store, token, entry([3] * 9), NOW + timedelta(minutes=i), client=f"c{i}", rules=rules)
    before = store.table_checksums()
    with pytest.raises(RateLimited, match="batas harian"):
        send(store, token, entry([3] * 9), NOW + timedelta(minutes=5), client="c9", rules=rules)
    changed = {t for t, v in store.table_checksums().items() if before.get(t) != v}
    assert changed <= {"kuesioner_forms", "meta"}
    next_day = datetime(2025, 3, 11, 8, 0)
    assert not send(store, token, entry([3] * 9), next_day, client="c9", rules=rules).held


def test_rules_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SKM_KUESIONER_PER_LINK_DAY", "50")
    monkeypatch.setenv("SKM_KUESIONER_BURST_PER_LINK", "12")
    monkeypatch.setenv("SKM_KUESIONER_SAME_PATTERN", "4")
    rules = Rules.from_env()
    assert (rules.per_link_day, rules.burst_per_link, rules.same_pattern) == (50, 12, 4)
    assert rules.burst_per_client == Rules().burst_per_client


# ------------------------------------------------------------------------------------ review


def held_fixture(store, unit, token) -> list[list[int]]:
    """Three identical all-1 answers (one 'pola' group) and two extra answers from one client
    beyond its burst cap (one 'klien' group; the link's own cap raised); returns the five answers
    of that client, the first three counted."""
    rules = Rules(burst_per_link=100)
    for i in range(3):
        send(store, token, entry([1] * 9), NOW + timedelta(seconds=i), client=f"p{i}", rules=rules)
    burst = [[2, 2, 2, 2, 2, 2, 2, 2, 3], [3, 3, 3, 3, 3, 3, 3, 3, 2], [4, 3, 4, 3, 4, 3, 4, 3, 4]]
    burst += [[2, 3, 2, 3, 2, 3, 2, 3, 2], [1, 2, 3, 4, 1, 2, 3, 4, 1]]
    receipts = [
        send(store, token, entry(r), NOW + timedelta(seconds=10 + i), client="k", rules=rules)
        for i, r in enumerate(burst)
    ]
    assert [r.held for r in receipts] == [False, False, False, True, True]
    return burst


def test_accept_and_reject_move_the_figures_exactly(store, unit, token):
    burst = held_fixture(store, unit, token)
    counted = UPLOAD + burst[:3]
    assert ikm(store, unit) == pytest.approx(float(expected_ikm(counted)), abs=1e-9)
    groups = {g.reason: g for g in tinjauan.held_groups(store, unit.id, P)}
    assert {r: g.count for r, g in groups.items()} == {"pola": 3, "klien": 2}
    operator = access_for(store, OPERATOR, unit.id)

    assert tinjauan.accept(store, operator, unit.id, P, groups["klien"].key) == 2
    counted += burst[3:]
    assert ikm(store, unit) == pytest.approx(float(expected_ikm(counted)), abs=1e-9)
    assert store.held_count([unit.id], P) == 3

    assert tinjauan.reject(store, operator, unit.id, P, groups["pola"].key) == 3
    assert ikm(store, unit) == pytest.approx(float(expected_ikm(counted)), abs=1e-9)  # unchanged
    assert store.held_count([unit.id], P) == 0 and tinjauan.held_groups(store, unit.id, P) == []
    result = unit_summary(store, unit, P)
    assert result is not None and result.held == 0 and result.score.respondents == len(counted)
    states = dict(store.cursor().execute("SELECT state, count(*) FROM kuesioner_submissions GROUP BY state").fetchall())
    assert states == {"dihitung": 3, "diterima": 2, "ditolak": 3}
    kept = store.cursor().execute("SELECT count(*) FROM kuesioner_held").fetchall()[0][0]
    assert kept == 3  # the rejected answers stay stored, for the audit
    with pytest.raises(StoreError, match="sudah ditinjau"):
        tinjauan.accept(store, operator, unit.id, P, groups["pola"].key)

    audit = store.audit_entries(actions=["kuesioner_terima", "kuesioner_tolak"])
    assert [(a.action, a.actor, a.detail["jumlah"], a.detail["alasan"]) for a in reversed(audit)] == [
        ("kuesioner_terima", "operator-uji", 2, "klien"),
        ("kuesioner_tolak", "operator-uji", 3, "pola"),
    ]
    assert all(a.unit_id == unit.id and a.period == P for a in audit)


def test_accepted_answers_keep_their_own_time_and_service_date(store, unit, token):
    held_fixture(store, unit, token)
    [pola] = [g for g in tinjauan.held_groups(store, unit.id, P) if g.reason == "pola"]
    tinjauan.accept(store, access_for(store, ADMIN, None), unit.id, P, pola.key)
    rows = (
        store.cursor()
        .execute(
            """SELECT r.submitted_at, e.tanggal_layanan FROM responses r
               JOIN kuesioner_entries e USING (batch_id, row_number) WHERE r.u1 = 1 AND r.u9 = 1 ORDER BY 1"""
        )
        .fetchall()
    )
    assert rows == [(f"2025-03-10 09:30:0{i}", date(2025, 3, 3)) for i in range(3)]
    assert ikm(store, unit) < float(expected_ikm(UPLOAD))


def test_only_who_may_import_the_unit_reviews(store, unit, token):
    held_fixture(store, unit, token)
    key = tinjauan.held_groups(store, unit.id, P)[0].key
    other = store.ensure_unit_path("Kota Uji/Kecamatan Uji/Kelurahan Lain")[0]
    kecamatan = store.find_unit("Kota Uji/Kecamatan Uji")
    for access in (access_for(store, PIMPINAN, kecamatan.id), access_for(store, OPERATOR, other.id)):
        for action in (tinjauan.accept, tinjauan.reject):
            with pytest.raises(AccessDenied):
                action(store, access, unit.id, P, key)
    assert store.held_count([unit.id], P) == 5


def test_an_approved_period_accepts_no_held_answers(store, unit, token):
    held_fixture(store, unit, token)
    key = tinjauan.held_groups(store, unit.id, P)[0].key
    store.set_period_status(unit.id, P, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="op")
    store.set_period_status(unit.id, P, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="camat")
    before = ikm(store, unit)
    with pytest.raises(PeriodLocked):
        tinjauan.accept(store, access_for(store, OPERATOR, unit.id), unit.id, P, key)
    assert ikm(store, unit) == before and store.held_count([unit.id], P) == 5


def test_held_answers_are_in_no_figure_of_the_kecamatan(store, unit, token):
    held_fixture(store, unit, token)
    kecamatan = store.find_unit("Kota Uji/Kecamatan Uji")
    result = unit_summary(store, kecamatan, P)
    assert result is not None and result.held == 5 and result.score.respondents == 6
    assert result.to_json()["held_for_review"] == 5
    pooled = store.respondent_groups([unit.id], P, "jenis_kelamin")
    assert sum(g.respondents for g in pooled) == 6


def test_the_report_and_the_infografis_say_how_many_answers_are_held(store, unit, token):
    import io

    from pypdf import PdfReader

    from skm.infografis import infografis_data, infografis_pdf
    from skm.report.data import report_data
    from skm.report.pdf import build_pdf

    def text(pdf: bytes) -> str:
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)

    note = "menunggu tinjauan, belum dihitung"
    report = report_data(store, unit, P, today=date(2025, 7, 1))
    infografis = infografis_data(store, unit, P, today=date(2025, 7, 1))
    assert infografis is not None
    assert note not in text(build_pdf(report)) and note not in text(infografis_pdf(infografis))
    held_fixture(store, unit, token)
    report = report_data(store, unit, P, today=date(2025, 7, 1))
    infografis = infografis_data(store, unit, P, today=date(2025, 7, 1))
    assert infografis is not None
    assert "5 jawaban daring menunggu tinjauan, belum dihitung." in text(build_pdf(report))
    assert "5 jawaban daring menunggu tinjauan, belum dihitung." in text(infografis_pdf(infografis))
