"""PEKPPP (PermenPANRB 29/2022) indicators 6–9: what the national evaluation of public service
units scores about SKM, per unit and year, each score with its reason and what would raise it.

    result = score_year(store, unit, 2024, today=date.today())
    result.indicators["8"].score, result.indicators["8"].why, result.indicators["8"].raise_by

The bands are the LKE's answer options, kept in BANDS below (change them there). Source: the
LKE PEKPPP forms as public evaluation tools encode them, read in
swamsid/organisasi-portal-biro `database/seeders/MasterF02Seeder.php` (the six answer options
of "SKM yang dilaksanakan sesuai dengan Peraturan Menteri", "Jumlah media publikasi hasil SKM",
"Persentase rencana tindak lanjut hasil SKM yang telah selesai ditindaklanjuti" and "Kecepatan
tindak lanjut hasil SKM seluruh jenis pelayanan") and yusharnadi/layanan-publik
`database/seeders/IndicatorSeeder.php` (indicators 6.a.B–9.a.Ak: the publication media and the
evidence each indicator asks for).

A year covers both its semesters:
- 6 and 7 look at the whole year: the SKM of either semester, and every publication recorded for
  either semester's results (a medium used in Semester I counts for the year).
- 8 and 9 take the better of the two semesters, naming it. The RTL of a Semester II survey runs
  into the next year, so taking the latest semester would mark almost every office down while its
  Semester I plan, already carried out, is the evidence the evaluator reads (both semesters'
  reports go into the evidence pack).
Indicator 9 counts from the SKM report's issue date (ReportSettings.tanggal_terbit). When no issue
date is recorded it counts from the end of the semester and says so in its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from skm.bands import BANDS as BANDS
from skm.bands import NAMES as NAMES
from skm.bands import REALISATION_RULES as REALISATION_RULES
from skm.bands import Band as Band
from skm.bands import band as band
from skm.bands import realisation_score as realisation_score
from skm.bands import score_of as score_of
from skm.errors import SkmError
from skm.formatting import angka, persen, tanggal
from skm.publication import MEDIA as MEDIA
from skm.publication import MEDIA_CHOICES
from skm.publication import Medium as Medium
from skm.publication import Publication as Publication
from skm.rtl import RtlItem, months_between, period_end
from skm.scoring import krejcie_morgan
from skm.units import Period, Unit

if TYPE_CHECKING:
    from skm.storage import Store


def parse_media(text: str) -> str:
    """'media_sosial', 'Media Sosial' or 'media-sosial' -> 'media_sosial'; SkmError naming the choices.

    >>> parse_media("Media Sosial"), parse_media("papan-reklame")
    ('media_sosial', 'papan_reklame')
    """
    code = "_".join(text.strip().casefold().replace("-", " ").split())
    if code not in MEDIA:
        raise SkmError(f"Media '{text}' tidak dikenal. Pilihan: {MEDIA_CHOICES}.")
    return code


def parse_tanggal(text: str) -> date:
    """'2024-07-15' -> date; SkmError saying the format otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SkmError(f"Tanggal '{text}' bukan tanggal yang sah. Tulis YYYY-MM-DD, misalnya 2024-07-15.") from None


# ---------------------------------------------------------------- one semester's facts
@dataclass(frozen=True)
class Semester:
    period: Period
    has_data: bool
    respondents: int | None  # None for an aggregated table
    sample_needed: int | None  # Krejcie–Morgan for the recorded population
    rtl: tuple[RtlItem, ...]
    issued: date | None  # the SKM report's issue date (report settings)

    @property
    def sample_ok(self) -> bool:
        return self.respondents is None or self.sample_needed is None or self.respondents >= self.sample_needed

    @property
    def realised(self) -> int:
        return sum(1 for i in self.rtl if i.done)

    @property
    def clock_start(self) -> date:
        return self.issued or period_end(self.period)


@dataclass(frozen=True)
class IndicatorScore:
    number: str
    score: int
    why: str  # the reason, in words
    raise_by: str  # what would raise it; empty at 5
    period: Period | None = None  # the semester it was read from (8, 9)

    @property
    def name(self) -> str:
        return NAMES[self.number]

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "why": self.why,
            "raise": self.raise_by,
            "period": self.period.code if self.period else None,
        }


@dataclass(frozen=True)
class YearScore:
    unit: Unit
    year: int
    semesters: tuple[Semester, ...]
    publications: tuple[Publication, ...]
    indicators: dict[str, IndicatorScore]


def _media_text(codes: Sequence[str]) -> str:
    return ", ".join(MEDIA[c].label.lower() for c in codes) if codes else "tidak ada"


def indicator_6(semesters: Sequence[Semester], publications: Sequence[Publication]) -> IndicatorScore:
    held = [s for s in semesters if s.has_data]
    if not held:
        return IndicatorScore(
            "6", 0, "Belum ada data SKM pada tahun ini.", "Lakukan SKM dan unggah datanya untuk nilai 2."
        )
    conforming = [s for s in held if s.sample_ok]
    if not conforming:
        s = held[-1]
        return IndicatorScore(
            "6",
            1,
            f"Responden {s.period.label} ({s.respondents}) kurang dari sampel minimal Krejcie–Morgan "
            f"({s.sample_needed}) untuk populasi yang dicatat.",
            f"Kumpulkan paling sedikit {s.sample_needed} responden dalam satu semester untuk nilai 2.",
        )
    done = " dan ".join(s.period.label for s in conforming)
    cetak = [p for p in publications if not MEDIA[p.media].elektronik]
    elektronik = [p for p in publications if MEDIA[p.media].elektronik]
    followed = any(s.realised for s in held)
    base = f"SKM {done} dihitung menurut PermenPANRB 14/2017 (9 unsur)"
    if not cetak:
        extra = " dan dipublikasikan di media elektronik" if elektronik else ""
        return IndicatorScore(
            "6",
            2,
            f"{base}{extra}; belum ada publikasi di media non-elektronik yang dicatat.",
            "Catat publikasi di media cetak/non-elektronik (brosur, papan pengumuman, baliho) untuk nilai 3.",
        )
    if not elektronik:
        return IndicatorScore(
            "6",
            3,
            f"{base} dan dipublikasikan di media non-elektronik; belum ada publikasi elektronik yang dicatat.",
            "Catat publikasi di media elektronik (monitor, media sosial, website, aplikasi) untuk nilai 4.",
        )
    if not followed:
        return IndicatorScore(
            "6",
            4,
            f"{base}, dipublikasikan di media non-elektronik dan elektronik; belum ada RTL yang terealisasi.",
            "Laksanakan dan catat realisasi paling sedikit satu kegiatan RTL untuk nilai 5.",
        )
    return IndicatorScore(
        "6", 5, f"{base}, dipublikasikan di media non-elektronik dan elektronik, dan ditindaklanjuti.", ""
    )


def indicator_7(publications: Sequence[Publication]) -> IndicatorScore:
    codes = [c for c in MEDIA if any(p.media == c for p in publications)]
    score = score_of("7", len(codes))
    why = (
        f"Hasil SKM dipublikasikan di {len(codes)} media: {_media_text(codes)}."
        if codes
        else "Belum ada publikasi hasil SKM yang dicatat (halaman hasil publik dan infografis dihitung bila dicatat)."
    )
    raise_by = ""
    if score < 5:
        target = band("7", score + 1)
        assert target.limit is not None
        more = int(target.limit) - len(codes)
        raise_by = f"Catat publikasi di {more} media lagi untuk nilai {score + 1}."
    return IndicatorScore("7", score, why, raise_by)


def _best(candidates: list[IndicatorScore]) -> IndicatorScore:
    """The higher score; on a tie the later semester (candidates come in semester order)."""
    return max(reversed(candidates), key=lambda c: c.score)


def indicator_8(semesters: Sequence[Semester]) -> IndicatorScore:
    planned = [s for s in semesters if s.rtl]
    if not planned:
        return IndicatorScore(
            "8",
            0,
            "Tidak ada rencana tindak lanjut (RTL) yang dicatat tahun ini.",
            "Susun RTL dari unsur prioritas untuk nilai 1.",
        )
    out = []
    for s in planned:
        n, done = len(s.rtl), s.realised
        score = realisation_score(n, done)
        why = f"{s.period.label}: {done} dari {n} kegiatan RTL terealisasi ({persen(done / n)})."
        raise_by = ""
        if score < 5:
            # the fewest further items that reach the next band
            need = next(k for k in range(1, n - done + 1) if realisation_score(n, done + k) > score)
            raise_by = f"Realisasikan {need} kegiatan RTL lagi untuk nilai {realisation_score(n, done + need)}."
        out.append(IndicatorScore("8", score, why, raise_by, s.period))
    return _best(out)


def indicator_9(semesters: Sequence[Semester], today: date) -> IndicatorScore:
    planned = [s for s in semesters if s.rtl]
    if not planned:
        return IndicatorScore(
            "9",
            0,
            "Tidak ada RTL, jadi tidak ada tindak lanjut yang dapat diukur.",
            "Susun RTL dan laksanakan seluruhnya dalam 1 bulan setelah laporan SKM terbit untuk nilai 5.",
        )
    return _best([_speed(s, today) for s in planned])


def _speed(s: Semester, today: date) -> IndicatorScore:
    """Indicator 9 of one semester: months from the clock's start to the last realisation."""
    start = s.clock_start
    if s.issued:
        source, note = f"laporan SKM terbit {tanggal(start, with_day=False)}", ""
    else:
        source = f"akhir semester {tanggal(start, with_day=False)}, karena tanggal terbit laporan SKM belum dicatat"
        note = " Catat tanggal terbit laporan SKM (Pengaturan laporan) agar dihitung dari tanggal itu."
    left = [i for i in s.rtl if not i.done or i.tanggal is None]
    if left:
        why = (
            f"{s.period.label}: {len(left)} dari {len(s.rtl)} kegiatan RTL belum terealisasi (dihitung dari {source})."
        )
        reachable = [b for b in BANDS["9"] if b.limit is not None and _add_months(start, b.limit) >= today]
        if reachable:
            deadline = tanggal(_add_months(start, reachable[0].limit or 0), with_day=False)
            raise_by = (
                f"Selesaikan {len(left)} kegiatan RTL lagi paling lambat {deadline} untuk nilai {reachable[0].score}."
            )
        else:
            raise_by = (
                "Lebih dari 12 bulan telah lewat; selesaikan RTL berikutnya dalam 1 bulan setelah laporan terbit."
            )
        return IndicatorScore("9", 0, why, raise_by + note, s.period)
    last = max(i.tanggal for i in s.rtl if i.tanggal is not None)
    months = max(0.0, months_between(start, last))
    score = score_of("9", months)
    when = "sebelum tanggal itu" if months == 0 else f"{angka(months, 1)} bulan kemudian"
    why = f"{s.period.label}: seluruh RTL selesai {tanggal(last, with_day=False)}, {when} (dihitung dari {source})."
    raise_by = "" if score == 5 else "Selesaikan seluruh RTL dalam 1 bulan setelah laporan SKM terbit untuk nilai 5."
    return IndicatorScore("9", score, why, (raise_by + note).strip(), s.period)


def _add_months(start: date, months: float) -> date:
    """The day `months` whole months after start (the last day of a shorter month)."""
    import calendar

    whole = int(months)
    year, month = divmod(start.month - 1 + whole, 12)
    year, month = start.year + year, month + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def score_semesters(
    semesters: Sequence[Semester], publications: Sequence[Publication], today: date
) -> dict[str, IndicatorScore]:
    return {
        "6": indicator_6(semesters, publications),
        "7": indicator_7(publications),
        "8": indicator_8(semesters),
        "9": indicator_9(semesters, today),
    }


def semester_facts(store: Store, unit: Unit, period: Period) -> Semester:
    from skm.summary import unit_summary

    result = unit_summary(store, unit, period)
    population = store.population(unit.id, period)
    return Semester(
        period=period,
        has_data=result is not None,
        respondents=None if result is None else result.score.respondents,
        sample_needed=krejcie_morgan(population) if population else None,
        rtl=tuple(store.rtl_items(unit.id, period)),
        issued=store.report_settings(unit, period).tanggal_terbit,
    )


def score_year(store: Store, unit: Unit, year: int, today: date) -> YearScore:
    """Indicators 6–9 of one unit (a kelurahan, or any unit with layanan of its own) for a year.
    A kecamatan or kota whose figures are its units' is refused (SkmError): each unit is scored."""
    below = store.children(unit.id)
    if below:
        names = ", ".join(u.name for u in below)
        raise SkmError(
            f"PEKPPP dinilai per unit layanan. {unit.path_text} merangkum unit di bawahnya ({names}); "
            "nilai masing-masing unit tersebut."
        )
    semesters = tuple(semester_facts(store, unit, Period(year, s)) for s in (1, 2))
    publications = tuple(p for s in (1, 2) for p in store.publications(unit.id, Period(year, s)))
    return YearScore(unit, year, semesters, publications, score_semesters(semesters, publications, today))
