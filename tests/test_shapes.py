"""Shapes of real files beyond a plain export: numbered questions, other layanan headers, blank
layanan cells, rows without answers, answer words seen in the wild, ambiguous question texts,
empty U10..U15 slots, HTML tables named .xls, NRR tables with one row per unsur, title rows and
merged header bands."""

from __future__ import annotations

from fractions import Fraction

import pytest

from skm import ingest
from skm.errors import ImportRejected
from skm.ingest import KIND_AGGREGATE, read_survey
from skm.unsur import CODES
from tests.test_ingest_formats import to_csv, to_xlsx

ANSWERS = [[4, 3, 4, 4, 3, 4, 4, 2, 3], [3, 3, 4, 4, 4, 4, 3, 3, 3], [4, 4, 3, 4, 4, 3, 4, 3, 4]]


def nrr_of(answers):
    return {c: Fraction(sum(r[i] for r in answers), len(answers)) for i, c in enumerate(CODES)}


def read_nrr(survey):
    df = survey.responses
    return {c: Fraction(int(df[c].sum()), int(df[c].notna().sum())) for c in CODES}


@pytest.mark.parametrize("limits", [ingest.UPLOAD_LIMITS, ingest.CLI_LIMITS], ids=["unggah", "cli"])
@pytest.mark.parametrize(
    "names",
    [
        [f"P{i}" for i in range(1, 10)],
        [f"q{i}" for i in range(1, 10)],
        [f"Pertanyaan {i}" for i in range(1, 10)],
        [str(i) for i in range(1, 10)],
        [f"Nilai {i}" for i in range(1, 10)],
    ],
    ids=["P", "q", "pertanyaan", "angka", "nilai"],
)
def test_nine_numbered_columns_are_read_in_questionnaire_order_with_a_warning(names, limits):
    rows = [["Jenis Layanan", *names, "Waktu"]] + [["KTP", *map(str, r), "Senin, 1 April 2024"] for r in ANSWERS]
    survey = read_survey(to_csv(rows), "bernomor.csv", limits=limits)
    assert {c.unsur: c.header for c in survey.columns if c.role == "unsur"} == dict(zip(CODES, names, strict=True))
    assert read_nrr(survey) == nrr_of(ANSWERS)
    assert any("urutan kuesioner" in w and "Periksa" in w for w in survey.warnings)


def test_eight_numbered_columns_are_not_guessed():
    rows = [["Jenis Layanan", *(f"P{i}" for i in range(1, 9))], ["KTP", *"43443443"]]
    with pytest.raises(ImportRejected):
        read_survey(to_csv(rows), "delapan.csv")


@pytest.mark.parametrize("header", ["Bidang", "Instansi", "Unit Layanan", "Jenis Pelayanan", "Layanan yang diterima"])
def test_layanan_columns_by_other_names(header):
    rows = [[header, *CODES]] + [["Akta", *map(str, r)] for r in ANSWERS]
    survey = read_survey(to_csv(rows), "lay.csv")
    assert [c.header for c in survey.columns if c.role == "layanan"] == [header]
    assert survey.layanan == ["Akta"]


def test_rows_without_any_answer_are_skipped_and_named():
    rows = [["Jenis Layanan", *CODES, "Saran"]] + [["KTP", *map(str, r), ""] for r in ANSWERS]
    rows.insert(2, ["KTP", *[""] * 9, "Hanya saran"])
    survey = read_survey(to_csv(rows), "saran.csv")
    assert survey.row_count == 3
    assert "Baris 3: tidak menjawab satu pun dari sembilan unsur (misalnya hanya saran); dilewati." in survey.warnings
    assert read_nrr(survey) == nrr_of(ANSWERS)


def test_a_file_where_no_row_answers_is_refused_with_the_remedy():
    rows = [["Jenis Layanan", *CODES], ["KTP", *[""] * 9], ["KTP", *["-"] * 9]]
    with pytest.raises(ImportRejected, match="templat kosong"):
        read_survey(to_csv(rows), "kosong.csv")


WORDS = {
    "U3": ["Tidak tepat waktu", "Kadang tepat waktu", "Banyak tepat waktu", "Selalu tepat waktu"],
    "U5": ["Tidak sesuai", "Kadang sesuai", "Sesuai", "Sangat sesuai"],
    "U6": ["Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"],
    "U7": ["Tidak setuju", "Kurang setuju", "Setuju", "Sangat setuju"],
    "U8": ["Tidak puas", "Kurang puas", "Puas", "Sangat puas"],
    "U9": ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"],
}


def test_answer_words_seen_in_the_wild():
    rows = [["Jenis Layanan", *CODES]]
    for score in (1, 2, 3, 4):
        rows.append(["KTP", *(WORDS[c][score - 1] if c in WORDS else str(score) for c in CODES)])
    survey = read_survey(to_csv(rows), "kata.csv")
    for code in CODES:
        assert survey.responses[code].tolist() == [1, 2, 3, 4], code


def test_an_unknown_word_still_refuses_naming_it_and_its_column():
    rows = [["Jenis Layanan", *CODES], ["KTP", *"4444", "Lumayan", *"4444"]]
    with pytest.raises(ImportRejected, match="jawaban 'Lumayan' tidak dikenal untuk U5"):
        read_survey(to_csv(rows), "kata.csv")


QUESTIONS = [
    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan?",
    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan?",
    "Bagaimana pendapat Saudara tentang kecepatan waktu pelayanan?",
    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif?",
    "Bagaimana pendapat Saudara tentang kesesuaian hasil pelayanan dengan waktu yang ditetapkan?",
    "Bagaimana pendapat Saudara tentang kompetensi petugas?",
    "Bagaimana pendapat Saudara tentang perilaku petugas?",
    "Bagaimana pendapat Saudara tentang penanganan pengaduan?",
    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
]


def test_two_questions_claiming_one_unsur_fall_back_to_questionnaire_order():
    rows = [["Jenis Layanan", *QUESTIONS]] + [["KTP", *map(str, r)] for r in ANSWERS]
    survey = read_survey(to_csv(rows), "ambigu.csv")
    mapped = {c.header: c.unsur for c in survey.columns if c.role == "unsur"}
    assert mapped[QUESTIONS[2]] == "U3" and mapped[QUESTIONS[4]] == "U5"
    assert read_nrr(survey) == nrr_of(ANSWERS)
    assert any("menunjuk unsur yang sama" in w and "D → U3" in w and "F → U5" in w for w in survey.warnings)


def test_empty_u10_to_u15_slots_are_left_out_with_a_warning():
    extra = [f"u{i}" for i in range(10, 16)]
    rows = [["jenisPelayanan", *(c.lower() for c in CODES), *extra]]
    rows += [["umum", *map(str, r), *[""] * 6] for r in ANSWERS]
    survey = read_survey(to_csv(rows), "u15.csv")
    assert read_nrr(survey) == nrr_of(ANSWERS)
    assert any("kosong di setiap baris" in w for w in survey.warnings)
    rows[1][-1] = "3"
    with pytest.raises(ImportRejected, match="15 unsur"):
        read_survey(to_csv(rows), "u15.csv")


def html_export(rows, *, title=True):
    """What a PHP application echoes as laporan.xls: no <html>, one table, merged header band."""
    out = ['<table border="1">']
    if title:
        out.append('<tr><td colspan="11">HASIL SKM</td></tr>')
    out.append('<tr><th rowspan="2">No</th><th rowspan="2">Jenis Layanan</th><th colspan="9">Nilai Unsur</th></tr>')
    out.append("<tr>" + "".join(f"<th>\n  U{i}\n</th>" for i in range(1, 10)) + "</tr>")
    for n, (lay, answers) in enumerate(rows, start=1):
        out.append(f"<tr><td>{n}</td><td>{lay}</td>" + "".join(f"<td>{a}" for a in answers) + "</tr>")
    out.append("</table><script>fetch('http://example.invalid/')</script>")
    return "\n".join(out).encode("utf-8")


@pytest.mark.parametrize("limits", [ingest.UPLOAD_LIMITS, ingest.CLI_LIMITS], ids=["unggah", "cli"])
def test_an_html_table_named_xls_is_read_like_a_sheet(limits):
    data = html_export([("KTP &amp; KK", r) for r in ANSWERS])
    survey = read_survey(data, "laporan.xls", limits=limits)
    assert survey.file_format == "html" and survey.layanan == ["KTP & KK"]
    assert read_nrr(survey) == nrr_of(ANSWERS)


def test_an_html_table_too_large_is_refused():
    data = html_export([("KTP", ANSWERS[0])] * 200)
    with pytest.raises(ImportRejected, match="terlalu besar"):
        read_survey(data, "laporan.xls", limits=ingest.Limits(max_cells=500))


def test_a_binary_xls_is_not_taken_for_html():
    with pytest.raises(ImportRejected, match="bukan file Excel 97-2003"):
        read_survey(b"<b>not a table</b>", "laporan.xls")


def test_title_rows_and_a_merged_header_band_over_u1_to_u9():
    rows = [["PENGOLAHAN DATA SKM PER RESPONDEN"], [], ["No", "Jenis Layanan", "NILAI UNSUR PELAYANAN"]]
    rows.append(["", "", *CODES])
    rows += [[str(n), "KTP", *r] for n, r in enumerate(ANSWERS, start=1)]
    survey = read_survey(to_xlsx(rows), "olah.xlsx")
    assert read_nrr(survey) == nrr_of(ANSWERS)


def nrr_per_unsur(order, names, ikm_line, meaning=None):
    """Rows labelled with `order` codes and `names`; each row's NRR is that of its meaning."""
    nrr = nrr_of(ANSWERS)
    rows = [["TABEL PERHITUNGAN IKM"], ["No", "Unsur", "Total Nilai", "NRR/Unsur", "Bobot", "NRR Tertimbang"]]
    for code, name, true in zip(order, names, meaning or order, strict=True):
        value = nrr[true]
        rows.append([code, name, str(int(value * 3)), f"{float(value):.4f}", "0.1111", f"{float(value) / 9:.4f}"])
    rows += [["TOTAL", "", "", "", "1.0000", ""], [], [ikm_line]]
    return to_csv(rows)


def test_an_nrr_table_with_one_row_per_unsur_in_any_order_names_deciding():
    order = ["U2", "U1", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
    names = ["Prosedur", "Persyaratan", "Waktu", "Biaya", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
    # codes of the last two swapped on purpose: "U9 Pengaduan", "U8 Sarana" (an older form): names decide
    meaning = ["U2", "U1", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
    survey = read_survey(nrr_per_unsur(order, names, "", meaning), "per_unsur.csv", layanan="Semua layanan")
    assert survey.kind == KIND_AGGREGATE
    agg = survey.aggregates.iloc[0]
    expected = nrr_of(ANSWERS)
    for code in CODES:
        assert agg[code] == pytest.approx(float(expected[code]), abs=5e-5), code
    assert sum("menurut namanya" in w for w in survey.warnings) == 2


def test_an_nrr_table_per_unsur_with_an_ikm_made_with_weights_0_11():
    nrr = {c: Fraction(f"{float(v):.4f}") for c, v in nrr_of(ANSWERS).items()}
    wrong = sum(nrr.values()) * Fraction("0.11") * 25
    line = f"Nilai IKM = {float(sum(nrr.values()) * Fraction('0.11')):.4f} × 25 = {float(wrong):.2f}"
    names = ["Persyaratan", "Prosedur", "Waktu", "Biaya", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
    survey = read_survey(nrr_per_unsur(list(CODES), names, line), "per_unsur.csv", layanan="Semua")
    [note] = [w for w in survey.warnings if "tidak dapat dihasilkan" in w]
    assert f"{float(wrong):.2f}".replace(".", ",") in note and "bobot 0,11" in note
    assert survey.aggregates["ikm_reported"].isna().all()


def test_an_nrr_table_per_unsur_with_maklumat_is_refused_with_the_remedy():
    names = ["Persyaratan", "Prosedur", "Waktu", "Biaya", "Produk", "Kompetensi", "Perilaku", "Maklumat", "Pengaduan"]
    with pytest.raises(ImportRejected, match="aturan lama"):
        read_survey(nrr_per_unsur(list(CODES), names, ""), "per_unsur.csv")


def test_exact_duplicates_need_a_time_of_day():
    head = ["Cap waktu", "Jenis Layanan", *CODES]
    same = ["KTP", *"444444444"]
    timed = read_survey(to_csv([head, ["2024/03/01 10:00:00", *same], ["2024/03/01 10:00:00", *same]]), "d.csv")
    assert ingest.duplicate_rows(timed) == [(3, 2)]
    kept = ingest.without_rows(timed, [3])
    assert kept.row_count == 1 and "Baris 3: duplikat dari baris sebelumnya" in kept.warnings[-1]
    dated = read_survey(to_csv([head, ["01-03-2024", *same], ["01-03-2024", *same]]), "d.csv")
    assert ingest.duplicate_rows(dated) == []  # everyone served that day shares the date


def test_a_file_without_a_header_row_reads_its_one_run_of_nine_answer_columns():
    rows = [["1", "48", "L", "PNS", *map(str, r), "Sabtu, 01 April 2023"] for r in ANSWERS]
    survey = read_survey(to_csv(rows, delimiter=";"), "tanpa_judul.csv", layanan="Semua")
    assert [c.letter for c in survey.columns if c.role == "unsur"] == list("EFGHIJKLM")
    assert survey.responses["row"].tolist() == [1, 2, 3]
    assert read_nrr(survey) == nrr_of(ANSWERS)
    assert any("file tanpa baris judul" in w for w in survey.warnings)
    ten = [[*r[:4], "4", *r[4:]] for r in rows]  # ten such columns: which nine is a guess, so no
    with pytest.raises(ImportRejected):
        read_survey(to_csv(ten, delimiter=";"), "tanpa_judul.csv", layanan="Semua")


@pytest.mark.parametrize("limits", [ingest.UPLOAD_LIMITS, ingest.CLI_LIMITS], ids=["unggah", "cli"])
def test_the_same_name_and_time_stamp_twice_is_a_duplicate(limits):
    head = ["Tanggal", "Nama", "Jenis Layanan", *CODES]
    rows = [head, ["01-03-2024", "Ani", "KTP", *"444444444"], ["01-03-2024", "Budi", "KTP", *"444444444"]]
    rows.append(["01-03-2024", "Ani", "KTP", *"333333333"])  # Ani again the same day, other answers
    survey = read_survey(to_csv(rows), "nama.csv", limits=limits)
    assert ingest.duplicate_rows(survey) == [(4, 2)]
    kept = ingest.without_rows(survey, [4])
    assert kept.row_count == 2 and kept.names == ["Ani", "Budi"]
    assert "Ani" not in kept.responses.to_string()  # the name is never part of what is stored


def test_a_tenth_numbered_question_holding_the_saran_is_not_a_tenth_unsur():
    rows = [["Jenis Layanan", *(f"Pertanyaan {i}" for i in range(1, 11))]]
    rows += [["KTP", *map(str, r), "Antrean lama"] for r in ANSWERS]
    survey = read_survey(to_csv(rows), "sepuluh.csv")
    assert read_nrr(survey) == nrr_of(ANSWERS)
    rated = [[*r[:-1], "3"] for r in rows[1:]]
    with pytest.raises(ImportRejected, match="10 unsur"):
        read_survey(to_csv([rows[0], *rated]), "sepuluh.csv")


def test_an_nrr_table_per_unsur_with_other_header_words():
    nrr = nrr_of(ANSWERS)
    names = ["Persyaratan", "Prosedur", "Waktu", "Biaya", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
    rows = [["No.", "Uraian Unsur Pelayanan", "Nilai Rata-rata (NRR)", "NRR Tertimbang"]]
    rows += [[str(i), n, f"{float(nrr[c]):.2f}", ""] for i, (c, n) in enumerate(zip(CODES, names, strict=True), 1)]
    survey = read_survey(to_csv(rows), "per_unsur.csv", layanan="Semua")
    assert survey.kind == KIND_AGGREGATE
    for code in CODES:
        assert survey.aggregates.iloc[0][code] == pytest.approx(float(nrr[code]), abs=0.005)
