"""What a read file becomes (Survey, Column) and how much one file may hold (Limits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from skm import safe_xlsx
from skm.errors import ImportRejected, Problem
from skm.unsur import CODES

if TYPE_CHECKING:  # pandas only where a DataFrame is asked for: the command line's import never needs it
    import pandas as pd
    import pyarrow as pa

KIND_RESPONSES = "responses"
KIND_AGGREGATE = "aggregate"
PROFILE_FIELDS = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")
RESPONSE_COLUMNS = ("row", "layanan", "submitted_at", *PROFILE_FIELDS, "saran", *CODES)
MAX_PROBLEMS = 200
NO_LAYANAN = "Tidak disebutkan"  # the layanan of rows whose layanan cell is blank


@dataclass
class Column:
    index: int
    header: str
    role: str  # unsur | layanan | timestamp | nomor | jenis_kelamin | usia | ... | unused
    unsur: str | None = None
    how: str = ""

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        return f'{self.letter} "{self.header}"' if self.header else self.letter


@dataclass(frozen=True)
class SummaryRow:
    """A row under the respondents that sums them up ("Σ Nilai / Unsur", "NRR / Unsur", …)."""

    row: int
    kind: str  # jumlah | nrr | tertimbang | ikm | lain (skm.ingest.vocabulary.summary_label_kind)
    label: str
    values: dict[str, float]  # the numbers in the unsur columns
    numbers: tuple[float, ...]  # every number in the row, in column order


@dataclass
class Survey:
    filename: str
    sha256: str
    kind: str
    file_format: str  # csv | xlsx | xls | ods | html
    columns: list[Column]
    frame: pd.DataFrame | None = None  # the responses as a DataFrame: read `responses`
    aggregates: pd.DataFrame | None = None  # row, layanan, U1..U9, ikm_reported, respondents
    word_maps: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # encoding, delimiter, sheet
    summary_rows: list[SummaryRow] = field(default_factory=list)  # left out, cross-checked
    # Each response's name when the file has a name column: never stored, only to find the same
    # person's submission twice (skm.ingest.edits.duplicate_rows).
    names: list[str | None] | None = None
    # The columnar reader's responses as Arrow (RESPONSE_COLUMNS; a column the file lacks is of
    # Arrow's null type): what the Store inserts; the DataFrame is made from it when first asked for.
    table: pa.Table | None = field(default=None, repr=False)

    @property
    def responses(self) -> pd.DataFrame | None:
        """row, layanan, submitted_at, profile fields, saran, U1..U9 (nullable Int8)."""
        if self.frame is None and self.table is not None:
            self.frame = responses_frame(self.table)
        return self.frame

    @responses.setter
    def responses(self, frame: pd.DataFrame | None) -> None:
        self.frame, self.table = frame, None

    @property
    def layanan(self) -> list[str]:
        if self.kind == KIND_RESPONSES and self.frame is None and self.table is not None:
            import pyarrow.compute as pc

            return [str(v) for v in pc.unique(self.table.column("layanan")).to_pylist()]  # first appearance
        frame = self.responses if self.kind == KIND_RESPONSES else self.aggregates
        assert frame is not None
        return [str(v) for v in frame["layanan"].unique()]  # in order of first appearance

    @property
    def row_count(self) -> int:
        if self.kind == KIND_RESPONSES and self.frame is None and self.table is not None:
            return self.table.num_rows
        frame = self.responses if self.kind == KIND_RESPONSES else self.aggregates
        return 0 if frame is None else len(frame)

    def responses_arrow(self) -> pa.Table:
        """The responses as an Arrow table (RESPONSE_COLUMNS), for the Store to insert."""
        if self.table is not None and self.frame is None:
            return self.table
        import pyarrow as pa

        assert self.frame is not None
        return pa.Table.from_pandas(self.frame, preserve_index=False)


def responses_frame(table: pa.Table) -> pd.DataFrame:
    """The columnar reader's Arrow responses as the row-by-row reader's DataFrame: texts as pandas'
    Arrow-backed strings (no copy), answers Int8, a column of Arrow's null type as None objects."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    str_dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = table.to_pandas(
        types_mapper={pa.string(): str_dtype, pa.large_string(): str_dtype, pa.int8(): pd.Int8Dtype()}.get
    )
    frame["row"] = frame["row"].astype("int64")
    for name in table.column_names:
        if pa.types.is_null(table.schema.field(name).type):
            frame[name] = pd.Series([None] * len(frame), dtype=object, index=frame.index)
    return frame[list(RESPONSE_COLUMNS)]


column_letter = safe_xlsx.column_name  # 0 -> "A", 26 -> "AA"


def reject(filename: str, message: str, row: int | None = None, column: str | None = None) -> NoReturn:
    raise ImportRejected([Problem(filename, message, row, column)])


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# A semester of SKM data is a few MB; these bound the importing process's memory (about
# 250 MB at both limits, see tests/hostile/report.py).
MAX_FILE_BYTES = 32 * 2**20
MAX_CELLS = safe_xlsx.MAX_CELLS
MAX_COLUMNS = safe_xlsx.MAX_COLUMNS


@dataclass(frozen=True)
class Limits:
    """How much one file may hold. Uploads through the web page get the tight default; the
    command line (someone at the server) may import kota-sized files."""

    max_bytes: int = MAX_FILE_BYTES
    max_cells: int = MAX_CELLS
    isolate: bool = True  # read spreadsheets (and HTML tables) in a child process under limits


UPLOAD_LIMITS = Limits()
CLI_LIMITS = Limits(max_bytes=2 * 2**30, max_cells=60_000_000, isolate=False)


def check_size(data: bytes, filename: str, limits: Limits = UPLOAD_LIMITS) -> None:
    if len(data) > limits.max_bytes:
        reject(
            filename,
            f"File terlalu besar ({len(data) / 2**20:.0f} MB; batas {limits.max_bytes // 2**20} MB). "
            "Pecah data menjadi beberapa file, misalnya per layanan.",
        )


def name_column(columns: list[Column]) -> Column | None:
    """The respondent's name column ("Nama", "Nama Responden"), a personal column never stored."""
    return next((c for c in columns if c.role == "personal" and c.header.casefold().startswith("nama")), None)
