"""The PEKPPP evidence pack: a ZIP whose index lists every document against its indicators, each
document a real PDF read back with pypdf, the publication proofs inside, built only for an
account that may have the unit's reports."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pypdf
import pytest

from skm.access import Access
from skm.accounts import ADMIN, OPERATOR, User
from skm.bukti import INDEX_FILE, build_pack, documents
from skm.demo import SEED_UNIT, ensure_demo
from skm.errors import AccessDenied
from skm.pekppp import score_year
from tests.test_pekppp import publish

TODAY = date(2025, 3, 1)


def access(store, role: str, unit_id: int | None) -> Access:
    return Access.for_user(User(7, f"uji-{role}", role, unit_id), store.units())


def text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def demo(store):
    ensure_demo(store)
    return store, store.find_unit(SEED_UNIT)


def test_pack_holds_every_document_and_its_index(demo):
    store, unit = demo
    publish(store, unit.id, "media_sosial", date(2024, 7, 3), "instagram.com/halim", "ig.png")
    publish(store, unit.id, "papan_reklame", date(2024, 7, 5), "Baliho depan kantor")
    admin = access(store, ADMIN, None)
    pack = zipfile.ZipFile(io.BytesIO(build_pack(store, admin, unit, 2024, TODAY)))
    names = pack.namelist()
    docs = documents(store, score_year(store, unit, 2024, TODAY))
    assert names == [INDEX_FILE, *(d.file for d in docs)]
    # the year's two SKM reports, the follow-up of the semester with an RTL, the 2023 reports, record, questionnaire
    assert [n.split("_", 1)[1] for n in names[1:]] == [
        "laporan-skm_2024-S1.pdf",
        "laporan-skm_2024-S2.pdf",
        "laporan-tindak-lanjut_2024-S1.pdf",
        "laporan-skm_2023-S1.pdf",
        "laporan-skm_2023-S2.pdf",
        "publikasi-skm_2024.pdf",
        "kuesioner-skm.pdf",
    ]
    index = text(pack.read(INDEX_FILE))
    for d in docs:
        assert d.title in index and d.file[:20] in index
    assert "Jumlah media publikasi hasil SKM 2" in index
    assert "Laporan Survei Kepuasan Masyarakat Semester I Tahun 2024" in text(pack.read(names[1]))
    assert "Laporan Hasil Tindak Lanjut" in text(pack.read(names[3]))
    record = pack.read(names[6])
    assert "Media sosial" in text(record) and "Baliho depan kantor" in text(record)
    images = [im for page in pypdf.PdfReader(io.BytesIO(record)).pages for im in page.images]
    assert len(images) == 1  # the one proof uploaded
    assert "Bagaimana pendapat Saudara" in text(pack.read(names[7]))


def test_pack_refused_outside_the_scope(demo):
    store, unit = demo
    other = store.find_unit("Jakarta Timur/Makasar/Kebon Pala")
    with pytest.raises(AccessDenied):
        build_pack(store, access(store, OPERATOR, other.id), unit, 2024, TODAY)
