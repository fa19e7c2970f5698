"""Rencana Tindak Lanjut: plan rows, their realisation, and progress as the national evaluation
reads it.

    items = store.rtl_items(unit.id, period)
    p = progress(items, period, today=date(2024, 7, 9))
    p.percent, p.band, p.overdue
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from skm.bands import BANDS, REALISATION_RULES, realisation_score
from skm.formatting import angka
from skm.units import Period
from skm.unsur import CODES, UNSUR

TRIWULAN = ("I", "II", "III", "IV")
STATUS_SUDAH = "sudah"
STATUS_BELUM = "belum"


@dataclass(frozen=True)
class Photo:
    id: int
    file_name: str
    stored_path: str
    caption: str = ""


@dataclass(frozen=True)
class RtlItem:
    """One plan row (program/kegiatan) with its realisation."""

    nomor: int  # the priority it serves: 1, 2, 3 (several programs may share one)
    unsur: str  # U1..U9
    program: str
    triwulan: tuple[str, ...]  # planned quarters of the plan year, e.g. ("II",) or ("II", "III")
    penanggung_jawab: str = ""
    status: str = STATUS_BELUM
    tanggal: date | None = None  # of the realisation
    deskripsi: str = ""
    hambatan: str = ""
    id: int | None = None
    photos: tuple[Photo, ...] = field(default=())

    @property
    def done(self) -> bool:
        return self.status == STATUS_SUDAH


def triwulan_end(tahun: int, tw: str) -> date:
    """Last day of a quarter: TW II 2024 ends on 30 June 2024."""
    month = 3 * (TRIWULAN.index(tw) + 1)
    return date(tahun, month, 31 if month in (3, 12) else 30)


def plan_year(period: Period) -> int:
    """The year an RTL is scheduled in: for a Semester I survey its own year (the seed plans
    TW II-IV 2024 for S1 2024); for Semester II, whose results come at the year's end, the next."""
    return period.tahun if period.semester == 1 else period.tahun + 1


def is_overdue(item: RtlItem, period: Period, today: date) -> bool:
    """Still 'belum' after the last quarter it was planned for has ended."""
    if item.done or not item.triwulan:
        return False
    last = max(item.triwulan, key=TRIWULAN.index)
    return today > triwulan_end(plan_year(period), last)


def realisation_band(planned: int, realised: int) -> int | None:
    """National evaluation score for realisation (PEKPPP indicator 8, bands in skm.bands):
    100% -> 5, > 80% -> 4, 30-80% -> 3, < 30% -> 2, planned but none done -> 1; None when
    nothing is planned."""
    return None if planned <= 0 else realisation_score(planned, realised)


def months_between(start: date, end: date) -> float:
    """Whole and partial months from start to end (negative when end comes first)."""
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 30.0


@dataclass(frozen=True)
class Progress:
    planned: int
    realised: int
    band: int | None
    overdue: tuple[RtlItem, ...]
    # Months from the start of the clock (counted_from) to each realisation (0 when done before it).
    months_to_realise: tuple[float, ...]
    # The SKM report's issue date when it is recorded (PEKPPP indicator 9 counts from it), else
    # the end of the survey period; from_issue says which.
    counted_from: date | None = None
    from_issue: bool = False

    @property
    def percent(self) -> float | None:
        return None if not self.planned else self.realised / self.planned

    @property
    def mean_months(self) -> float | None:
        m = self.months_to_realise
        return None if not m else sum(m) / len(m)


def period_end(period: Period) -> date:
    return date(period.tahun, 6, 30) if period.semester == 1 else date(period.tahun, 12, 31)


def progress(items: list[RtlItem], period: Period, today: date, issued: date | None = None) -> Progress:
    """Realisation of the plan; speed counted from `issued` (the SKM report's issue date, see
    ReportSettings.tanggal_terbit) when known, else from the end of the survey period."""
    done = [i for i in items if i.done]
    start = issued or period_end(period)
    months = tuple(max(0.0, months_between(start, i.tanggal)) for i in done if i.tanggal is not None)
    return Progress(
        planned=len(items),
        realised=len(done),
        band=realisation_band(len(items), len(done)),
        overdue=tuple(i for i in items if is_overdue(i, period, today)),
        months_to_realise=months,
        counted_from=start,
        from_issue=issued is not None,
    )


# ---------------------------------------------------------------- editing helpers (pure; pages call these)

PLAN_FIELDS = ("id", "nomor", "unsur", "program", *(f"tw_{t}" for t in TRIWULAN), "penanggung_jawab")


def unsur_label(code: str) -> str:
    """The label a plan row shows for an unsur.

    >>> unsur_label("U1")
    'U1 Persyaratan'
    """
    return f"{code} {UNSUR[code].name}"


UNSUR_LABELS = tuple(unsur_label(c) for c in CODES)


def unsur_code(text: object) -> str | None:
    """'U1 Persyaratan', 'U1' or 'u1' -> 'U1'; None when it names no unsur.

    >>> unsur_code("U6 Kompetensi Pelaksana"), unsur_code(" u2 "), unsur_code("Persyaratan"), unsur_code(None)
    ('U6', 'U2', None, None)
    """
    if not isinstance(text, str) or not text.strip():
        return None
    head = text.strip().split()[0].upper()
    return head if head in UNSUR else None


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
        or repr(value) in ("<NA>", "NaT")
    )


def _text(value: object) -> str:
    return "" if _blank(value) else " ".join(str(value).split())


def _checked(value: object) -> bool:
    return not _blank(value) and bool(value)


def plan_rows(items: Sequence[RtlItem]) -> list[dict]:
    """The plan as editor rows (PLAN_FIELDS), in plan order."""
    return [
        {
            "id": i.id,
            "nomor": i.nomor,
            "unsur": unsur_label(i.unsur),
            "program": i.program,
            **{f"tw_{t}": t in i.triwulan for t in TRIWULAN},
            "penanggung_jawab": i.penanggung_jawab,
        }
        for i in items
    ]


def prefill_rows(codes: Sequence[str]) -> list[dict]:
    """Empty plan rows for proposed priorities: prioritas number and unsur filled in, the rest blank."""
    return [
        {
            "id": None,
            "nomor": n,
            "unsur": unsur_label(c),
            "program": "",
            **{f"tw_{t}": False for t in TRIWULAN},
            "penanggung_jawab": "",
        }
        for n, c in enumerate(codes, start=1)
    ]


def plan_from_rows(rows: Sequence[Mapping], existing: Sequence[RtlItem] = ()) -> tuple[list[RtlItem], list[str]]:
    """Read edited plan rows (PLAN_FIELDS) into RtlItems, or say what is wrong, row by row.

    A blank No continues the row above (several programs for one priority, as Tabel 2 merges the
    cell), and so does a blank unsur under the same No. Rows left wholly blank are skipped. A row
    with an id keeps its realisation and photos from `existing`. Row numbers in the messages
    count from 1, as the table shows them.
    """
    by_id = {i.id: i for i in existing if i.id is not None}
    items: list[RtlItem] = []
    problems: list[str] = []
    unsur_of_nomor: dict[int, tuple[str, int]] = {}
    prev_nomor: int | None = None
    prev_unsur: str | None = None
    for n, row in enumerate(rows, start=1):
        program = _text(row.get("program"))
        pj = _text(row.get("penanggung_jawab"))
        tws = tuple(t for t in TRIWULAN if _checked(row.get(f"tw_{t}")))
        raw_nomor, raw_unsur, raw_id = row.get("nomor"), row.get("unsur"), row.get("id")
        if not program and not pj and not tws and _blank(raw_nomor) and _blank(raw_unsur) and _blank(raw_id):
            continue
        where = f"Baris {n}"
        row_problems: list[str] = []

        nomor: int | None = None
        if _blank(raw_nomor):
            nomor = prev_nomor
            if nomor is None:
                row_problems.append(f"{where}: kolom No (prioritas) belum diisi.")
        else:
            try:
                value = float(str(raw_nomor).replace(",", "."))
            except ValueError:
                value = -1.0
            if not math.isfinite(value) or value != int(value) or value < 1:
                row_problems.append(f"{where}: No (prioritas) harus bilangan bulat 1, 2, 3, … (tertulis {raw_nomor}).")
            else:
                nomor = int(value)

        code = unsur_code(raw_unsur)
        if code is None:
            if not _blank(raw_unsur):
                row_problems.append(f"{where}: unsur '{_text(raw_unsur)}' tidak dikenal; pilih U1 … U9 dari daftar.")
            elif nomor is not None and nomor == prev_nomor and prev_unsur is not None:
                code = prev_unsur
            else:
                row_problems.append(f"{where}: Prioritas unsur belum dipilih.")
        if nomor is not None and code is not None:
            first = unsur_of_nomor.setdefault(nomor, (code, n))
            if first[0] != code:
                row_problems.append(
                    f"{where}: No {nomor} sudah dipakai untuk {unsur_label(first[0])} (baris {first[1]}); "
                    f"beri nomor lain untuk {unsur_label(code)}."
                )
        if not program:
            row_problems.append(f"{where}: Program / Kegiatan belum diisi.")
        if not tws:
            row_problems.append(f"{where}: centang paling sedikit satu triwulan (TW I–IV).")

        item_id: int | None = None
        if not _blank(raw_id):
            item_id = int(float(str(raw_id)))
            if item_id not in by_id:
                row_problems.append(f"{where}: kegiatan ini sudah tidak ada (diubah di tempat lain); muat ulang.")

        prev_nomor, prev_unsur = nomor, code
        if row_problems:
            problems.extend(row_problems)
            continue
        assert nomor is not None and code is not None
        base = by_id.get(item_id) if item_id is not None else None
        if base is None:
            items.append(RtlItem(nomor=nomor, unsur=code, program=program, triwulan=tws, penanggung_jawab=pj))
        else:
            items.append(replace(base, nomor=nomor, unsur=code, program=program, triwulan=tws, penanggung_jawab=pj))
    return (items if not problems else []), problems


def dropped_with_realisation(rows: Sequence[Mapping], existing: Sequence[RtlItem]) -> list[RtlItem]:
    """Existing items that edited plan rows leave out and that carry a realisation or photos:
    saving the plan would delete those."""
    kept = {int(float(str(r.get("id")))) for r in rows if not _blank(r.get("id"))}
    return [e for e in existing if e.id not in kept and (e.done or e.photos or e.deskripsi or e.hambatan)]


def period_start(period: Period) -> date:
    return date(period.tahun, 1, 1) if period.semester == 1 else date(period.tahun, 7, 1)


def realise(
    item: RtlItem,
    status: str,
    tanggal: date | None,
    deskripsi: str,
    hambatan: str,
    period: Period,
    today: date,
) -> tuple[RtlItem, list[str]]:
    """The item with its realisation filled in, or what is wrong with it. A 'belum' item keeps
    no date (the date is when it was carried out); its deskripsi and hambatan are kept."""
    problems: list[str] = []
    if status not in (STATUS_SUDAH, STATUS_BELUM):
        problems.append("Pilih Sudah atau Belum.")
    if status == STATUS_SUDAH:
        if tanggal is None:
            problems.append("Isi tanggal realisasi untuk kegiatan yang sudah dilaksanakan.")
        elif tanggal > today:
            problems.append("Tanggal realisasi tidak boleh setelah hari ini.")
        elif tanggal < period_start(period):
            problems.append(f"Tanggal realisasi sebelum {period.label} dimulai; periksa tahunnya.")
    if problems:
        return item, problems
    return (
        replace(
            item,
            status=status,
            tanggal=tanggal if status == STATUS_SUDAH else None,
            deskripsi=deskripsi.strip(),
            hambatan=hambatan.strip(),
        ),
        [],
    )


def band_rule(band: int | None) -> str:
    """What a realisation band stands for (PEKPPP indicator 8's words).

    >>> band_rule(4), band_rule(None)
    ('lebih dari 80%', 'belum ada RTL')
    """
    return "belum ada RTL" if band is None else REALISATION_RULES[band]


def band_rules_text(with_none: bool = True) -> str:
    """PEKPPP indicator 8's bands as a short rule, from skm.bands.BANDS.

    >>> band_rules_text()
    '100% → 5; > 80% → 4; 30–80% → 3; < 30% → 2; belum ada yang dilaksanakan → 1'
    >>> band_rules_text(with_none=False)
    '100% → 5; > 80% → 4; 30–80% → 3; < 30% → 2'
    """
    parts, upper = [], 100
    for b in BANDS["8"]:
        if b.limit is None:
            continue
        pct = round(b.limit * 100)
        if b.limit > 0:
            text = f"> {pct}%" if b.strict else f"{pct}%" if pct == 100 else f"{pct}–{upper}%"
        elif b.strict:
            text = f"< {upper}%"
        elif with_none:
            text = "belum ada yang dilaksanakan"
        else:
            continue
        parts.append(f"{text} → {b.score}")
        upper = pct
    return "; ".join(parts)


def speed_text(mean_months: float | None, from_issue: bool = False) -> str:
    """Mean time from the start of the clock to realisation, in words.

    >>> speed_text(0), speed_text(1.5), speed_text(None), speed_text(2, from_issue=True)
    ('sebelum periode berakhir', '1,5 bulan setelah periode berakhir', '–', '2,0 bulan setelah laporan SKM terbit')
    """
    if mean_months is None:
        return "–"
    if mean_months < 0.05:
        return "sebelum laporan SKM terbit" if from_issue else "sebelum periode berakhir"
    return f"{angka(mean_months, 1)} bulan setelah {'laporan SKM terbit' if from_issue else 'periode berakhir'}"
