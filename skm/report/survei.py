"""The Laporan Survei Kepuasan Masyarakat (the SKM results report, distinct from the follow-up
report in pdf.py), its blank questionnaire, built from the same pieces (skm.report.pdf).

    data = survey_data(store, unit, Period(2024, 1), today=date.today())
    pdf_bytes = build_survey_pdf(data)
    blank = build_questionnaire_pdf()

Order: title page, BAB I Pendahuluan, BAB II Metodologi (population, Krejcie–Morgan sample,
period, technique, questionnaire, how the IKM is computed), BAB III Hasil (respondent profile,
Tabel 1 coloured by mutu, figures, mutu and the 95% interval), BAB IV Analisis (priorities, the
lowest layanan, saran, change from the previous semester), BAB V Kesimpulan dan Rencana Tindak
Lanjut (Tabel RTL), Lampiran: the blank questionnaire of PermenPANRB 14/2017.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from fpdf import FontFace
from fpdf.enums import TableHeadingsDisplay

from skm import scoring
from skm.demo import SOURCE_SEED, SOURCE_SYNTHETIC
from skm.formatting import angka, persen, selisih, tanggal
from skm.kuesioner import ANSWERS, JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, QUESTIONS
from skm.report.data import ReportData, period_text, report_data
from skm.report.pdf import (
    HEAD_FILL,
    Doc,
    figures_section,
    interval_section,
    priorities_section,
    render,
    rtl_plan_section,
    tabel1_section,
    title_page,
)
from skm.rtl import period_end, period_start
from skm.scoring import Score
from skm.storage import SOURCE_KUESIONER, Store
from skm.summary import unit_summary
from skm.units import Period, Unit
from skm.unsur import CODES, UNSUR

PROFILE = (
    ("jenis_kelamin", "Jenis kelamin"),
    ("usia", "Usia"),
    ("pendidikan", "Pendidikan"),
    ("pekerjaan", "Pekerjaan"),
)
SARAN_SHOWN = 10
SOURCE_WORDS = {  # import_batches.source in words
    SOURCE_KUESIONER: "kuesioner daring (tautan/kode QR)",
    "unggah": "berkas rekap kuesioner yang diunggah",
    "cli": "berkas rekap kuesioner yang diimpor",
    SOURCE_SEED: "tabel rekapitulasi NRR per layanan dari laporan kantor (demo)",
    SOURCE_SYNTHETIC: "data sintetis (demo)",
}


@dataclass(frozen=True)
class ProfileRow:
    group: str
    respondents: int
    ikm: float | None


@dataclass(frozen=True)
class SurveyData:
    report: ReportData
    population: int | None
    sample_needed: int | None
    profile: dict[str, tuple[ProfileRow, ...]]  # per PROFILE dimension; empty for aggregated data
    saran_count: int
    saran: tuple[tuple[str, int], ...]  # the SARAN_SHOWN most frequent (as first written, how many wrote it)
    previous: Score | None  # the previous semester's figures of the same unit
    sources: tuple[str, ...]  # how the data was collected, in words
    issued: date | None

    @property
    def respondents(self) -> int | None:
        return self.report.score.respondents


def survey_data(store: Store, unit: Unit, period: Period, today: date) -> SurveyData:
    """Everything the SKM report needs (SkmError, in Indonesian, when the unit has no data)."""
    report = report_data(store, unit, period, today)
    population = store.population(unit.id, period)
    profile: dict[str, tuple[ProfileRow, ...]] = {}
    if report.score.respondents:
        for key, _label in PROFILE:
            groups = store.respondent_groups([unit.id], period, key)
            profile[key] = tuple(
                ProfileRow(g.name, g.respondents or 0, scoring.score_layanan(g).ikm if g.respondents else None)
                for g in groups
            )
    saran = store.saran([unit.id], period)
    previous = unit_summary(store, unit, period.previous())
    sources = {b.source for b in store.batches(unit.id, period) if b.active_layanan and b.undone_at is None}
    return SurveyData(
        report=report,
        population=population,
        sample_needed=scoring.krejcie_morgan(population) if population else None,
        profile=profile,
        saran_count=len(saran),
        saran=_frequent(s[3] for s in saran),
        previous=None if previous is None else previous.score,
        sources=tuple(SOURCE_WORDS.get(s, s) for s in sorted(sources)),
        issued=store.report_settings(unit, period).tanggal_terbit,
    )


def _frequent(texts: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """The saran most often written (the same words, ignoring case, spaces and end punctuation).

    >>> _frequent(["Parkir sempit.", "parkir  sempit", "Antre lama"])
    (('Parkir sempit.', 2), ('Antre lama', 1))
    """
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for text in texts:
        key = " ".join(text.casefold().split()).rstrip(".!")
        if key:
            counts[key] += 1
            first.setdefault(key, " ".join(text.split()))
    return tuple((first[k], n) for k, n in counts.most_common(SARAN_SHOWN))


# ---------------------------------------------------------------------------- small pieces
def _sub(pdf: Doc, text: str) -> None:
    pdf.ensure_space(20)
    pdf.typeface(11.5, bold=True)
    pdf.multi_cell(0, 6.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.typeface()


def _simple_table(
    pdf: Doc, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[float, ...]
) -> None:
    head = FontFace(emphasis="BOLD", size_pt=8.5, fill_color=HEAD_FILL)
    with (
        pdf.table_style(9),
        pdf.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=("LEFT", *(["CENTER"] * (len(widths) - 1))),
            line_height=5,
            padding=(1, 1.5),
            headings_style=head,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table,
    ):
        table.row(header)
        for values in rows:
            table.row(values)
    pdf.ln(3)


# ---------------------------------------------------------------------------- sections
def _title(pdf: Doc, s: SurveyData) -> None:
    title_page(pdf, ("Laporan Survei Kepuasan Masyarakat",), pdf.data.period.tahun)
    pdf.ln(16)
    pdf.typeface(10.5)
    issued = f"Diterbitkan {tanggal(s.issued, with_day=False)}" if s.issued else "Tanggal terbit belum dicatat"
    pdf.multi_cell(0, 6, issued, align="C", new_x="LMARGIN", new_y="NEXT")


def _bab1(pdf: Doc, s: SurveyData) -> None:
    d = pdf.data
    pdf.add_page(orientation="P")
    pdf.heading("BAB I", "PENDAHULUAN")
    _sub(pdf, "A. Latar Belakang")
    pdf.para(
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan penyelenggara pelayanan publik "
        "mengikutsertakan masyarakat dalam menilai kinerja pelayanan. Peraturan Menteri Pendayagunaan Aparatur "
        "Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 menetapkan Survei Kepuasan Masyarakat (SKM) sebagai "
        "sarana penilaian tersebut, dengan sembilan unsur pelayanan yang diukur secara berkala sekurang-kurangnya "
        "sekali setahun."
    )
    _sub(pdf, "B. Maksud dan Tujuan")
    pdf.para(
        f"Survei ini dimaksudkan untuk mengetahui tingkat kepuasan masyarakat terhadap pelayanan {d.unit_label} "
        f"pada {d.period_text}, menemukan unsur pelayanan yang perlu diperbaiki, dan menjadi dasar penyusunan "
        "Rencana Tindak Lanjut (RTL) perbaikan pelayanan."
    )
    _sub(pdf, "C. Ruang Lingkup")
    n = len(d.layanan)
    pdf.para(f"Survei mencakup {n} jenis layanan:", gap=1)
    pdf.numbered(list(d.layanan), indent=5)


def _bab2(pdf: Doc, s: SurveyData) -> None:
    d = pdf.data
    pdf.add_page(orientation="P")
    pdf.heading("BAB II", "METODOLOGI")
    _sub(pdf, "A. Populasi dan Sampel")
    respondents = "tidak tercatat (data berupa tabel rekapitulasi NRR)" if s.respondents is None else str(s.respondents)
    population = "belum dicatat" if s.population is None else f"{s.population:,}".replace(",", ".")
    sample = "–" if s.sample_needed is None else str(s.sample_needed)
    _simple_table(
        pdf,
        ("Keterangan", "Jumlah"),
        [
            ("Populasi pengguna layanan dalam periode", population),
            ("Sampel minimal (Krejcie–Morgan, 95%, ±5%)", sample),
            ("Responden yang diperoleh", respondents),
        ],
        (110, 50),
    )
    if s.sample_needed is None:
        note = "Populasi belum dicatat, sehingga kecukupan sampel tidak dapat dinilai."
    elif s.respondents is None:
        note = "Jumlah responden tidak tercatat pada tabel rekapitulasi."
    elif s.respondents >= s.sample_needed:
        note = "Jumlah responden memenuhi sampel minimal."
    else:
        note = f"Jumlah responden kurang {s.sample_needed - s.respondents} dari sampel minimal."
    pdf.para(note)
    _sub(pdf, "B. Periode Survei")
    start, end = period_start(d.period), period_end(d.period)
    pdf.para(f"{d.period_text}: {tanggal(start, with_day=False)} sampai {tanggal(end, with_day=False)}.")
    _sub(pdf, "C. Teknik Pengumpulan Data")
    way = ", ".join(s.sources) if s.sources else "kuesioner"
    pdf.para(
        "Data dikumpulkan dengan kuesioner terstruktur sesuai lampiran PermenPANRB 14/2017 yang diisi sendiri "
        f"oleh pengguna layanan setelah menerima layanan; sumber data periode ini: {way}."
    )
    _sub(pdf, "D. Kuesioner")
    pdf.para(
        "Kuesioner memuat identitas responden (jenis kelamin, usia, pendidikan, pekerjaan, jenis layanan) dan "
        "sembilan pertanyaan, satu untuk setiap unsur, masing-masing dengan empat pilihan jawaban bernilai 1 "
        "sampai 4 (kuesioner lengkap pada Lampiran).",
        gap=1.5,
    )
    _simple_table(
        pdf,
        ("Unsur", "Jawaban (nilai 1 – 4)"),
        [(f"{c} {UNSUR[c].name}", " / ".join(ANSWERS[c])) for c in CODES],
        (62, 98),
    )
    _sub(pdf, "E. Pengolahan Data")
    pdf.para(
        "Nilai rata-rata (NRR) setiap unsur = jumlah nilai jawaban unsur ÷ jumlah jawaban unsur tersebut; jawaban "
        "kosong tidak dihitung. IKM layanan = (jumlah NRR kesembilan unsur × 1/9) × 25. IKM unit = rata-rata IKM "
        "layanannya. Mutu pelayanan ditentukan dari tabel interval berikut."
    )
    interval_section(pdf)


def _profile(pdf: Doc, s: SurveyData) -> None:
    _sub(pdf, "A. Profil Responden")
    if not s.profile:
        pdf.para(
            "Data periode ini berupa tabel rekapitulasi NRR per layanan tanpa data per responden, sehingga profil "
            "responden tidak dapat disajikan."
        )
        return
    total = s.respondents or 0
    for key, label in PROFILE:
        rows = [
            (r.group, str(r.respondents), persen(r.respondents / total if total else None, 1), angka(r.ikm))
            for r in s.profile.get(key, ())
        ]
        pdf.ensure_space(12 + 6 * len(rows))
        pdf.caption(f"Responden menurut {label.lower()}")
        _simple_table(pdf, (label, "Jumlah", "Persen", "IKM"), rows, (70, 28, 28, 28))


def _bab3(pdf: Doc, s: SurveyData) -> None:
    d = pdf.data
    pdf.add_page(orientation="P")
    pdf.heading("BAB III", "HASIL SURVEI")
    _profile(pdf, s)
    pdf.add_page(orientation="L")
    _sub(pdf, "B. Nilai Unsur dan IKM per Layanan")
    tabel1_section(pdf)
    _sub(pdf, "C. Mutu Pelayanan")
    score = d.score
    ci = score.ci95
    interval = (
        f" Dengan tingkat kepercayaan 95%, IKM berada antara {angka(ci[0])} dan {angka(ci[1])}."
        if ci
        else " Selang kepercayaan tidak dapat dihitung dari tabel rekapitulasi (tanpa data per responden)."
    )
    pdf.para(
        f"IKM {d.unit_label} {d.period_text} adalah {angka(score.ikm)}, mutu pelayanan {score.mutu.letter} "
        f"({score.mutu.kinerja}).{interval}"
    )
    figures_section(pdf)


def _change(pdf: Doc, s: SurveyData) -> None:
    d = pdf.data
    before = s.previous
    if before is None:
        _sub(pdf, "C. Perubahan dari Semester Sebelumnya")
        pdf.para(f"Tidak ada data {period_text(d.period.previous())} untuk dibandingkan.")
        return
    now = d.score
    rows = [
        (f"{c} {UNSUR[c].name}", angka(before.nrr[c]), angka(now.nrr[c]), selisih(now.nrr[c], before.nrr[c]))
        for c in CODES
    ]
    rows.append(("IKM", angka(before.ikm), angka(now.ikm), selisih(now.ikm, before.ikm)))
    pdf.ensure_space(30 + 8 * len(rows))  # the heading, the table and its sentence stay on one page
    _sub(pdf, "C. Perubahan dari Semester Sebelumnya")
    _simple_table(pdf, ("Unsur", period_text(d.period.previous()), d.period_text, "Perubahan"), rows, (64, 34, 34, 28))
    direction = "naik" if now.ikm > before.ikm + 0.005 else "turun" if now.ikm < before.ikm - 0.005 else "tetap"
    pdf.para(f"IKM {direction} dari {angka(before.ikm)} menjadi {angka(now.ikm)}.")


def _bab4(pdf: Doc, s: SurveyData) -> None:
    pdf.add_page(orientation="P")
    pdf.heading("BAB IV", "ANALISIS")
    _sub(pdf, "A. Unsur Prioritas dan Layanan Terendah")
    priorities_section(pdf)
    _sub(pdf, "B. Saran dan Masukan Responden")
    if not s.saran_count:
        pdf.para("Tidak ada saran tertulis dari responden pada periode ini.")
    else:
        pdf.para(
            f"{s.saran_count} responden menuliskan saran. Saran yang paling sering ditulis (jumlah responden):",
            gap=1,
        )
        pdf.numbered([f"“{text}” ({n})" for text, n in s.saran], indent=5, h=5.5)
        pdf.ln(2)
    _change(pdf, s)


def _bab5(pdf: Doc, s: SurveyData) -> None:
    d = pdf.data
    pdf.add_page(orientation="L")
    pdf.heading("BAB V", "KESIMPULAN DAN RENCANA TINDAK LANJUT")
    pdf.typeface()
    prior = ", ".join(f"{u.name} ({u.code})" for u in d.priorities)
    points = [
        f"IKM {d.unit_label} {d.period_text} adalah {angka(d.score.ikm)} dengan mutu pelayanan "
        f"{d.score.mutu.letter} ({d.score.mutu.kinerja}).",
        f"Unsur prioritas perbaikan: {prior}.",
        "Rencana tindak lanjut perbaikan atas unsur prioritas disusun sebagai berikut.",
    ]
    pdf.numbered(points, indent=3)
    pdf.ln(3)
    rtl_plan_section(pdf)
    pdf.ln(6)
    pdf.signature(x=pdf.w - pdf.r_margin - 88, space=14)


def questionnaire_section(pdf: Doc) -> None:
    """The blank questionnaire of PermenPANRB 14/2017: identity, the nine questions with their
    four answers each, saran (one portrait page or two)."""
    pdf.add_page(orientation="P")
    pdf.heading("KUESIONER SURVEI KEPUASAN MASYARAKAT", size=12.5)
    pdf.para(
        "Berilah tanda centang (✓) pada kotak jawaban yang sesuai dengan pendapat Saudara atas pelayanan yang "
        "baru saja Saudara terima.",
        size=9.5,
        h=5,
        gap=2,
    )
    pdf.typeface(9.5, bold=True)
    pdf.cell(0, 6, "Profil responden", new_x="LMARGIN", new_y="NEXT")
    lines = [
        ("Jenis layanan", "...................................................................."),
        ("Tanggal layanan", "......  /  ......  /  ............"),
        ("Jenis kelamin", "   ".join(f"☐\u00a0{v}" for v in JENIS_KELAMIN)),
        ("Usia", "........ tahun"),
        ("Pendidikan", "   ".join(f"☐\u00a0{v}" for v in PENDIDIKAN)),
        ("Pekerjaan", "   ".join(f"☐\u00a0{v}" for v in PEKERJAAN)),
    ]
    for label, value in lines:
        pdf.typeface(9)
        pdf.set_x(pdf.l_margin)
        pdf.cell(32, 5, label)
        pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for i, c in enumerate(CODES, start=1):
        pdf.ensure_space(18)
        pdf.typeface(9, bold=True)
        pdf.hanging(f"{i}.", f"{QUESTIONS[c]} ({UNSUR[c].name})", h=4.8, align="L")
        pdf.typeface(9)
        options = [f"☐ {chr(ord('a') + k)}. {word}" for k, word in enumerate(ANSWERS[c])]
        per_row = 4 if max(pdf.get_string_width(o) for o in options) < (pdf.epw - 7) / 4 - 2 else 2
        width = (pdf.epw - 7) / per_row
        for k, option in enumerate(options):
            if k % per_row == 0:
                pdf.set_x(pdf.l_margin + 7)
            pdf.cell(
                width,
                5.2,
                option,
                new_x="RIGHT" if (k + 1) % per_row else "LMARGIN",
                new_y="TOP" if (k + 1) % per_row else "NEXT",
            )
        pdf.ln(1.2)
    pdf.ensure_space(31)  # the saran lines and the closing note: 6 + 3 × 5,5 + 4 + 4,5 mm
    pdf.typeface(9.5, bold=True)
    pdf.cell(0, 6, "Saran dan masukan untuk perbaikan pelayanan:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color("#94A3B8")
    for _ in range(3):
        pdf.ln(5.5)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)
    pdf.para(
        "Kuesioner menurut lampiran PermenPANRB 14/2017. Terima kasih atas partisipasi Saudara.",
        size=8,
        h=4.5,
        align="C",
    )


def build_survey_pdf(data: SurveyData) -> bytes:
    """The SKM results report as PDF bytes."""
    d = data.report
    sections = [partial(part, s=data) for part in (_title, _bab1, _bab2, _bab3, _bab4, _bab5)]
    return render(
        f"Laporan Survei Kepuasan Masyarakat {d.period_text} {d.unit_label}",
        (*sections, questionnaire_section),
        d,
    )


def build_questionnaire_pdf(demo: bool = False) -> bytes:
    """The blank questionnaire alone (the evidence pack's 'kuesioner yang digunakan')."""
    return render("Kuesioner Survei Kepuasan Masyarakat (PermenPANRB 14/2017)", (questionnaire_section,), demo=demo)
