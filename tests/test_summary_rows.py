"""Never silently wrong: summary rows under respondent rows are left out, named and used as a
cross-check; an office's IKM its own NRR cannot give is not the headline."""

from __future__ import annotations

from fractions import Fraction

import pytest

from skm import ingest
from skm.errors import ImportRejected
from skm.ingest import KIND_AGGREGATE, KIND_RESPONSES, read_survey
from skm.scoring import LayananStats, score_layanan
from skm.unsur import CODES
from tests.test_ingest_formats import to_csv, to_xlsx

HEADER = ["No", "Jenis Layanan", *CODES]
ANSWERS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
]
MIXED = [
    [4, 3, 4, 4, 3, 4, 4, 2, 3],
    [3, 3, 4, 4, 4, 4, 3, 3, 3],
    [4, 4, 3, 4, 4, 3, 4, 3, 4],
    [4, 2, 4, 4, 3, 4, 4, 4, 3],
]


def exact(answers):
    """Sums, NRR and IKM of respondent rows, as Fractions (PermenPANRB 14/2017, weight 1/9)."""
    sums = [sum(Fraction(r[i]) for r in answers) for i in range(9)]
    nrr = [s / len(answers) for s in sums]
    ikm = sum(nrr) / 9 * 25
    return sums, nrr, ikm


def olah_data(answers, *, nrr_row=None, label_column=1, labels=True):
    """An olah-data sheet: respondents, then Σ, NRR, weighted NRR and IKM rows under them."""
    sums, nrr, ikm = exact(answers)
    rows = [HEADER]
    rows += [[str(i + 1), "KTP", *map(str, r)] for i, r in enumerate(answers)]
    shown_nrr = nrr_row or [f"{float(v):.2f}" for v in nrr]
    under = [
        ("Σ Nilai / Unsur", [str(int(s)) for s in sums]),
        ("NRR / Unsur", shown_nrr),
        ("NRR Tertimbang / Unsur", [f"{float(v) / 9:.3f}" for v in nrr]),
        ("IKM Unit Pelayanan", [f"{float(ikm):.2f}"] + [""] * 8),
    ]
    for label, values in under:
        row = ["", "", *values]
        if labels:
            row[label_column] = label
        rows.append(row)
    return rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("limits", [ingest.UPLOAD_LIMITS, ingest.CLI_LIMITS], ids=["unggah", "cli"])
@pytest.mark.parametrize("label_column", [0, 1])
def test_summary_rows_of_a_unit_where_everyone_answered_4_are_not_respondents(fmt, limits, label_column):
    rows = olah_data(ANSWERS, label_column=label_column)
    data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
    survey = read_survey(data, f"olah.{fmt}", limits=limits)
    assert survey.kind == KIND_RESPONSES
    assert survey.row_count == len(ANSWERS)
    assert [s.row for s in survey.summary_rows] == [5, 6, 7, 8]
    assert [s.kind for s in survey.summary_rows] == ["jumlah", "nrr", "tertimbang", "ikm"]
    assert any(w.startswith("Baris 5–8: baris ringkasan ('Σ Nilai / Unsur'") for w in survey.warnings), survey.warnings
    assert any("cocok dengan hasil hitung ulang" in w for w in survey.warnings)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_summary_rows_without_labels_are_found_by_their_values(fmt):
    rows = olah_data(MIXED, labels=False)
    rows = rows[:-1]  # the IKM row holds one number: without a label it would be a bad respondent
    data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
    survey = read_survey(data, f"olah.{fmt}", limits=ingest.CLI_LIMITS)
    assert survey.row_count == len(MIXED)
    assert [s.kind for s in survey.summary_rows] == ["jumlah", "nrr", "tertimbang"]
    assert any(w.startswith("Baris 6–8: baris ringkasan") for w in survey.warnings), survey.warnings
    _sums, nrr, _ikm = exact(MIXED)
    got = survey.responses
    for i, code in enumerate(CODES):
        assert Fraction(int(got[code].sum()), int(got[code].notna().sum())) == nrr[i]


def test_a_file_nrr_row_that_disagrees_is_named():
    _sums, nrr, _ikm = exact(MIXED)
    shown = [f"{float(v):.2f}" for v in nrr]
    shown[2] = "3.10"  # U3 is 3.75 from the answers
    survey = read_survey(to_csv(olah_data(MIXED, nrr_row=shown)), "olah.csv")
    [note] = [w for w in survey.warnings if w.startswith("Baris 7 'NRR / Unsur'")]
    assert "U3: di file 3,1000, dihitung 3,7500" in note
    assert not any("cocok" in w for w in survey.warnings)


def test_a_respondent_who_answered_5_on_the_last_row_is_still_refused():
    rows = [HEADER, ["1", "KTP", *"434434434"], ["2", "KTP", *"434534434"]]
    with pytest.raises(ImportRejected) as exc:
        read_survey(to_csv(rows), "lima.csv")
    assert "skala 1–5" in str(exc.value)


def test_a_saran_starting_with_total_is_a_respondent():
    rows = [[*HEADER, "Saran"], ["1", "KTP", *"434434434", "Total pelayanan bagus"]]
    rows.append(["2", "KTP", *"444444444", "Jumlah petugas kurang"])
    survey = read_survey(to_csv(rows), "saran.csv")
    assert survey.row_count == 2 and not survey.summary_rows


# ---------------------------------------------------------------------------------------
# An office's own IKM


NRR_SHOWN = ("3.45", "3.38", "3.31", "3.62", "3.57", "3.71", "3.80", "3.24", "3.40")


def nrr_table(ikm_shown: str) -> bytes:
    return to_csv([["Jenis Layanan", *CODES, "IKM Layanan"], ["KTP", *NRR_SHOWN, ikm_shown]])


def test_an_ikm_its_nrr_cannot_give_is_not_the_headline():
    nrr = [Fraction(x) for x in NRR_SHOWN]
    regulation = sum(nrr) / 9 * 25
    wrong = sum(nrr) * Fraction("0.111") * 25  # weights 0,111
    wrong_shown = f"{float(wrong) - 0.5:.2f}"  # and a further slip, beyond any rounding
    survey = read_survey(nrr_table(wrong_shown), "nrr.csv")
    assert survey.kind == KIND_AGGREGATE
    [note] = [w for w in survey.warnings if "tidak dapat dihasilkan" in w]
    assert wrong_shown.replace(".", ",") in note and f"{float(regulation):.2f}".replace(".", ",") in note
    stats = LayananStats(
        name="KTP",
        nrr_reported={c: float(v) for c, v in zip(CODES, nrr, strict=True)},
        ikm_reported=float(wrong_shown),
    )
    score = score_layanan(stats)
    assert score.ikm == pytest.approx(float(regulation), abs=1e-9)
    assert score.ikm_reported == float(wrong_shown)


def test_weights_0_111_are_named_as_the_likely_cause():
    nrr = [Fraction(x) for x in NRR_SHOWN]
    # 0,11 per unsur: about 0,9 below the regulation's figure, more than 0,125 + 0,005
    wrong = sum(nrr) * Fraction("0.11") * 25
    survey = read_survey(nrr_table(f"{float(wrong):.2f}"), "nrr.csv")
    [note] = [w for w in survey.warnings if "tidak dapat dihasilkan" in w]
    assert "bobot 0,11 per unsur" in note


def test_an_ikm_within_rounding_of_its_nrr_stays_the_headline():
    nrr = [Fraction(x) for x in NRR_SHOWN]
    regulation = sum(nrr) / 9 * 25
    shown = float(regulation) + 0.1  # within 0,125 + 0,005
    survey = read_survey(nrr_table(f"{shown:.2f}"), "nrr.csv")
    assert not any("tidak dapat dihasilkan" in w for w in survey.warnings)
    stats = LayananStats(
        name="KTP", nrr_reported={c: float(v) for c, v in zip(CODES, nrr, strict=True)}, ikm_reported=round(shown, 2)
    )
    assert score_layanan(stats).ikm == round(shown, 2)


def test_a_unit_ikm_row_under_an_nrr_table_is_checked_against_its_layanan():
    nrr = ["3.50", "3.40", "3.30", "3.60", "3.50", "3.70", "3.80", "3.20", "3.40"]
    ikm = float(sum(Fraction(x) for x in nrr) / 9 * 25)  # 87.22…, the same for both layanan
    head = ["Jenis Layanan", *CODES, "IKM Layanan"]
    rows = [head, ["KTP", *nrr, f"{ikm:.2f}"], ["KK", *nrr, f"{ikm:.2f}"]]
    right = read_survey(to_csv([*rows, ["IKM Unit Pelayanan", *[""] * 9, f"{ikm:.2f}"]]), "nrr.csv")
    assert not any("IKM unit di file" in w for w in right.warnings)
    wrong = read_survey(to_csv([*rows, ["IKM Unit Pelayanan", *[""] * 9, "90.00"]]), "nrr.csv")
    [note] = [w for w in wrong.warnings if "IKM unit di file" in w]
    assert "90,00" in note and f"{ikm:.2f}".replace(".", ",") in note
