"""skm.ingest.arrays builds the same Arrow arrays pyarrow.array builds (without importing pandas)."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from skm.ingest import arrays


def test_texts_equal_pyarrow_array_with_missing_unicode_and_empty():
    rnd = random.Random(3)
    pool = ["", " ", "café", "\u3000x", "Surat Pengantar", "😀", "a\nb", None]
    for n in (0, 1, 7, 1000):
        values = [rnd.choice(pool) for _ in range(n)]
        built = arrays.texts(values)
        built.validate(full=True)
        assert built.equals(pa.array(values, pa.string()))


@pytest.mark.parametrize("kind", [pa.int8(), pa.int32(), pa.int64()])
def test_small_ints_equal_pyarrow_array(kind):
    values = [1, None, 4, 0, -3, None, 2]
    built = arrays.small_ints(values, kind)
    built.validate(full=True)
    assert built.equals(pa.array(values, kind))


def test_numbers_and_bools_from_numpy_including_a_slice():
    rnd = np.random.default_rng(5)
    ints = rnd.integers(0, 1000, 999)
    bools = rnd.random(999) > 0.5
    for values in (ints, ints[3:], bools, bools[5:]):
        assert arrays.numbers(values).equals(pa.array(values))


def test_flags_and_values_read_arrow_back_with_missing_as_false():
    rnd = np.random.default_rng(9)
    mask = pa.array([bool(v) if v < 1.5 else None for v in rnd.random(777) * 2])
    for arr in (mask, mask.slice(3), mask.slice(10, 100)):
        assert arrays.flags(arr).tolist() == [bool(v) for v in arr.to_pylist()]
    chunked = pa.chunked_array([mask.slice(0, 5), mask.slice(5)])
    assert arrays.flags(chunked).tolist() == arrays.flags(mask).tolist()
    ints = pa.array(np.arange(50, dtype=np.int64)).slice(7)
    assert arrays.values(ints).tolist() == list(range(7, 50))
    assert pc.if_else(pc.equal(arrays.texts(["", "a"]), arrays.EMPTY), arrays.NULL_TEXT, "x").to_pylist() == [None, "x"]


def test_none_of_it_imports_pandas():
    code = """
import sys
import numpy as np
import pyarrow.compute as pc
from skm.ingest import arrays
t = arrays.texts(["a", None, ""])
arrays.flags(pc.equal(t, arrays.EMPTY)); arrays.values(arrays.numbers(np.arange(4)))
arrays.small_ints([1, None], arrays.numbers(np.arange(1, dtype=np.int8)).type)
pc.fill_null(t, arrays.EMPTY); pc.if_else(arrays.numbers(np.ones(3, bool)), t, arrays.NULL_TEXT)
assert "pandas" not in sys.modules, "pandas was imported"
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
