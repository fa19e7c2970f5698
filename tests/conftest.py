import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not installed in the virtualenv
    sys.path.insert(0, str(ROOT))

from skm.storage import Store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    """An empty Store in tmp_path, closed after the test."""
    s = Store(tmp_path / "db" / "skm.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo database (and its folders beside it) loaded once per test run."""
    from skm.demo import ensure_demo

    path = tmp_path_factory.mktemp("demo-template") / "skm.duckdb"
    demo = Store(path)
    ensure_demo(demo)
    demo.close()
    return path


@pytest.fixture(scope="module")
def db_path(demo_template, tmp_path_factory):
    """One demo database per test module, a copy of the run's template; page tests that only read share it."""
    import shutil

    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(demo_template.parent, folder, dirs_exist_ok=True)
    return folder / demo_template.name


@contextmanager
def app_on(path, monkeypatch):
    """The app (ui.data) pointed at the database file, with Streamlit's caches fresh before and after."""
    import streamlit as st

    from ui.data import get_store

    monkeypatch.setenv("SKM_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    get_store().close()  # the app's own Store, so no connection outlives the test
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app(db_path, monkeypatch):
    """The app on the module's demo database (for tests that only read)."""
    with app_on(db_path, monkeypatch) as path:
        yield path


@pytest.fixture
def own_app(db_path, tmp_path, monkeypatch):
    """The app on a private copy of the demo database (for a test that saves)."""
    import shutil

    copy = tmp_path / "skm.duckdb"
    shutil.copy(db_path, copy)
    with app_on(copy, monkeypatch) as path:
        yield path


@pytest.fixture(autouse=True)
def columnar_matches_row_by_row(monkeypatch):
    """Every CSV any test reads through the columnar reader is read row by row as well, and the
    two Surveys must be identical: the fast path is only ever a faster way to the same answer."""
    from skm import ingest
    from skm.ingest import columnar

    fast = columnar.read_fast

    def checked(data, filename, *, path=None, **kwargs):  # path: where DuckDB may parse the bytes
        survey = fast(data, filename, path=path, **kwargs)
        if survey is not None:
            assert_same_survey(survey, ingest.read_by_rows(data, filename, "csv", **kwargs))
        return survey

    monkeypatch.setattr(columnar, "read_fast", checked)
    trusted = columnar.read_xlsx_trusted

    def checked_xlsx(data, filename, *, path=None, **kwargs):  # path: the file fastexcel may read
        survey = trusted(data, filename, path=path, **kwargs)
        if survey is not None:  # against the isolated child's reading of the same file
            assert_same_survey(survey, ingest.read_by_rows(data, filename, "xlsx", **kwargs))
        return survey

    monkeypatch.setattr(columnar, "read_xlsx_trusted", checked_xlsx)


def assert_same_survey(fast, slow) -> None:
    import pandas as pd

    for attr in ("kind", "sha256", "details", "warnings"):
        assert getattr(fast, attr) == getattr(slow, attr), attr
    assert [vars(c) for c in fast.columns] == [vars(c) for c in slow.columns]
    assert fast.word_maps == slow.word_maps
    pd.testing.assert_frame_equal(fast.responses, slow.responses)
