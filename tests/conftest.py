import sys
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
