"""The public results page (/?hasil=<token>): a unit's infografis, for approved periods only,
without an account, and nothing else of the database."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from skm import kuesioner, publik
from skm.demo import SEED_PERIOD, SEED_UNIT
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.unsur import CODES
from tests.test_pages import APP


@pytest.fixture
def halim(app, db_path):
    store = Store(db_path)
    unit = store.find_unit(SEED_UNIT)
    token = kuesioner.link_token(store, unit.id)
    yield store, unit, token
    store.set_period_status(
        unit.id, SEED_PERIOD, STATUS_DRAFT, allowed_from=(STATUS_DISETUJUI, STATUS_DIAJUKAN, STATUS_DRAFT), actor="t"
    )
    store.close()


def approve(store: Store, unit_id: int) -> None:
    store.set_period_status(unit_id, SEED_PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="operator")
    store.set_period_status(unit_id, SEED_PERIOD, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="camat")


def open_results(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["hasil"] = token
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [x.value for x in (*at.info, *at.warning, *at.success, *at.error)]
    parts += [str(o) for s in at.selectbox for o in s.options]
    return "\n".join(parts)


def test_only_approved_periods_are_published(halim):
    store, unit, token = halim
    assert publik.approved_periods(store, unit.id) == []
    store.set_period_status(unit.id, SEED_PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="operator")
    assert publik.approved_periods(store, unit.id) == []  # submitted is not yet approved
    store.set_period_status(unit.id, SEED_PERIOD, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="camat")
    assert publik.approved_periods(store, unit.id) == [SEED_PERIOD]
    assert publik.published(store, token) == (unit, [SEED_PERIOD])
    assert publik.results_url(token, "https://skm.example.go.id/") == f"https://skm.example.go.id/?hasil={token}"


def test_page_before_approval_says_nothing_is_published(halim):
    _store, unit, token = halim
    at = open_results(token)
    text = shown(at)
    assert unit.name in text and "Belum ada hasil" in text
    assert not at.image and not at.selectbox


def test_page_shows_the_approved_infografis_and_nothing_else(halim):
    store, unit, token = halim
    approve(store, unit.id)
    at = open_results(token)
    text = shown(at)
    assert unit.name in text and SEED_PERIOD.label in text
    assert [s.options for s in at.selectbox] == [[SEED_PERIOD.label]]
    assert [c for img in at.image for c in img.captions] == [f"Infografis SKM {unit.name}, {SEED_PERIOD.label}"]
    assert len(at.sidebar) == 0  # no pickers, no navigation
    others = [u.name for u in store.units() if u.id != unit.id and u.level == "kelurahan"]
    assert others and not any(name in text for name in others)
    assert "Masuk" not in text and "kata sandi" not in text.lower()


@pytest.mark.parametrize("bad", ["", "tidak-ada-token-seperti-ini", "' OR 1=1 --"])
def test_a_bad_link_gets_a_friendly_message(halim, bad):
    at = open_results(bad)
    assert "tautan tidak berlaku" in shown(at)
    assert not at.image


def test_answers_to_an_open_period_do_not_rebuild_the_published_page(halim):
    """The public page is cached per approved period (approval time, held answers), not per data
    version: a flood of answers to the open semester costs no infografis build."""
    from datetime import date

    from skm.tinjauan import Rules
    from ui import publik as publik_ui

    store, unit, token = halim
    approve(store, unit.id)
    key = (unit.id, SEED_PERIOD.code)
    publik_ui.BUILDS.clear()
    open_results(token)
    assert publik_ui.BUILDS[key] == 1
    open_results(token)  # another visitor: the same build
    assert publik_ui.BUILDS[key] == 1

    today = kuesioner.period_of(date.today())
    kuesioner.set_open(store, unit.id, today, True)
    layanan = kuesioner.public_form(store, token).layanan[0]
    version = store.data_version()
    for i in range(3):
        answer = kuesioner.Entry("Perempuan", 30 + i, "SMP", "Swasta", layanan, date.today(), {c: 1 + i for c in CODES})
        form_token = kuesioner.issue_form(store, token)
        kuesioner.submit(store, token, answer, form_token=form_token, client=f"c{i}", rules=Rules())
    assert store.data_version() > version
    at = open_results(token)
    assert publik_ui.BUILDS[key] == 1 and at.image  # not rebuilt, still shown

    store.set_period_status(unit.id, SEED_PERIOD, STATUS_DRAFT, allowed_from=(STATUS_DISETUJUI,), actor="camat")
    approve(store, unit.id)  # approved again: a new publication
    open_results(token)
    assert publik_ui.BUILDS[key] == 2
    kuesioner.set_open(store, unit.id, today, False)
