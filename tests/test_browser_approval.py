"""Approval one level up in Chromium (issue 15): the camat's account submits Kecamatan Makasar's
rekap on Ringkasan, the walikota approves it there, and approves the kota's own period; the
statuses and audit rows are read back from the database file afterwards. Screenshots at 1366×768
and 1920×1080 under build/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skm.storage import STATUS_DISETUJUI, Store
from skm.units import Period
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    ensure_account,
    expect_count,
    expect_text,
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
P = Period(2025, 2)
KOTA, KECAMATAN = "Jakarta Timur", "Jakarta Timur/Makasar"


def press(page, name: str, status: str) -> None:
    """Press the panel's button, then wait until the badge shows the new status."""
    button = page.get_by_role("button", name=name, exact=True)
    expect_count(button, 1)
    button.click()
    expect_text(page.locator('[data-testid="stMain"]'), f"Status: {status}")
    expect_text(page.locator('[data-testid="stAlertContentSuccess"]'), f"Status {P.label}: {status}.")
    wait_idle(page, settle=0.3)


def test_camat_submits_and_walikota_approves_in_the_browser(db_path):
    require_browser()
    store = Store(db_path)
    ids = {"kec": store.find_unit(KECAMATAN).id, "kota": store.find_unit(KOTA).id}
    store.close()
    ensure_account(db_path, "camat.makasar", "pimpinan", KECAMATAN)
    ensure_account(db_path, "walikota", "pimpinan", KOTA)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_path) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        camat = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
        goto_logged_in(camat, f"{url}/ringkasan?unit={ids['kec']}&periode={P.code}", "camat.makasar")
        wait_idle(camat)
        main = camat.locator('[data-testid="stMain"]')
        expect_text(main, f"Rekap Kec. Makasar {P.label}: belum diajukan.")
        assert camat.get_by_role("button", name="Setujui", exact=True).count() == 0  # not their own
        camat.screenshot(path=str(SHOTS / "approval-kecamatan-camat-1366.png"))
        press(camat, "Ajukan rekap untuk disetujui", "Diajukan")
        assert camat.get_by_role("button", name="Ajukan rekap untuk disetujui", exact=True).count() == 0
        camat.close()

        walikota = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="id-ID")
        goto_logged_in(walikota, f"{url}/ringkasan?unit={ids['kec']}&periode={P.code}", "walikota")
        wait_idle(walikota)
        expect_text(walikota.locator('[data-testid="stMain"]'), "Status: Diajukan")
        expect_count(walikota.get_by_role("button", name="Kembalikan…"), 1)
        assert walikota.get_by_role("button", name="Ajukan rekap untuk disetujui", exact=True).count() == 0
        walikota.screenshot(path=str(SHOTS / "approval-kecamatan-walikota-1920.png"))
        press(walikota, "Setujui", "Disetujui")
        expect_text(walikota.locator('[data-testid="stMain"]'), "angkanya adalah hasil akhir semester ini")
        walikota.screenshot(path=str(SHOTS / "approval-kecamatan-disetujui-1920.png"))

        # The kota: nobody above it, so the walikota approves it as it stands.
        goto_logged_in(walikota, f"{url}/ringkasan?unit={ids['kota']}&periode={P.code}", "walikota")
        wait_idle(walikota)
        expect_text(walikota.locator('[data-testid="stMain"]'), f"Rekap Kota Jakarta Timur {P.label}: belum disetujui.")
        press(walikota, "Setujui", "Disetujui")
        walikota.screenshot(path=str(SHOTS / "approval-kota-disetujui-1920.png"))
        browser.close()

    store = Store(db_path)
    try:
        assert store.period_status(ids["kec"], P).status == STATUS_DISETUJUI
        assert store.period_status(ids["kota"], P).status == STATUS_DISETUJUI
        rows = [(e.actor, e.action, e.unit_id) for e in reversed(store.audit_entries(actions=None, limit=200))]
        assert [r for r in rows if r[1].startswith("status_")] == [
            ("camat.makasar", "status_diajukan", ids["kec"]),
            ("walikota", "status_disetujui", ids["kec"]),
            ("walikota", "status_disetujui", ids["kota"]),
        ]
    finally:
        store.close()
