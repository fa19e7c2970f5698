"""A corpus of hostile and broken survey files, built deterministically in memory.

    for case in CASES:            # Case(name, filename, build, expect)
        data = case.build()       # bytes; the large ones are built on demand (and cached)
        case.expect               # Refused(parts…) or Reads(check, rows)

Every file is either refused with an Indonesian message naming it (`Refused.parts` are parts
of that message; a tuple inside `parts` lists alternatives), or read exactly right
(`Reads.check` asserts the rows, layanan, answers and texts that were read).

Nothing here is a committed binary: the zip bomb (a real XLSX whose sheet inflates to
1.1 GiB) is assembled from one compressed megabyte repeated, the CFB/OLE containers and
the crafted ZIP archives are written byte by byte below.
"""

from __future__ import annotations

import csv
import functools
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter

CODES = [f"U{i}" for i in range(1, 10)]
NAMES = ["Persyaratan", "Prosedur", "Waktu", "Biaya/Tarif", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
HEADER = [
    "Cap waktu",
    "Jenis Layanan",
    "Jenis Kelamin",
    *(f"{c} ({n})" for c, n in zip(CODES, NAMES, strict=True)),
    "Saran",
]
SEED = Path(__file__).resolve().parents[2] / "skm" / "demo" / "halim_2024s1_tabel1.csv"
MB = 2**20


@dataclass(frozen=True)
class Respondent:
    when: str
    layanan: str
    kelamin: str
    scores: tuple[int, ...]
    saran: str


# Texts with a delimiter, a quote, a line break and letters outside ASCII inside the cells.
PEOPLE = (
    Respondent("2024-07-01 08:15", "Akta Kelahiran", "Perempuan", (3, 4, 3, 4, 3, 4, 3, 4, 3), "Cepat; petugas ramah"),
    Respondent("2024-07-02 09:00", "Kartu Keluarga", "Laki-laki", (4,) * 9, "Café “nyaman” — terima kasih’"),
    Respondent(
        "2024-07-03 10:30", "Akta Kelahiran", "Perempuan", (2, 3, 2, 3, 2, 3, 2, 3, 2), "Antre lama,\nloket kurang"
    ),
    Respondent("2024-07-04 11:45", "Surat Pindah", "Laki-laki", (1, 2, 3, 4, 1, 2, 3, 4, 1), ""),
    Respondent("2024-07-05 13:00", "Kartu Keluarga", "Perempuan", (3,) * 9, 'Kata "bagus" | ya\tsekali'),
)
# The same people with only Latin-1 letters (no curly quotes or dashes).
LATIN1 = tuple(
    Respondent(p.when, p.layanan, p.kelamin, p.scores, p.saran.translate(str.maketrans("“”’—", '""\'-')))
    for p in PEOPLE
)


def rows_of(people: Sequence[Respondent], header: Sequence[str] = HEADER) -> list[list[object]]:
    return [list(header)] + [[p.when, p.layanan, p.kelamin, *p.scores, p.saran] for p in people]


# ----------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Refused:
    parts: tuple[str | tuple[str, ...], ...]  # each a part of the message, or alternatives
    row: object = ...  # the first problem's row, when given
    column: object = ...


@dataclass(frozen=True)
class Reads:
    check: Callable[[object], None]  # asserts what a Survey holds
    rows: int


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[], bytes]
    expect: Refused | Reads
    layanan: str | None = None
    tags: tuple[str, ...] = field(default=())


def reads_people(people: Sequence[Respondent] = PEOPLE, *, saran: bool = True, kelamin: bool = True) -> Reads:
    def check(survey) -> None:
        assert survey.kind == "responses", survey.kind
        df = survey.responses
        assert list(df["layanan"]) == [p.layanan for p in people]
        assert list(df["submitted_at"]) == [p.when for p in people]
        if kelamin:
            assert list(df["jenis_kelamin"]) == [p.kelamin for p in people]
        if saran:
            got = [v if isinstance(v, str) else None for v in df["saran"]]  # a blank is stored as missing
            assert got == [p.saran.strip() or None for p in people], got
        for i, code in enumerate(CODES):
            assert [int(v) for v in df[code]] == [p.scores[i] for p in people], code

    return Reads(check, len(people))


def reads_scores(layanan: Sequence[str], scores: Sequence[Sequence[int | None]]) -> Reads:
    def check(survey) -> None:
        assert survey.kind == "responses", survey.kind
        df = survey.responses
        assert list(df["layanan"]) == list(layanan)
        for i, code in enumerate(CODES):
            got = [None if v is None or str(v) == "<NA>" else int(v) for v in df[code]]
            assert got == [s[i] for s in scores], (code, got[:5])

    return Reads(check, len(scores))


def reads_seed() -> Reads:
    def check(survey) -> None:
        from skm.ingest import read_survey

        want = read_survey(SEED.read_bytes(), SEED.name).aggregates
        assert survey.kind == "aggregate"
        got = survey.aggregates
        assert got is not None and want is not None
        assert got.drop(columns="row").equals(want.drop(columns="row")), got

    return Reads(check, 6)


NOT_TEXT = ("bukan teks", "Encoding teks tidak dikenali", "karakter kendali", "karakter biner (NUL)")
BROKEN = "File Excel rusak atau terpotong (arsip ZIP tidak utuh)"
UNSAFE = "File Excel ini tidak dapat dibaca dengan aman"
DAMAGED = ("File Excel rusak", UNSAFE)

# ----------------------------------------------------------------------------- builders: CSV


def csv_text(rows: Sequence[Sequence[object]], delimiter: str = ",", newline: str = "\r\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buf.getvalue()


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: t.encode("utf-8-sig"),
    "utf16le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf16be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf16le": lambda t: t.encode("utf-16-le"),
    "utf16be": lambda t: t.encode("utf-16-be"),
    "utf32-bom": lambda t: t.encode("utf-32"),
    "cp1252": lambda t: t.encode("cp1252"),
    "latin1": lambda t: t.encode("latin-1"),
}
DELIMITERS = {"koma": ",", "titikkoma": ";", "tab": "\t", "pipa": "|"}


def _encoded_cases() -> list[Case]:
    out = []
    for enc, encode in ENCODINGS.items():
        people = LATIN1 if enc == "latin1" else PEOPLE
        for dname, delim in DELIMITERS.items():
            text = csv_text(rows_of(people), delim)
            out.append(
                Case(
                    f"csv-{enc}-{dname}",
                    f"survei_{enc}_{dname}.csv",
                    functools.partial(encode, text),
                    reads_people(people),
                )
            )
    return out


def _random(seed: int, n: int, alphabet: bytes | None = None) -> bytes:
    rng = random.Random(seed)
    if alphabet is None:
        return bytes(rng.getrandbits(8) for _ in range(n))
    return bytes(rng.choice(alphabet) for _ in range(n))


def _long_field(quoted: bool, closed: bool) -> bytes:
    field = "x" * (10 * MB)
    if quoted:
        field = '"' + field + ('"' if closed else "")
    head = ",".join(HEADER).encode()
    row = ",".join(["2024-07-01", "Akta", "Perempuan", *["3"] * 9]).encode()
    return head + b"\r\n" + row + b"," + field.encode() + b"\r\n"


def _deep_quotes() -> bytes:
    rows = rows_of(PEOPLE)
    rows[2][3] = '"' * 40 + "3" + '"' * 40
    return csv_text(rows).encode()


def _too_many_cells() -> bytes:
    line = ",".join(["3"] * 1000) + "\r\n"
    return (",".join(HEADER) + "\r\n" + line * 2001).encode()


def _wide_csv() -> bytes:
    extra = [f"Kolom tambahan {j}" for j in range(16384 - len(HEADER))]
    rows = [[*HEADER, *extra]] + [
        [p.when, p.layanan, p.kelamin, *p.scores, p.saran, *["x"] * len(extra)] for p in PEOPLE
    ]
    return csv_text(rows).encode()


@functools.cache
def _tall_people(n: int) -> tuple[Respondent, ...]:
    return tuple(
        Respondent(
            f"2024-07-{k % 28 + 1:02d} 08:00",
            ("Akta Kelahiran", "Kartu Keluarga", "Surat Pindah")[k % 3],
            ("Perempuan", "Laki-laki")[k % 2],
            tuple((k + j) % 4 + 1 for j in range(9)),
            f"saran {k}",
        )
        for k in range(n)
    )


TALL = 20_000
NEAR_LIMIT = 76_000  # 13 columns: 988 013 cells, just under the importer's 1 000 000


def _csv_cases() -> list[Case]:
    good = csv_text(rows_of(PEOPLE))
    people_text = lambda **kw: csv_text(rows_of(PEOPLE), **kw)  # noqa: E731
    header_only = {d: csv_text([HEADER], delim) for d, delim in DELIMITERS.items()}
    c: list[Case] = []
    add = c.append
    # --- line endings and harmless oddities that must read exactly
    for nl_name, nl in (("lf", "\n"), ("cr", "\r"), ("crlf", "\r\n")):
        add(
            Case(
                f"csv-akhir-baris-{nl_name}",
                f"akhir_{nl_name}.csv",
                lambda nl=nl: people_text(newline=nl).encode(),
                reads_people(),
            )
        )
    add(Case("csv-tanpa-baris-baru-akhir", "tanpa_akhir.csv", lambda: good.rstrip("\r\n").encode(), reads_people()))
    add(
        Case(
            "csv-baris-kosong-di-tengah",
            "baris_kosong.csv",
            lambda: good.replace("\r\n2024-07-03", "\r\n\r\n\r\n2024-07-03").encode(),
            reads_people(),
        )
    )
    add(Case("csv-baris-kosong-di-akhir", "kosong_akhir.csv", lambda: (good + "\r\n" * 50).encode(), reads_people()))
    add(
        Case(
            "csv-excel-sep-baris",
            "sep_excel.csv",
            lambda: ("sep=;\r\n" + people_text(delimiter=";")).encode(),
            reads_people(),
        )
    )
    add(Case("txt-ekstensi", "survei.txt", lambda: people_text(delimiter="\t").encode(), reads_people()))
    add(Case("tsv-ekstensi", "survei.tsv", lambda: people_text(delimiter="\t").encode("utf-16"), reads_people()))
    add(Case("csv-nama-ekstensi-besar", "SURVEI.CSV", lambda: good.encode(), reads_people()))
    add(Case("csv-path-traversal-nama", "../../etc/passwd.csv", lambda: good.encode(), reads_people()))
    add(
        Case(
            "csv-spasi-di-sekitar-nilai",
            "spasi.csv",
            lambda: csv_text(
                [HEADER]
                + [[p.when, f"  {p.layanan}", p.kelamin, *(f" {s} " for s in p.scores), p.saran] for p in PEOPLE]
            ).encode(),
            reads_people(),
        )
    )
    add(
        Case(
            "csv-nbsp-dan-angka-lebar",
            "nbsp.csv",
            lambda: csv_text(
                [HEADER]
                + [
                    [
                        p.when,
                        p.layanan,
                        p.kelamin,
                        *(f"{s}\u00a0" if j % 2 else chr(0xFF10 + s) for j, s in enumerate(p.scores)),
                        p.saran,
                    ]
                    for p in PEOPLE
                ]
            ).encode(),
            reads_people(),
        )
    )
    add(
        Case(
            "csv-injeksi-rumus-di-saran",
            "rumus_saran.csv",
            lambda: csv_text(
                [HEADER] + [[p.when, p.layanan, p.kelamin, *p.scores, "=cmd|' /C calc'!A0"] for p in PEOPLE]
            ).encode(),
            reads_people(saran=False),
        )
    )
    add(
        Case(
            "csv-emoji-dan-rtl",
            "emoji.csv",
            lambda: csv_text(
                [HEADER] + [[p.when, p.layanan, p.kelamin, *p.scores, "👍 \u202ebagus\u202c"] for p in PEOPLE]
            ).encode(),
            reads_people(saran=False),
        )
    )
    add(
        Case(
            "csv-judul-sangat-panjang",
            "judul_panjang.csv",
            lambda: csv_text([[*HEADER[:-1], "Saran " + "x" * 20000]] + rows_of(PEOPLE)[1:]).encode(),
            reads_people(),
        )
    )
    add(
        Case(
            "csv-tinggi-20000-baris",
            "tinggi.csv",
            lambda: csv_text(rows_of(_tall_people(TALL))).encode(),
            reads_people(_tall_people(TALL)),
            tags=("besar",),
        )
    )
    add(Case("csv-lebar-16384-kolom", "lebar.csv", _wide_csv, reads_people(), tags=("besar", "untraced")))
    add(
        Case(
            "csv-76000-baris-dekat-batas-sel",
            "dekat_batas.csv",
            lambda: csv_text(rows_of(_tall_people(NEAR_LIMIT))).encode(),
            reads_people(_tall_people(NEAR_LIMIT)),
            tags=("besar", "untraced"),
        )
    )
    add(
        Case(
            "csv-agregat-seed-utf16", "tabel1_utf16.csv", lambda: SEED.read_text("utf-8").encode("utf-16"), reads_seed()
        )
    )
    add(
        Case(
            "csv-agregat-seed-cp1252-crlf",
            "tabel1_cp1252.csv",
            lambda: SEED.read_text("utf-8").replace("\n", "\r\n").encode("cp1252"),
            reads_seed(),
        )
    )
    add(
        Case(
            "csv-agregat-seed-bom", "tabel1_bom.csv", lambda: SEED.read_text("utf-8").encode("utf-8-sig"), reads_seed()
        )
    )
    # --- empty and near-empty
    for name, data in (
        ("0-byte", b""),
        ("spasi-saja", b"   \r\n\t \n"),
        ("bom-saja", b"\xef\xbb\xbf"),
        ("nul-saja", b"\x00" * 100),
        ("bom-dan-baris", b"\xef\xbb\xbf\r\n\r\n"),
    ):
        add(Case(f"csv-kosong-{name}", f"kosong_{name}.csv", lambda d=data: d, Refused(("File kosong",))))
    for dname, text in header_only.items():
        add(
            Case(
                f"csv-judul-saja-{dname}",
                f"judul_saja_{dname}.csv",
                lambda t=text: t.encode(),
                Refused(("File hanya berisi judul kolom, tanpa baris data",), row=1),
            )
        )
    add(
        Case(
            "csv-judul-saja-utf16",
            "judul_saja_utf16.csv",
            lambda: header_only["koma"].encode("utf-16"),
            Refused(("File hanya berisi judul kolom",), row=1),
        )
    )
    add(
        Case(
            "csv-judul-lalu-baris-kosong",
            "judul_kosong.csv",
            lambda: (header_only["koma"] + "\r\n" * 20 + ",,,,\r\n").encode(),
            Refused(("File hanya berisi judul kolom",), row=1),
        )
    )
    for dname, delim in DELIMITERS.items():
        add(
            Case(
                f"csv-pemisah-saja-{dname}",
                f"pemisah_{dname}.csv",
                lambda d=delim: ((d * 12 + "\r\n") * 5).encode(),
                Refused((("File tidak berisi data apa pun", "File kosong", "Judul kolom unsur"),)),
            )
        )
    add(
        Case(
            "csv-kutip-kosong-saja",
            "kutip_kosong.csv",
            lambda: b'""\r\n""\r\n"",""\r\n',
            Refused(("File tidak berisi data apa pun",)),
        )
    )
    # --- ragged rows: one extra and one missing field, each delimiter
    for dname, delim in DELIMITERS.items():
        extra = rows_of(PEOPLE)
        extra[3] = [*extra[3], "lebih"]
        add(
            Case(
                f"csv-baris-lebih-kolom-{dname}",
                f"lebih_{dname}.csv",
                lambda r=extra, d=delim: csv_text(r, d).encode(),
                Refused(("baris ini punya 14 kolom, judul punya 13",), row=4),
            )
        )
        short = rows_of(PEOPLE)
        short[2] = short[2][:-2]
        add(
            Case(
                f"csv-baris-kurang-kolom-{dname}",
                f"kurang_{dname}.csv",
                lambda r=short, d=delim: csv_text(r, d).encode(),
                Refused(("baris ini punya 11 kolom, judul punya 13",), row=3),
            )
        )
    # --- wrong or missing headers
    add(
        Case(
            "csv-tanpa-judul",
            "tanpa_judul.csv",
            lambda: csv_text(rows_of(PEOPLE)[1:]).encode(),
            # Without a header its nine answer columns may still be found; its layanan cannot.
            Refused(
                (
                    (
                        "Judul kolom unsur (U1–U9 atau pertanyaannya) tidak ditemukan",
                        "kolom unsur tidak ditemukan",
                        "kolom jenis layanan tidak ditemukan",
                    ),
                )
            ),
        )
    )
    add(
        Case(
            "csv-judul-bahasa-inggris",
            "inggris.csv",
            lambda: csv_text(
                rows_of(PEOPLE, ["Timestamp", "Service", "Sex", *(f"Q{i}" for i in range(1, 10)), "Notes"])
            ).encode(),
            # Q1..Q9 are read in questionnaire order now; "Service" is still no layanan column.
            Refused((("Judul kolom unsur", "kolom unsur tidak ditemukan", "kolom jenis layanan tidak ditemukan"),)),
        )
    )
    add(
        Case(
            "csv-unsur-kurang-u9",
            "tanpa_u9.csv",
            lambda: csv_text([r[:11] + r[12:] for r in rows_of(PEOPLE)]).encode(),
            Refused(("kolom unsur tidak ditemukan: U9 Sarana dan Prasarana",)),
        )
    )
    add(
        Case(
            "csv-unsur-ganda",
            "ganda.csv",
            lambda: csv_text(rows_of(PEOPLE, [*HEADER[:5], HEADER[4], *HEADER[6:]])).encode(),
            Refused(("sama-sama dikenali sebagai U2",)),
        )
    )
    add(
        Case(
            "csv-empat-belas-unsur",
            "empat_belas.csv",
            lambda: csv_text([["Jenis Layanan", *(f"U{i}" for i in range(1, 15))], ["Akta", *[3] * 14]]).encode(),
            Refused(("Kuesioner ini memiliki 14 unsur",)),
        )
    )
    add(
        Case(
            "csv-judul-di-baris-25",
            "judul_bawah.csv",
            lambda: csv_text([["Rekap"]] * 24 + rows_of(PEOPLE)).encode(),
            Refused(("tidak ditemukan di 20 baris pertama",)),
        )
    )
    add(
        Case(
            "csv-judul-tanpa-layanan",
            "tanpa_layanan.csv",
            lambda: csv_text([[r[0], *r[2:]] for r in rows_of(PEOPLE)]).encode(),
            Refused(("kolom jenis layanan tidak ditemukan",)),
        )
    )
    add(
        Case(
            "csv-skala-lima",
            "skala_lima.csv",
            lambda: csv_text(rows_of(PEOPLE)[:2] + [["2024-07-09", "Akta", "Perempuan", *[5] * 9, ""]]).encode(),
            Refused(("nilai 5 di luar skala 1–4",), row=3),
        )
    )
    # --- quotes
    add(
        Case(
            "csv-kutip-bertingkat",
            "kutip_bertingkat.csv",
            _deep_quotes,
            Refused(("tidak dikenal untuk U1",), row=3, column='D "U1 (Persyaratan)"'),
        )
    )
    add(
        Case(
            "csv-kutip-tidak-ditutup",
            "kutip_terbuka.csv",
            lambda: (good + '2024-07-09,"Akta,Perempuan,3,3,3,3,3,3,3,3,3,\r\n').encode(),
            Refused(("Struktur CSV rusak", "tidak ditutup sampai akhir file")),
        )
    )
    add(
        Case(
            "csv-kutip-salah-tempat",
            "kutip_salah.csv",
            lambda: (good + '2024-07-09,"Akta"x,Perempuan,3,3,3,3,3,3,3,3,3,\r\n').encode(),
            Refused(("Struktur CSV rusak", "tanda kutip tidak pada tempatnya")),
        )
    )
    add(
        Case(
            "csv-isian-10mb",
            "isian_panjang.csv",
            lambda: _long_field(False, False),
            Refused(("lebih panjang dari 131.072 karakter",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-isian-10mb-berkutip",
            "isian_kutip.csv",
            lambda: _long_field(True, True),
            Refused(("lebih panjang dari 131.072 karakter",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-isian-10mb-kutip-terbuka",
            "isian_terbuka.csv",
            lambda: _long_field(True, False),
            Refused(("lebih panjang dari 131.072 karakter",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-20000-kolom",
            "kolom_banyak.csv",
            lambda: (",".join(HEADER) + "\r\n" + ",".join(["3"] * 20000) + "\r\n").encode(),
            Refused(("20.000 kolom; batasnya 16.384",), row=2),
        )
    )
    add(
        Case(
            "csv-lebih-dari-sejuta-sel",
            "sel_banyak.csv",
            _too_many_cells,
            Refused(("lebih dari 1.000.000 sel",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-lebih-dari-32mb",
            "raksasa.csv",
            lambda: b"a,b\r\n" * (7 * MB),
            Refused(("File terlalu besar", "batas 32 MB")),
            tags=("besar",),
        )
    )
    # --- encodings that cannot be read exactly
    add(
        Case(
            "csv-utf8-tidak-sah",
            "utf8_rusak.csv",
            lambda: good.encode("cp1252") + b"Akta \x81\x8d\r\n",
            Refused(("Encoding teks tidak dikenali",)),
        )
    )
    add(
        Case(
            "csv-campuran-utf8-cp1252",
            "campuran.csv",
            lambda: good.encode("utf-8") + "2024-07-09,Akta Café,,3,3,3,3,3,3,3,3,3,é\r\n".encode("cp1252"),
            Refused(("mencampur dua encoding",)),
        )
    )
    add(
        Case(
            "csv-30mb-campuran-byte-tinggi",
            "byte_tinggi.csv",
            lambda: b"\xc3\xa9\x81" * (10 * MB),
            Refused(("mencampur dua encoding",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-dua-juta-baris-kosong",
            "baris_kosong_banyak.csv",
            lambda: csv_text(rows_of(PEOPLE)).encode() + b"\n" * 2_000_000 + b"akhir\n",
            Refused(("lebih dari 1.000.000 sel",)),
            tags=("besar",),
        )
    )
    add(
        Case(
            "csv-bom-utf8-isi-cp1252",
            "bom_cp1252.csv",
            lambda: b"\xef\xbb\xbf" + good.encode("cp1252"),
            Refused(("bertanda UTF-8 (BOM)",)),
        )
    )
    add(
        Case(
            "csv-utf16-panjang-ganjil",
            "utf16_ganjil.csv",
            lambda: good.encode("utf-16") + b"\x00",
            Refused(("bertanda UTF-16 tetapi isinya tidak dapat dibaca",)),
        )
    )
    add(
        Case(
            "csv-utf16-surrogate-tunggal",
            "utf16_surrogate.csv",
            lambda: good.encode("utf-16") + b"\x00\xd8A\x00",
            Refused(("bertanda UTF-16 tetapi isinya tidak dapat dibaca",)),
        )
    )
    add(
        Case(
            "csv-utf32-rusak",
            "utf32_rusak.csv",
            lambda: good.encode("utf-32") + b"\xff\xff\xff\xff",
            Refused(("bertanda UTF-32",)),
        )
    )
    add(
        Case(
            "csv-latin1-kendali-c1",
            "latin1_c1.csv",
            lambda: good.encode("latin-1", "replace") + "Akta\x81\x8f\x90\x9d".encode("latin-1"),
            Refused(("Encoding teks tidak dikenali",)),
        )
    )
    add(
        Case(
            "csv-nul-di-tengah",
            "nul_tengah.csv",
            lambda: (good * 200).encode() + b"\x00" + good.encode(),
            Refused(("karakter biner (NUL)",)),
        )
    )
    add(Case("csv-nul-di-awal", "nul_awal.csv", lambda: b"Cap\x00waktu," + good.encode(), Refused(("bukan teks",))))
    add(
        Case(
            "csv-karakter-kendali",
            "kendali.csv",
            lambda: bytes(range(1, 9)) * 200 + good.encode(),
            Refused(("karakter kendali",)),
        )
    )
    return c


def _png() -> bytes:
    raw = b"\x00" + b"\xff\x00\x00" * 4
    ihdr = struct.pack(">2I5B", 4, 1, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _gzip() -> bytes:
    import gzip

    return gzip.compress(csv_text(rows_of(PEOPLE)).encode(), mtime=0)


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + struct.pack("<HHI", 2, 62, 1) + _random(5, 400)


def _binary_cases() -> list[Case]:
    bins: dict[str, Callable[[], bytes]] = {
        "png": _png,
        "pdf": lambda: (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        ),
        "gzip": _gzip,
        "zip": lambda: zip_parts({"data.csv": csv_text(rows_of(PEOPLE)).encode()}),
        "elf": _elf,
        "jpeg": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + _random(6, 300),
        "gif": lambda: b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + _random(7, 40),
        "bmp": lambda: b"BM" + struct.pack("<IHHI", 70, 0, 0, 54) + _random(8, 60),
        "sqlite": lambda: b"SQLite format 3\x00" + _random(9, 500),
        "7z": lambda: b"7z\xbc\xaf\x27\x1c\x00\x04" + _random(10, 100),
        "rar": lambda: b"Rar!\x1a\x07\x01\x00" + _random(11, 100),
        "xz": lambda: b"\xfd7zXZ\x00" + _random(12, 100),
        "zstd": lambda: b"\x28\xb5\x2f\xfd" + _random(13, 100),
        "exe": lambda: b"MZ\x90\x00\x03\x00\x00\x00" + _random(14, 200),
        "ole-xls": lambda: cfb({"Workbook": _random(15, 5000)}),
        "ole-terenkripsi": _encrypted_office,
    }
    out = [
        Case(
            f"biner-{kind}-bernama-csv",
            f"data_{kind}.csv",
            build,
            Refused(("isinya file Excel/ZIP",))
            if kind == "zip"
            else Refused(("Nama file berakhiran .csv tetapi isinya bukan teks",)),
        )
        for kind, build in bins.items()
    ]
    for seed in range(6):
        out.append(
            Case(
                f"biner-acak-{seed}",
                f"acak_{seed}.csv",
                lambda s=seed: _random(100 + s, 3000 + 997 * s),
                Refused((NOT_TEXT,)),
            )
        )
    high = bytes(range(0x80, 0x100))
    for seed in range(3):
        out.append(
            Case(
                f"biner-acak-tanpa-nul-{seed}",
                f"acak_tinggi_{seed}.csv",
                lambda s=seed: _random(200 + s, 5000, high + b"\x01\x02\x03\x04\x05\x06"),
                Refused((NOT_TEXT,)),
            )
        )
    return out


# ----------------------------------------------------------------------------- builders: XLSX


def to_xlsx(sheets: dict[str, Sequence[Sequence[object]]], *, hidden: Sequence[str] = ()) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, cells in sheets.items():
        ws = wb.add_worksheet(name)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                if value is not None and value != "":
                    ws.write(i, j, value)
        if name in hidden:
            ws.hide()
    wb.close()
    return buf.getvalue()


def zip_parts(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return buf.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx_parts(
    sheet_xml: str | bytes,
    strings: Sequence[str] = (),
    *,
    styles: str | None = None,
    sst_xml: str | bytes | None = None,
) -> dict[str, bytes | str]:
    """The parts of a minimal workbook with one sheet "Data", written by hand."""
    rels = [
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>',
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>',
    ]
    if styles:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>')
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        + "".join(rels)
        + "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": sst_xml
        if sst_xml is not None
        else f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        + "</sst>",
    }
    if styles:
        parts["xl/styles.xml"] = styles
    return parts


def sheet(
    rows_xml: str, *, before: str = "", after: str = "", prolog: str = '<?xml version="1.0" encoding="UTF-8"?>'
) -> str:
    return f'{prolog}<worksheet xmlns="{MAIN}">{before}<sheetData>{rows_xml}</sheetData>{after}</worksheet>'


def people_sheet(
    people: Sequence[Respondent] = PEOPLE, *, refs: bool = True, inline: bool = False
) -> tuple[str, list[str]]:
    """Sheet XML (shared strings or inline strings) of the survey rows, and its strings."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def cell(r: int, c: int, value: object) -> str:
        ref = f' r="{chr(65 + c) if c < 26 else "A" + chr(65 + c - 26)}{r}"' if refs else ""
        if isinstance(value, int):
            return f"<c{ref}><v>{value}</v></c>"
        text = str(value)
        if not text:
            return ""
        if inline:
            return f'<c{ref} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c{ref} t="s"><v>{index[text]}</v></c>'

    rows = []
    for i, row in enumerate(rows_of(people), start=1):
        cells = "".join(cell(i, j, v) for j, v in enumerate(row))
        rows.append(f'<row r="{i}">{cells}</row>' if refs else f"<row>{cells}</row>")
    return sheet("".join(rows)), strings


def hand_xlsx(sheet_xml: str | bytes, strings: Sequence[str] = (), **kw: object) -> bytes:
    return zip_parts(xlsx_parts(sheet_xml, strings, **kw))  # type: ignore[arg-type]


def cell_sheet(cell_xml: str, **kw: object) -> bytes:
    """A good survey sheet whose U1 cell on row 3 (D3) is replaced by `cell_xml`."""
    xml, strings = people_sheet()
    start = xml.index('<c r="D3">')
    end = xml.index("</c>", start) + 4
    return hand_xlsx(xml[:start] + cell_xml + xml[end:], strings, **kw)


DATE_STYLES = (
    f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


# --- raw ZIP writing, for archives zipfile refuses to write


@dataclass
class RawEntry:
    name: str | bytes
    payload: bytes  # as stored (already compressed when method is 8)
    crc: int
    size: int  # declared uncompressed size
    method: int = 8
    flags: int = 0


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def raw_entry(name: str, data: bytes | str, **kw: int) -> RawEntry:
    body = data.encode() if isinstance(data, str) else data
    entry = RawEntry(name, deflate(body), zlib.crc32(body), len(body))
    for k, v in kw.items():
        setattr(entry, k, v)
    return entry


def raw_zip(entries: Sequence[RawEntry], *, count: int | None = None, zip64_count: int | None = None) -> bytes:
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode() if isinstance(e.name, str) else e.name
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, e.flags, e.method, 0, 0x21, e.crc, len(e.payload), e.size, len(name), 0
        )
        out += name + e.payload
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            e.flags,
            e.method,
            0,
            0x21,
            e.crc,
            len(e.payload),
            e.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    cd_offset = len(out)
    out += central
    n = len(entries) if count is None else count
    if zip64_count is not None:
        z64 = len(out)
        out += struct.pack(
            "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, zip64_count, zip64_count, len(central), cd_offset
        )
        out += struct.pack("<4sLQL", b"PK\x06\x07", 0, z64, 1)
        n = 0xFFFF
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, min(n, 0xFFFF), min(n, 0xFFFF), len(central), cd_offset, 0)
    return bytes(out)


def raw_xlsx(sheet_entry: RawEntry, strings: Sequence[str] = ()) -> bytes:
    parts = xlsx_parts("", strings)
    entries = [raw_entry(name, body) for name, body in parts.items() if name != "xl/worksheets/sheet1.xml"]
    return raw_zip([*entries, sheet_entry])


BOMB_MB = 1100  # 1.07 GiB of spaces in one sheet


@functools.cache
def zip_bomb(lie: str = "") -> bytes:
    """A real XLSX whose sheet inflates to 1.1 GiB; about 1.1 MB on disk. Built from one
    compressed megabyte repeated (full flushes make the pieces identical), so neither this
    builder nor anything else ever holds the inflated sheet. `lie`: "size" declares 5 MB
    (with the true CRC), "prefix" declares 5 MB with the CRC of those 5 MB."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
    tail = b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
    spaces = b" " * MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "zlib pieces differ after a full flush"
    last = c.compress(tail) + c.flush()
    stream = first + block * BOMB_MB + last
    crc = zlib.crc32(head)
    for _ in range(BOMB_MB):
        crc = zlib.crc32(spaces, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + BOMB_MB * MB + len(tail)
    if lie == "size":
        size = 5 * MB
    elif lie == "prefix":
        size = 5 * MB
        crc = zlib.crc32((head + spaces * 5)[: 5 * MB])
    return raw_xlsx(RawEntry("xl/worksheets/sheet1.xml", stream, crc, size))


def _ratio_bomb() -> bytes:
    body = b" " * (50 * MB)
    return raw_xlsx(RawEntry("xl/worksheets/sheet1.xml", deflate(body), zlib.crc32(body), len(body)))


def _many_small_bombs() -> bytes:
    zeros = b"0" * MB  # exactly the ratio floor: not refused one by one, only by the total
    packed, crc = deflate(zeros), zlib.crc32(zeros)
    parts = xlsx_parts(*people_sheet())
    entries = [raw_entry(name, body) for name, body in parts.items()]
    entries += [RawEntry(f"xl/media/pad{i}.bin", packed, crc, MB) for i in range(210)]
    return raw_zip(entries)


def _many_entries(n: int) -> bytes:
    parts = xlsx_parts(*people_sheet())
    entries = [raw_entry(name, body) for name, body in parts.items()]
    entries += [RawEntry(f"xl/x/{i}.xml", b"\x03\x00", 0, 0) for i in range(n)]
    return raw_zip(entries)


def _with_flags(name: str, **kw: int) -> bytes:
    parts = xlsx_parts(*people_sheet())
    return raw_zip([raw_entry(n, body, **(kw if n == name else {})) for n, body in parts.items()])


def _duplicate_sheet(name: str = "xl/worksheets/sheet1.xml") -> bytes:
    xml, strings = people_sheet()
    parts = xlsx_parts(xml, strings)
    entries = [raw_entry(n, body) for n, body in parts.items()]
    entries.append(raw_entry(name, sheet('<row r="1"><c r="A1"><v>1</v></c></row>')))
    return raw_zip(entries)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def _laughs_in(part: str, utf16: bool = False, pad: int = 0) -> bytes:
    xml, strings = people_sheet()
    parts = xlsx_parts(xml, strings)
    body = parts[part]
    text = body.decode() if isinstance(body, bytes) else body
    root = text.index("?>") + 2
    doc = LAUGHS + " " * pad + text[root:].replace("<sheetData>", "<sheetData><!-- &lol9; -->", 1)
    parts[part] = doc.encode("utf-16") if utf16 else doc
    return zip_parts(parts)


def _xxe() -> bytes:
    xml, strings = people_sheet()
    doc = '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + xml.split("?>", 1)[1]
    return hand_xlsx(doc.replace("Akta Kelahiran", "&x;"), strings)


def _comment_then_doctype() -> bytes:
    xml, strings = people_sheet()
    return hand_xlsx('<?xml version="1.0"?><!--' + "x" * 30000 + "-->" + LAUGHS[21:] + xml.split("?>", 1)[1], strings)


def _long_prolog() -> bytes:
    xml, strings = people_sheet()
    return hand_xlsx('<?xml version="1.0"?>' + " " * (70 * 1024) + LAUGHS[21:] + xml.split("?>", 1)[1], strings)


def _tall_xlsx() -> bytes:
    return to_xlsx({"Data": rows_of(_tall_people(TALL))})


def _wide_xlsx() -> bytes:
    extra = [f"Kolom {j}" for j in range(16384 - len(HEADER))]
    return to_xlsx({"Data": [[*HEADER, *extra]] + [[*r, *["x"] * len(extra)] for r in rows_of(PEOPLE)[1:]]})


def _formula_xlsx(cached: bool) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Data")
    for i, row in enumerate(rows_of(PEOPLE)):
        for j, value in enumerate(row):
            if isinstance(value, int) and j == 3:
                ws.write_formula(i, j, f"={value}*1", None, value if cached else 0)
            elif value != "":
                ws.write(i, j, value)
    wb.close()
    return buf.getvalue()


def _formula_without_value() -> bytes:
    return cell_sheet('<c r="D3"><f>1+1</f></c>')


def _rich_text_strings() -> bytes:
    xml, strings = people_sheet()
    runs = [
        f'<si><r><t>{escape(s[:3])}</t></r><r><rPr><b/></rPr><t xml:space="preserve">{escape(s[3:])}</t></r></si>'
        for s in strings
    ]
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">' + "".join(runs) + "</sst>"
    return hand_xlsx(xml, sst_xml=sst)


def _prefixed() -> bytes:
    xml, strings = people_sheet()
    body = xml.split("?>", 1)[1]
    for tag in ("worksheet", "sheetData", "row", "c", "v"):
        body = body.replace(f"<{tag}", f"<x:{tag}").replace(f"</{tag}>", f"</x:{tag}>")
    body = body.replace(f'<x:worksheet xmlns="{MAIN}"', f'<x:worksheet xmlns:x="{MAIN}"')
    return hand_xlsx('<?xml version="1.0"?>' + body, strings)


def _negative_sizes(dimension: str = "A1:K6") -> bytes:
    """Negative and reversed sizes calamine ignores; a negative reference it refuses."""
    xml, strings = people_sheet()
    before = (
        f'<dimension ref="{dimension}"/><sheetFormatPr defaultRowHeight="-15"/>'
        '<cols><col min="-1" max="-5" width="-3"/></cols>'
    )
    after = '<mergeCells count="-1"><mergeCell ref="B2:A1"/></mergeCells>'
    body = xml.replace("<sheetData>", before + "<sheetData>").replace("</sheetData>", "</sheetData>" + after)
    return hand_xlsx(body.replace('<row r="2">', '<row r="2" spans="5:-1" ht="-4">'), strings)


def _ods(content_rows: Sequence[Sequence[object]], raw_rows: str = "") -> bytes:
    """A minimal OpenDocument spreadsheet; `raw_rows` replaces the rows with table XML."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(v: object) -> str:
        if isinstance(v, int):
            number = f'office:value-type="float" office:value="{v}"'
            return f"<table:table-cell {number}><text:p>{v}</text:p></table:table-cell>"
        if v == "":
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    rows = raw_rows or "".join(
        "<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in content_rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Data">{rows}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --- CFB (OLE2) containers: old .xls, and what Excel writes for a password-protected .xlsx


def cfb(streams: dict[str, bytes]) -> bytes:
    """A small valid Compound File (version 3, 512-byte sectors), every stream >= 4096 bytes
    so no mini stream is needed."""
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    sector = 512
    bodies = [data + b"\x00" * (-len(data) % sector) for data in streams.values()]
    assert all(len(d) >= 4096 for d in streams.values())
    fat = [fatsect, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for body in bodies:
        n = len(body) // sector
        first = len(fat)
        starts.append(first)
        fat += [first + k + 1 for k in range(n - 1)] + [end]
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB3L", len(raw), kind, 1, nostream, right, child)
            + b"\x00" * 16
            + struct.pack("<L", 0)
            + b"\x00" * 16
            + struct.pack("<LQ", start, size)
        )

    names = list(streams)
    dir_entries = [entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)]
    for i, name in enumerate(names):
        dir_entries.append(
            entry(name, 2, nostream, i + 2 if i + 1 < len(names) else nostream, starts[i], len(streams[name]))
        )
    directory = b"".join(dir_entries)
    directory += (b"\x00" * 64 + struct.pack("<HBB3L", 0, 0, 0, nostream, nostream, nostream) + b"\x00" * 52) * (
        -len(dir_entries) % 4
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<LLLLLLLLL", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<L", 0)
        + struct.pack("<L", free) * 108
    )
    assert len(header) == 512
    return header + struct.pack("<128L", *fat) + directory[:512].ljust(512, b"\x00") + b"".join(bodies)


def _encrypted_office() -> bytes:
    info = (
        b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 8000) + _random(16, 8000)
    return cfb({"EncryptionInfo": info.ljust(4096, b"\x00"), "EncryptedPackage": package})


GOOD_XLSX = functools.cache(lambda: to_xlsx({"Data": rows_of(PEOPLE)}))


def _truncations() -> list[Case]:
    size = len(GOOD_XLSX())
    cuts = sorted(
        {1, 2, 3, 4, 10, 30, 64, 100, 200, 500, 1000}
        | {size * k // 40 for k in range(1, 40)}
        | {size - k for k in (1, 2, 5, 10, 21, 22, 23, 50, 100)}
    )
    return [
        Case(
            f"xlsx-terpotong-{cut:05d}",
            "terpotong.xlsx",
            lambda n=cut: GOOD_XLSX()[:n],
            Refused((BROKEN,) if cut >= 4 else ("berakhiran .xlsx tetapi isinya bukan file Excel",)),
        )
        for cut in cuts
        if 0 < cut < size
    ]


def _flips() -> list[Case]:
    out = []
    for k, frac in enumerate((0.05, 0.15, 0.3, 0.45, 0.6, 0.75)):

        def build(frac: float = frac) -> bytes:
            data = bytearray(GOOD_XLSX())
            at = int(len(data) * frac)
            data[at] ^= 0xFF
            return bytes(data)

        out.append(
            Case(
                f"xlsx-byte-dibalik-{k}",
                f"byte_balik_{k}.xlsx",
                build,
                Refused(((BROKEN, "File Excel rusak", UNSAFE, "Semua lembar"),)),
            )
        )
    out.append(
        Case(
            "xlsx-tengah-dihapus",
            "tengah_hilang.xlsx",
            lambda: GOOD_XLSX()[:1500] + GOOD_XLSX()[3000:],
            Refused((BROKEN,)),
        )
    )
    return out


def _xlsx_cases() -> list[Case]:
    c: list[Case] = []
    add = c.append
    xml, strings = people_sheet()
    # --- files that must read exactly
    add(Case("xlsx-baik", "baik.xlsx", GOOD_XLSX, reads_people()))
    add(Case("xlsx-tulis-tangan", "tangan.xlsx", lambda: hand_xlsx(xml, strings), reads_people()))
    add(Case("xlsx-teks-inline", "inline.xlsx", lambda: hand_xlsx(people_sheet(inline=True)[0]), reads_people()))
    add(
        Case("xlsx-sel-tanpa-alamat", "tanpa_alamat.xlsx", lambda: hand_xlsx(*people_sheet(refs=False)), reads_people())
    )
    add(Case("xlsx-teks-kaya", "teks_kaya.xlsx", _rich_text_strings, reads_people()))
    add(Case("xlsx-awalan-namespace", "awalan.xlsx", _prefixed, reads_people()))
    add(Case("xlsx-ukuran-negatif", "ukuran_negatif.xlsx", _negative_sizes, reads_people()))
    add(
        Case(
            "xlsx-dimensi-negatif",
            "dimensi_negatif.xlsx",
            lambda: _negative_sizes("A1:A-5"),
            Refused(("File Excel rusak atau tidak dapat dibaca",)),
        )
    )
    add(Case("xlsx-rumus-dengan-nilai", "rumus.xlsx", lambda: _formula_xlsx(True), reads_people()))
    add(
        Case(
            "xlsx-lembar-tersembunyi",
            "tersembunyi.xlsx",
            lambda: to_xlsx({"Rahasia": [["U1"], [4]], "Data": rows_of(PEOPLE)}, hidden=("Rahasia",)),
            reads_people(),
        )
    )
    add(
        Case(
            "xlsx-50-lembar",
            "lima_puluh.xlsx",
            lambda: to_xlsx({**{f"Kosong {i}": [] for i in range(49)}, "Data": rows_of(PEOPLE)}),
            reads_people(),
        )
    )
    add(Case("xlsx-tinggi-20000-baris", "tinggi.xlsx", _tall_xlsx, reads_people(_tall_people(TALL)), tags=("besar",)))
    add(Case("xlsx-lebar-16384-kolom", "lebar.xlsx", _wide_xlsx, reads_people(), tags=("besar", "untraced")))
    add(
        Case(
            "xlsx-teks-2mb",
            "teks_besar.xlsx",
            lambda: to_xlsx(
                {"Data": [[*r[:-1], "panjang " * 250_000 if i == 1 else r[-1]] for i, r in enumerate(rows_of(PEOPLE))]}
            ),
            reads_people(saran=False),
        )
    )
    add(Case("ods-baik", "baik.ods", lambda: _ods(rows_of(PEOPLE)), reads_people()))
    # --- wrong containers
    add(
        Case(
            "xls-ole-bernama-xlsx",
            "lama.xlsx",
            lambda: cfb({"Workbook": _random(15, 5000)}),
            Refused(("isinya Excel lama (.xls)",)),
        )
    )
    add(
        Case("xlsx-terenkripsi-ole", "terkunci.xlsx", _encrypted_office, Refused(("dikunci kata sandi (terenkripsi)",)))
    )
    add(
        Case(
            "xlsx-terenkripsi-bernama-xls",
            "terkunci.xls",
            _encrypted_office,
            Refused((("File Excel rusak", "dikunci kata sandi"),)),
        )
    )
    add(
        Case(
            "xls-ole-sampah",
            "sampah.xls",
            lambda: cfb({"Workbook": _random(17, 6000)}),
            Refused(("File Excel rusak atau tidak dapat dibaca",)),
        )
    )
    add(
        Case(
            "xls-bukan-ole",
            "palsu.xls",
            # An HTML table named .xls is read as one now (PHP SKM exports); this one is a header only.
            lambda: b"<html><table><tr><td>U1</td></tr></table></html>",
            Refused((("bukan file Excel 97-2003", "File hanya berisi judul kolom"),)),
        )
    )
    add(
        Case(
            "xlsx-isinya-teks",
            "teks.xlsx",
            lambda: csv_text(rows_of(PEOPLE)).encode(),
            Refused(("berakhiran .xlsx tetapi isinya bukan file Excel",)),
        )
    )
    add(
        Case(
            "xlsx-docx",
            "surat.xlsx",
            lambda: zip_parts({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
            Refused(("bukan buku kerja Excel",)),
        )
    )
    add(
        Case(
            "xlsx-zip-kosong",
            "kosong.xlsx",
            lambda: b"PK\x05\x06" + b"\x00" * 18,
            Refused(("berakhiran .xlsx tetapi isinya bukan file Excel",)),
        )
    )
    add(
        Case(
            "xlsx-zip-hanya-folder",
            "folder.xlsx",
            lambda: zip_parts({"xl/": b""}),
            Refused(("bukan buku kerja Excel",)),
        )
    )
    add(
        Case(
            "ods-tanpa-content",
            "tanpa_isi.ods",
            lambda: zip_parts({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
            Refused(("bukan buku kerja",)),
        )
    )
    add(Case("ods-terpotong", "terpotong.ods", lambda: _ods(rows_of(PEOPLE))[:-40], Refused((BROKEN,))))
    add(
        Case(
            "ods-billion-laughs",
            "tawa.ods",
            lambda: zip_parts(
                {
                    "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": LAUGHS + "<office:document-content/>",
                }
            ),
            Refused(("DTD/ENTITY",)),
        )
    )
    add(
        Case(
            "ods-zip-bomb",
            "bom.ods",
            lambda: raw_zip(
                [
                    raw_entry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                    RawEntry("content.xml", deflate(b" " * (40 * MB)), 0, 40 * MB),
                ]
            ),
            Refused(("zip bomb",)),
        )
    )
    repeat = '<table:table-row table:number-rows-repeated="{rows}"><table:table-cell {cols} {value}/></table:table-row>'
    value = 'office:value-type="float" office:value="3"'
    add(
        Case(
            "ods-sel-berulang-3-juta",
            "berulang.ods",
            lambda: _ods((), repeat.format(rows=3000, cols='table:number-columns-repeated="1000"', value=value)),
            Refused(("File Excel terlalu besar", "1.000.000 sel")),
        )
    )
    add(
        Case(
            "ods-baris-berulang-100-juta",
            "baris_berulang.ods",
            lambda: _ods((), repeat.format(rows=100_000_000, cols="", value=value)),
            Refused(("File Excel terlalu besar", "A1:A1048576")),  # calamine stops at Excel's last row
            tags=("besar",),
        )
    )
    # --- archive structure
    add(
        Case(
            "xlsx-zip-bomb-1gb", "bom.xlsx", zip_bomb, Refused(("lebih dari 200 MB", "zip bomb")), tags=("besar", "bom")
        )
    )
    add(
        Case(
            "xlsx-zip-bomb-ukuran-bohong",
            "bom_bohong.xlsx",
            lambda: zip_bomb("size"),
            Refused((BROKEN,)),
            tags=("besar", "bom"),
        )
    )
    add(
        Case(
            "xlsx-zip-bomb-crc-awal",
            "bom_awal.xlsx",
            lambda: zip_bomb("prefix"),
            Refused((("tidak utuh", BROKEN),)),
            tags=("besar", "bom"),
        )
    )
    add(Case("xlsx-rasio-1000x", "rasio.xlsx", _ratio_bomb, Refused(("kali lipat", "zip bomb"))))
    add(Case("xlsx-total-210mb", "total.xlsx", _many_small_bombs, Refused(("lebih dari 200 MB",))))
    add(Case("xlsx-1001-bagian", "bagian_banyak.xlsx", lambda: _many_entries(1001), Refused(("bagian (batas 1.000)",))))
    add(Case("xlsx-990-bagian", "bagian_990.xlsx", lambda: _many_entries(990), reads_people()))
    add(
        Case(
            "xlsx-eocd-bohong-65535",
            "eocd.xlsx",
            lambda: raw_zip([raw_entry(n, b) for n, b in xlsx_parts(*people_sheet()).items()], count=65535),
            Refused(("65.535 bagian",)),
        )
    )
    add(
        Case(
            "xlsx-zip64-triliun-bagian",
            "zip64.xlsx",
            lambda: raw_zip([raw_entry(n, b) for n, b in xlsx_parts(*people_sheet()).items()], zip64_count=10**12),
            Refused(("bagian (batas 1.000)",)),
        )
    )
    add(
        Case(
            "xlsx-bagian-terenkripsi",
            "bagian_kunci.xlsx",
            lambda: _with_flags("xl/worksheets/sheet1.xml", flags=1),
            Refused(("terenkripsi",)),
        )
    )
    add(
        Case(
            "xlsx-kompresi-bzip2",
            "bzip2.xlsx",
            lambda: _with_flags("xl/worksheets/sheet1.xml", method=12),
            Refused(("metode kompresi",)),
        )
    )
    add(
        Case(
            "xlsx-kompresi-aes",
            "aes.xlsx",
            lambda: _with_flags("xl/sharedStrings.xml", method=99),
            Refused(("metode kompresi",)),
        )
    )
    add(
        Case(
            "xlsx-nama-ganda",
            "ganda.xlsx",
            _duplicate_sheet,
            Refused(("dua bagian bernama 'xl/worksheets/sheet1.xml'",)),
        )
    )
    add(
        Case(
            "xlsx-nama-ganda-garis-miring-terbalik",
            "ganda_miring.xlsx",
            lambda: _duplicate_sheet("XL\\Worksheets\\Sheet1.xml"),
            Refused(("dua bagian bernama",)),
        )
    )
    add(
        Case(
            "xlsx-tanpa-workbook",
            "tanpa_workbook.xlsx",
            lambda: zip_parts({k: v for k, v in xlsx_parts(xml, strings).items() if k != "xl/workbook.xml"}),
            Refused(("bukan buku kerja Excel",)),
        )
    )
    add(
        Case(
            "xlsx-crc-salah",
            "crc.xlsx",
            lambda: raw_xlsx(raw_entry("xl/worksheets/sheet1.xml", xml, crc=1234), strings),
            Refused((BROKEN,)),
        )
    )
    add(
        Case(
            "xlsx-nama-bagian-utf8-rusak",
            "nama_rusak.xlsx",
            lambda: raw_zip(
                [
                    *(raw_entry(n, b) for n, b in xlsx_parts(xml, strings).items()),
                    RawEntry(b"xl/\xff\xfe.xml", b"\x03\x00", 0, 0, flags=0x800),
                ]
            ),
            Refused((BROKEN,)),
        )
    )
    # --- DTD and entities (billion laughs, external entities)
    for part in (
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "[Content_Types].xml",
        "_rels/.rels",
    ):
        add(
            Case(
                f"xlsx-billion-laughs-{part.replace('/', '_').strip('[]_')}",
                "tawa.xlsx",
                lambda p=part: _laughs_in(p),
                Refused(("DTD/ENTITY",)),
            )
        )
    add(
        Case(
            "xlsx-billion-laughs-utf16",
            "tawa16.xlsx",
            lambda: _laughs_in("xl/worksheets/sheet1.xml", utf16=True),
            Refused(("DTD/ENTITY",)),
        )
    )
    add(Case("xlsx-entitas-eksternal", "xxe.xlsx", _xxe, Refused(("DTD/ENTITY",))))
    add(Case("xlsx-doctype-setelah-komentar", "komentar.xlsx", _comment_then_doctype, Refused(("DTD/ENTITY",))))
    add(Case("xlsx-prolog-70kb", "prolog.xlsx", _long_prolog, Refused(("64 KB pertama",))))
    add(
        Case(
            "xlsx-entitas-di-tengah",
            "entitas_tengah.xlsx",
            lambda: hand_xlsx(xml.replace("<sheetData>", '<sheetData><!ENTITY a "b">'), strings),
            Refused(("DTD/ENTITY",)),
        )
    )
    # --- sheet XML that calamine misreads, refuses, or panics on
    at_d3 = {"row": 3, "column": "D"}
    bad_cells: dict[str, tuple[str, str | None, dict[str, object]]] = {
        "sst-99": ('<c r="D3" t="s"><v>99</v></c>', "sel D3 merujuk teks bersama nomor '99'", at_d3),
        "sst-negatif": ('<c r="D3" t="s"><v>-1</v></c>', "teks bersama nomor '-1'", at_d3),
        "sst-raksasa": ('<c r="D3" t="s"><v>99999999999999999999</v></c>', "teks bersama nomor", at_d3),
        "sst-bukan-angka": ('<c r="D3" t="s"><v> 1x</v></c>', "teks bersama nomor '1x'", at_d3),
        "alamat-A0": ('<c r="A0"><v>3</v></c>', "alamat sel 'A0' di luar batas Excel", {"row": None}),
        "alamat-XFE3": ('<c r="XFE3"><v>3</v></c>', "alamat sel 'XFE3' di luar batas Excel", {"row": None}),
        "alamat-ZZZZZZZ3": ('<c r="ZZZZZZZ3"><v>3</v></c>', "di luar batas Excel", {"row": None}),
        "alamat-huruf-kecil": ('<c r="d3"><v>3</v></c>', "alamat sel 'd3'", {"row": None}),
        "alamat-negatif": ('<c r="D-3"><v>3</v></c>', "alamat sel 'D-3'", {"row": None}),
        "alamat-baris-raksasa": ('<c r="D99999999999"><v>3</v></c>', "di luar batas Excel", {"row": None}),
        # expat decodes the reference to D3; calamine does not decode attributes and refuses it
        "alamat-entitas": ('<c r="&#68;3"><v>3</v></c>', "File Excel rusak atau tidak dapat dibaca", {"row": None}),
        "angka-bukan-angka": ('<c r="D3"><v>abc</v></c>', "sel D3 berisi angka yang tidak sah ('abc')", at_d3),
        "angka-inf": ('<c r="D3"><v>inf</v></c>', "angka yang tidak sah ('inf')", at_d3),
        "angka-nan": ('<c r="D3"><v>NaN</v></c>', "angka yang tidak sah", at_d3),
        "angka-1e400": ('<c r="D3"><v>1e400</v></c>', "angka yang tidak sah", at_d3),
        "angka-100rb-digit": (f'<c r="D3"><v>{"3" * 100_000}</v></c>', "angka yang tidak sah", at_d3),
        "angka-sejuta-digit": (f'<c r="D3"><v>{"3" * MB}</v></c>', "kali lipat", {"row": None}),  # 667:1
        "boolean-7": ('<c r="D3" t="b"><v>7</v></c>', "benar/salah yang tidak sah", at_d3),
        "galat-aneh": ('<c r="D3" t="e"><v>#WHAT</v></c>', "kode galat yang tidak dikenal", at_d3),
        # Excel shows "#N/A"; calamine reads a blank ("not answered") unless the child restores it
        "galat-na": ('<c r="D3" t="e"><v>#N/A</v></c>', "jawaban '#N/A' tidak dikenal untuk U1", at_d3),
        "galat-div0": ('<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "jawaban '#DIV/0!' tidak dikenal", at_d3),
        "rumus-tanpa-nilai": ('<c r="D3"><f>1+1</f></c>', "sel D3 berisi rumus tanpa nilai tersimpan", at_d3),
        "karakter-nul": ('<c r="D3"><v>&#0;</v></c>', "tidak utuh", {"row": None}),
        "tag-tidak-ditutup": ('<c r="D3"><v>3</c>', "tidak utuh", {"row": None}),
    }
    for name, (cell_xml, part, where) in bad_cells.items():
        expect: Refused | Reads = reads_people() if part is None else Refused((part,), **where)
        add(Case(f"xlsx-sel-{name}", f"sel_{name}.xlsx", lambda x=cell_xml: cell_sheet(x), expect))
    add(
        Case(
            "xlsx-teks-bersama-32rb-di-400-sel",
            "teks_diulang.xlsx",
            lambda: hand_xlsx(
                sheet("".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 401))),
                ["x" * 32767],
            ),
            Refused(("lebih dari 10.000.000 karakter",)),
        )
    )
    add(
        Case(
            "xlsx-galat-di-kolom-tak-dipakai",
            "galat_lain.xlsx",
            lambda: hand_xlsx(xml.replace('<row r="3">', '<row r="3"><c r="P3" t="e"><v>#REF!</v></c>'), strings),
            reads_people(),
        )
    )
    add(
        Case(
            "xlsx-rumus-cache-nol",
            "rumus_nol.xlsx",
            lambda: _formula_xlsx(False),
            Refused(("nilai 0 di luar skala 1–4",), row=2),
        )
    )
    add(
        Case(
            "xlsx-tanggal-panic",
            "tanggal_panic.xlsx",
            lambda: cell_sheet('<c r="D3" s="1"><v>-1e20</v></c>', styles=DATE_STYLES),
            Refused((UNSAFE, "panic")),
        )
    )
    add(
        Case(
            "xlsx-sudut-XFD1048576",
            "sudut.xlsx",
            lambda: hand_xlsx(
                xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
                strings,
            ),
            Refused(("File Excel terlalu besar", "XFD1048576")),
        )
    )
    add(
        Case(
            "xlsx-baris-nomor-0",
            "baris_0.xlsx",
            lambda: hand_xlsx(xml.replace('<row r="3">', '<row r="0">'), strings),
            Refused(("nomor baris '0'",)),
        )
    )
    add(
        Case(
            "xlsx-baris-20000-sel",
            "baris_panjang.xlsx",
            lambda: hand_xlsx(sheet("<row>" + "<c><v>3</v></c>" * 20000 + "</row>")),
            Refused(("lebih dari 16.384 kolom",)),
        )
    )
    add(
        Case(
            "xlsx-lembar-biner",
            "lembar_biner.xlsx",
            lambda: hand_xlsx(_random(18, 4000), strings),
            Refused(("tidak utuh",)),
        )
    )
    add(
        Case(
            "xlsx-lembar-teks-lalu-xml",
            "lembar_teks.xlsx",
            lambda: hand_xlsx("teks " + xml, strings),
            Refused(("tidak utuh",)),
        )
    )
    add(Case("xlsx-lembar-0-byte", "lembar_kosong.xlsx", lambda: hand_xlsx(b"", strings), Refused(("tidak utuh",))))
    add(
        Case(
            "xlsx-lembar-utf8-rusak",
            "lembar_utf8.xlsx",
            lambda: hand_xlsx(xml.encode().replace(b"<v>3</v>", b"<v>3\xff</v>", 1), strings),
            Refused(("tidak utuh",)),
        )
    )
    add(
        Case(
            "xlsx-sst-rusak",
            "sst_rusak.xlsx",
            lambda: hand_xlsx(xml, sst_xml="<sst><si><t>a</t></si"),
            Refused(("teks bersama (xl/sharedStrings.xml) tidak utuh",)),
        )
    )
    add(
        Case(
            "xlsx-xml-bersarang-dalam",
            "bersarang.xlsx",
            lambda: cell_sheet('<c r="D3"><v>3</v>' + "<x>" * 50000 + "</x>" * 50000 + "</c>"),
            Refused(("File Excel rusak atau tidak dapat dibaca",)),
        )
    )
    add(
        Case(
            "xlsx-sheet-terpotong-di-dalam-zip",
            "xml_terpotong.xlsx",
            lambda: hand_xlsx(xml[: len(xml) // 2], strings),
            Refused(("tidak utuh",)),
        )
    )
    c += _truncations()
    c += _flips()
    return c


def _name_cases() -> list[Case]:
    good = csv_text(rows_of(PEOPLE)).encode()
    return [
        Case("nama-tanpa-ekstensi", "survei", lambda: good, Refused(("Jenis file 'tanpa akhiran' tidak didukung",))),
        Case("nama-ekstensi-ganda-exe", "survei.csv.exe", lambda: good, Refused(("Jenis file 'exe' tidak didukung",))),
        Case(
            "nama-pdf-asli", "laporan.pdf", lambda: b"%PDF-1.4\n%%EOF\n", Refused(("Jenis file 'pdf' tidak didukung",))
        ),
        Case("nama-rtl-override", "data\u202egpj.csv", lambda: good, reads_people()),
        Case(
            "nama-panjang-unicode",
            "Survei Kepuasan Masyarakat — Kelurahan Halim «2024» " + "é" * 150 + ".csv",
            lambda: good,
            reads_people(),
        ),
    ]


def build_cases() -> list[Case]:
    cases = _encoded_cases() + _csv_cases() + _binary_cases() + _xlsx_cases() + _name_cases()
    names = [c.name for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, dupes
    return cases


CASES = build_cases()
