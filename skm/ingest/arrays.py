"""Arrow arrays made from Python lists and numpy, and read back to numpy, without pandas.

`pyarrow.array()` and `Array.to_numpy(zero_copy_only=False)` ask pandas whether their argument is
one of its objects, which imports pandas: a third of a second in a fresh process. The command
line's import (issue 17) never needs pandas, so the columnar reader builds its arrays here from
Arrow's buffers (tests/test_arrays.py checks them against pyarrow.array).

    texts(["a", None])          # pa.string(): ["a", null]
    numbers(np.arange(3))       # the numpy dtype's Arrow type (numbers: no copy; bools packed)
    small_ints([1, None], pa.int8())
    flags(pc.is_valid(arr))     # numpy bool, a missing value as False
    values(int_array)           # numpy, no copy (no missing values)
    EMPTY, NULL_TEXT            # '' and a missing text as Arrow scalars
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa


def _validity(missing: np.ndarray) -> pa.Buffer | None:
    """Arrow's validity bitmap (least significant bit first) of the values not missing."""
    if not missing.any():
        return None
    return pa.py_buffer(np.packbits(~missing, bitorder="little"))


def numbers(values: np.ndarray) -> pa.Array:
    """A one-dimensional numpy array of numbers (no copy) or bools (packed to bits) as Arrow."""
    values = np.ascontiguousarray(values)
    data = np.packbits(values, bitorder="little") if values.dtype == bool else values
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(data)])


def small_ints(values: Sequence[int | None], kind: pa.DataType) -> pa.Array:
    """Integers (None: missing) as an Arrow integer array of `kind`."""
    missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    raw = np.fromiter((0 if v is None else v for v in values), dtype=kind.to_pandas_dtype(), count=len(values))
    return pa.Array.from_buffers(kind, len(values), [_validity(missing), pa.py_buffer(raw)])


def texts(values: Sequence[str | None]) -> pa.Array:
    """Python strings (None: missing) as an Arrow string array."""
    encoded = [b"" if v is None else v.encode("utf-8", "surrogatepass") for v in values]
    missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(values)), out=offsets[1:])
    kind = pa.string() if offsets[-1] < 2**31 else pa.large_string()
    width = np.int32 if kind == pa.string() else np.int64
    buffers = [_validity(missing), pa.py_buffer(offsets.astype(width)), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(kind, len(values), buffers)


def values(numbers: pa.Array) -> np.ndarray:
    """A number array without missing values as numpy (no copy)."""
    assert not numbers.null_count
    raw = np.frombuffer(numbers.buffers()[1], dtype=numbers.type.to_pandas_dtype())
    return raw[numbers.offset : numbers.offset + len(numbers)]


def flags(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow array as numpy bools; a missing value reads as False."""
    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks()
    valid, values = mask.buffers()
    out = _bits(values, mask.offset, len(mask))
    if valid is not None and mask.null_count:
        out &= _bits(valid, mask.offset, len(mask))
    return out


def _bits(buffer: pa.Buffer, offset: int, length: int) -> np.ndarray:
    unpacked = np.unpackbits(np.frombuffer(buffer, dtype=np.uint8), bitorder="little")
    return unpacked[offset : offset + length].astype(bool)


EMPTY = texts([""])[0]  # '' as an Arrow scalar (pyarrow.scalar would import pandas too)
NULL_TEXT = texts([None])[0]
