"""PEKPPP indicators 6–9 and the publication record: bands at their edges, the year made of two
semesters, the issue date starting indicator 9's clock, and each change permitted, validated and
audited in one transaction (a real DuckDB file, real images)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from PIL import Image

from skm import pekppp, publikasi, rtl
from skm.access import Access
from skm.accounts import ADMIN, OPERATOR, PIMPINAN, User
from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.errors import AccessDenied, ImageRefused, SkmError, StoreError
from skm.pekppp import Semester, score_of, score_semesters, score_year
from skm.rtl import RtlItem
from skm.units import Period

P1, P2 = Period(2024, 1), Period(2024, 2)
TODAY = date(2025, 3, 1)


def item(done: bool, when: date | None = None) -> RtlItem:
    return RtlItem(
        nomor=1,
        unsur="U1",
        program="Sosialisasi",
        triwulan=("III",),
        status=rtl.STATUS_SUDAH if done else rtl.STATUS_BELUM,
        tanggal=when,
    )


def semester(period: Period, items=(), issued: date | None = None, **kw) -> Semester:
    base = dict(has_data=True, respondents=400, sample_needed=None, rtl=tuple(items), issued=issued)
    base.update(kw)
    return Semester(period=period, **base)


def access(store, role: str, unit_id: int | None) -> Access:
    return Access.for_user(User(99, f"uji-{role}", role, unit_id), store.units())


def photo(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, format=fmt)
    return out.getvalue()


def publish(store, unit_id: int, media: str, day: date, tempat: str, proof_name: str | None = None):
    """One publication of the demo period recorded by an admin, with a small proof image when named."""
    proof = (photo("JPEG" if proof_name and proof_name.endswith(".jpg") else "PNG"), proof_name) if proof_name else None
    return publikasi.add(store, access(store, ADMIN, None), unit_id, SEED_PERIOD, media, day, tempat, proof=proof)


@pytest.fixture
def demo(store):
    ensure_demo(store)
    return store, store.find_unit(SEED_UNIT)


# ---------------------------------------------------------------- bands
@pytest.mark.parametrize(("media", "score"), [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 5)])
def test_indicator_7_counts_media(media, score):
    assert score_of("7", media) == score


@pytest.mark.parametrize(
    ("planned", "realised", "score"),
    [(10, 0, 1), (10, 1, 2), (10, 2, 2), (10, 3, 3), (10, 8, 3), (10, 9, 4), (10, 10, 5), (3, 3, 5)],
)
def test_indicator_8_bands(planned, realised, score):
    assert pekppp.realisation_score(planned, realised) == score
    assert rtl.realisation_band(planned, realised) == score  # the RTL page reads the same table


@pytest.mark.parametrize(
    ("done_on", "score"),
    [
        (date(2024, 8, 1), 5),
        (date(2024, 8, 2), 4),
        (date(2024, 10, 1), 4),
        (date(2024, 10, 2), 3),
        (date(2025, 1, 1), 3),
        (date(2025, 4, 1), 2),
        (date(2025, 7, 1), 1),
        (date(2025, 7, 2), 0),
    ],
)
def test_indicator_9_counts_from_the_issue_date(done_on, score):
    s = semester(P1, [item(True, date(2024, 7, 20)), item(True, done_on)], issued=date(2024, 7, 1))
    got = pekppp.indicator_9([s], TODAY)
    assert got.score == score, got.why
    assert "laporan SKM terbit 1 Juli 2024" in got.why


def test_indicator_9_without_issue_date_counts_from_semester_end_and_says_so():
    s = semester(P1, [item(True, date(2024, 8, 15))])
    got = pekppp.indicator_9([s], TODAY)
    assert got.score == 4  # 1,5 months after 30 June
    assert "tanggal terbit laporan SKM belum dicatat" in got.why
    assert "Catat tanggal terbit" in got.raise_by


def test_indicator_9_needs_every_item_done_and_names_the_deadline():
    s = semester(P1, [item(True, date(2024, 7, 10)), item(False)], issued=date(2024, 7, 1))
    got = pekppp.indicator_9([s], today=date(2024, 7, 15))
    assert got.score == 0
    assert got.raise_by == "Selesaikan 1 kegiatan RTL lagi paling lambat 1 Agustus 2024 untuk nilai 5."
    later = pekppp.indicator_9([s], today=date(2024, 9, 15))
    assert later.raise_by.endswith("paling lambat 1 Oktober 2024 untuk nilai 4.")


def test_year_takes_the_better_semester_for_8_and_9():
    s1 = semester(P1, [item(True, date(2024, 5, 1))] * 2, issued=date(2024, 4, 20))
    s2 = semester(P2, [item(False)] * 3, issued=date(2024, 12, 20))
    scores = score_semesters([s1, s2], [], TODAY)
    assert (scores["8"].score, scores["8"].period) == (5, P1)
    assert (scores["9"].score, scores["9"].period) == (5, P1)
    # a tie goes to the later semester
    tie = score_semesters([s1, replace(s2, rtl=s1.rtl, issued=date(2024, 4, 20))], [], TODAY)
    assert tie["8"].period == P2


def test_indicator_8_says_how_many_more_items_raise_it():
    s = semester(P1, [item(True, date(2024, 8, 1))] + [item(False)] * 9)
    got = pekppp.indicator_8([s])
    assert got.score == 2
    assert got.why == "Semester I 2024: 1 dari 10 kegiatan RTL terealisasi (10%)."
    assert got.raise_by == "Realisasikan 2 kegiatan RTL lagi untuk nilai 3."
    none = pekppp.indicator_8([semester(P1)])
    assert none.score == 0 and "Susun RTL" in none.raise_by


def pub(media: str, period: Period = P1) -> pekppp.Publication:
    return pekppp.Publication(1, 1, period, media, date(2024, 7, 1), "", None, None, "x", None)  # type: ignore[arg-type]


def test_indicator_6_steps_with_publication_and_follow_up():
    done = semester(P1, [item(True, date(2024, 8, 1))])
    assert pekppp.indicator_6([semester(P1, has_data=False), semester(P2, has_data=False)], []).score == 0
    small = semester(P1, respondents=50, sample_needed=196)
    one = pekppp.indicator_6([small], [])
    assert one.score == 1 and "196" in one.why and "Kumpulkan paling sedikit 196" in one.raise_by
    assert pekppp.indicator_6([done], [pub("website")]).score == 2  # electronic only: band 3 needs print
    assert pekppp.indicator_6([done], [pub("cetak")]).score == 3
    assert pekppp.indicator_6([semester(P1)], [pub("cetak"), pub("media_sosial", P2)]).score == 4
    assert pekppp.indicator_6([done], [pub("papan_reklame"), pub("website")]).score == 5


def test_indicator_7_counts_distinct_media_of_both_semesters_and_names_the_gap():
    got = pekppp.indicator_7([pub("cetak"), pub("cetak", P2), pub("website", P2), pub("aplikasi"), pub("elektronik")])
    assert got.score == 4
    assert got.raise_by == "Catat publikasi di 1 media lagi untuk nilai 5."
    assert "4 media" in got.why


# ---------------------------------------------------------------- the demo, the issue date and rtl speed
def test_demo_halim_2024_scores(demo):
    store, unit = demo
    result = score_year(store, unit, 2024, today=TODAY)
    scores = {n: i.score for n, i in result.indicators.items()}
    assert scores["8"] == 5 and result.indicators["8"].period == SEED_PERIOD
    assert scores["7"] == 0 and scores["6"] == 2  # no publication recorded in the demo
    assert scores["9"] == 5


def test_issue_date_is_kept_per_period_and_moves_the_rtl_clock(demo):
    store, unit = demo
    settings = store.report_settings(unit, SEED_PERIOD)
    store.save_report_settings(unit.id, SEED_PERIOD, replace(settings, tanggal_terbit=date(2024, 4, 10)), actor="t")
    assert store.report_settings(unit, SEED_PERIOD).tanggal_terbit == date(2024, 4, 10)
    assert store.report_settings(unit, SEED_PERIOD.next()).tanggal_terbit is None  # not carried over
    items = store.rtl_items(unit.id, SEED_PERIOD)
    p = rtl.progress(items, SEED_PERIOD, TODAY, issued=date(2024, 4, 10))
    assert p.from_issue and p.counted_from == date(2024, 4, 10)
    assert max(p.months_to_realise) == pytest.approx(rtl.months_between(date(2024, 4, 10), date(2024, 5, 31)))
    assert rtl.speed_text(p.mean_months, p.from_issue).endswith("bulan setelah laporan SKM terbit")
    got = score_year(store, unit, 2024, today=TODAY).indicators["9"]
    assert got.score == 4 and "laporan SKM terbit 10 April 2024" in got.why  # last item 31 May: > 1 month


# ---------------------------------------------------------------- the publication record
def test_add_publication_cleans_the_proof_and_audits_in_one_go(demo):
    store, unit = demo
    op = access(store, OPERATOR, unit.id)
    got = publikasi.add(
        store,
        op,
        unit.id,
        SEED_PERIOD,
        "website",
        date(2024, 7, 15),
        " https://x.go.id/skm ",
        proof=(photo("JPEG"), "layar.jpg"),
    )
    assert got.tempat == "https://x.go.id/skm" and got.file_name == "layar.jpg"
    with Image.open(got.stored_path) as im:  # decoded and re-encoded: a fresh file without metadata
        assert im.size == (40, 30) and not im.info.get("exif")
    assert "publikasi" in got.stored_path
    entry = store.audit_entries(actions=["publikasi_add"])[0]
    assert (entry.actor, entry.unit_id, entry.period, entry.detail["media"]) == (
        "uji-operator",
        unit.id,
        SEED_PERIOD,
        "website",
    )
    assert [p.id for p in store.publications(unit.id, SEED_PERIOD)] == [got.id]
    assert score_year(store, unit, 2024, TODAY).indicators["7"].score == 1
    publikasi.delete(store, op, got.id)
    assert store.publications(unit.id) == []
    assert store.audit_entries(actions=["publikasi_delete"])[0].detail["id"] == got.id


@pytest.mark.parametrize(
    ("media", "when", "message"),
    [
        ("koran", date(2024, 7, 1), "Pilihan: cetak, elektronik, media_sosial, website, aplikasi, papan_reklame"),
        ("cetak", date(2023, 12, 31), "sebelum Semester I 2024 dimulai"),
        ("cetak", date(2999, 1, 1), "setelah hari ini"),
    ],
)
def test_bad_publication_writes_nothing(demo, media, when, message):
    store, unit = demo
    before = store.table_checksums()
    with pytest.raises(StoreError, match=message):
        publikasi.add(store, access(store, ADMIN, None), unit.id, SEED_PERIOD, media, when)
    assert store.table_checksums() == before


def test_bad_proof_image_writes_nothing(demo):
    store, unit = demo
    before = store.table_checksums()
    with pytest.raises(ImageRefused, match="palsu.png"):
        publikasi.add(
            store,
            access(store, ADMIN, None),
            unit.id,
            SEED_PERIOD,
            "cetak",
            date(2024, 7, 1),
            proof=(b"\x89PNG\r\n\x1a\n<html>", "palsu.png"),
        )
    assert store.table_checksums() == before


def test_publication_scoped_by_role(demo):
    store, unit = demo
    other = store.find_unit("Jakarta Timur/Makasar/Makasar")
    camat = access(store, PIMPINAN, unit.parent_id)
    for who in (access(store, OPERATOR, other.id), camat):
        with pytest.raises(AccessDenied):
            publikasi.add(store, who, unit.id, SEED_PERIOD, "cetak", date(2024, 7, 1))
    pub_ = publikasi.add(store, access(store, OPERATOR, unit.id), unit.id, SEED_PERIOD, "cetak", date(2024, 7, 1))
    with pytest.raises(AccessDenied) as refused:
        publikasi.delete(store, access(store, OPERATOR, other.id), pub_.id)
    assert unit.name not in str(refused.value)
    assert [p.id for p in publikasi.listed(store, camat, unit.id)] == [pub_.id]  # the camat sees it


def test_parse_media_and_date_name_the_allowed_values():
    with pytest.raises(SkmError, match="Pilihan: cetak, elektronik"):
        pekppp.parse_media("koran")
    with pytest.raises(SkmError, match="YYYY-MM-DD"):
        pekppp.parse_tanggal("15/07/2024")
    assert pekppp.parse_tanggal("2024-07-15") == date(2024, 7, 15)
