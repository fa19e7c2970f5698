"""A file's own figures (an IKM Layanan column, summary rows under the respondents) checked
against ours; a disagreement beyond rounding becomes a warning naming both numbers."""

from __future__ import annotations

from collections.abc import Mapping

from skm.formatting import angka
from skm.ingest.survey import SummaryRow
from skm.ingest.vocabulary import decimals_in, parse_number
from skm.scoring import CONVERSION, WEIGHT, ikm_from_nrr, reported_ikm_cause, reported_ikm_holds, shown_decimals
from skm.unsur import CODES


def reported_ikm_warning(
    where: str, nrr: Mapping[str, float], reported: float, nrr_decimals: int, ikm_decimals: int
) -> str | None:
    """The warning for an office's IKM that the NRR it shows cannot give (None when it can)."""
    if reported_ikm_holds(nrr, reported, nrr_decimals, ikm_decimals):
        return None
    derived = ikm_from_nrr(nrr)
    return (
        f"{where}: IKM di file {angka(reported)} tidak dapat dihasilkan dari NRR yang tertera; "
        f"menurut PermenPANRB 14/2017 (NRR × 1/9 × 25) IKM-nya {angka(derived)} "
        f"(selisih {angka(abs(reported - derived))}). Kemungkinan penyebab: {reported_ikm_cause(nrr, reported)}. "
        f"Yang dipakai: {angka(derived)}."
    )


def row_ranges(rows: list[int]) -> str:
    """'52–55, 60' for rows 52, 53, 54, 55, 60."""
    spans: list[list[int]] = []
    for r in sorted(rows):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in spans)


def summary_left_out(summary: list[SummaryRow]) -> list[str]:
    """What the preview says of the rows under the respondents that were left out."""
    rows = [s for s in summary if s.kind != "catatan"]
    out = []
    if rows:
        labels = ", ".join(dict.fromkeys(f"'{s.label}'" for s in rows if s.label))
        what = f" ({labels})" if labels else " (angka jumlah/rata-rata/bobot, bukan jawaban 1–4)"
        out.append(
            f"Baris {row_ranges([s.row for s in rows])}: baris ringkasan{what}, tidak dihitung sebagai responden."
        )
    legend = [s.row for s in summary if s.kind == "catatan"]
    if legend:
        out.append(f"Baris {row_ranges(legend)}: keterangan di bawah tabel, tidak dibaca.")
    return out


def _half_unit(value: float) -> float:
    return 0.5 * 10.0 ** -shown_decimals(value) + 1e-9


def summary_warnings(summary: list[SummaryRow], sums: Mapping[str, float], answered: Mapping[str, int]) -> list[str]:
    """The file's own sums, NRR, weighted NRR and IKM rows against ours, from the respondents
    read (all layanan of the file together, as an olah-data sheet sums them)."""
    nrr = {c: sums[c] / answered[c] for c in CODES if answered.get(c)}
    if len(nrr) < len(CODES):
        return []
    ikm = ikm_from_nrr(nrr)
    expected = {
        "jumlah": dict(sums),
        "nrr": nrr,
        "tertimbang": {c: v * WEIGHT for c, v in nrr.items()},
    }
    out, checked = [], 0
    for s in summary:
        where = f"Baris {s.row}" + (f" '{s.label}'" if s.label else "")
        if s.kind in expected and s.values:
            ours = expected[s.kind]
            off = [
                c
                for c, v in s.values.items()
                if abs(v - ours[c]) > _half_unit(v)
                and not (s.kind == "tertimbang" and abs(v - nrr[c] * 0.111) <= _half_unit(v))
            ]
            checked += 1
            if off:
                listed = "; ".join(f"{c}: di file {angka(s.values[c], 4)}, dihitung {angka(ours[c], 4)}" for c in off)
                out.append(f"{where}: angka di file berbeda dari hasil hitung ulang dari jawaban responden ({listed}).")
        elif s.kind in ("ikm", "tertimbang") and s.numbers:
            value = s.numbers[-1]
            ours_value = ikm if s.kind == "ikm" else ikm / CONVERSION
            scale = 1 if s.kind == "ikm" else 1 / CONVERSION
            # The office may have rounded the NRR to two decimals first: 0,125 on the IKM scale.
            if abs(value - ours_value) > (CONVERSION * 0.005) * scale + _half_unit(value):
                out.append(
                    f"{where}: IKM di file {angka(value, 2 if s.kind == 'ikm' else 4)} berbeda dari IKM hasil "
                    f"hitung ulang {angka(ours_value, 2 if s.kind == 'ikm' else 4)} (lebih dari selisih pembulatan)."
                )
            checked += 1
    if checked and not out:
        out.append("Angka ringkasan di file (jumlah, NRR, IKM) cocok dengan hasil hitung ulang.")
    return out


def unit_ikm_warnings(summary: list[tuple[int, str, list[str]]], ikm_col: int, rows: list[dict]) -> list[str]:
    """An NRR table's own unit IKM (an "IKM Unit Pelayanan" row under the layanan) against the
    unweighted mean of its layanan (each its own IKM when that holds, else its NRR's): a
    difference beyond the IKM's rounding is named."""
    own = [rec["ikm_reported"] if rec["ikm_reported"] is not None else ikm_from_nrr(rec) for rec in rows]
    if not own:
        return []
    mean = sum(own) / len(own)
    out = []
    for rownum, label, cells in summary:
        if not label.casefold().startswith(("ikm", "indeks")) or ikm_col >= len(cells):
            continue
        text = cells[ikm_col].strip()
        value = parse_number(text)
        if value is None or not 25 <= value <= 100:
            continue
        if abs(value - mean) > 0.5 * 10.0 ** -decimals_in(text) + 0.005:
            out.append(
                f"Baris {rownum} '{label}': IKM unit di file {angka(value)} berbeda dari rata-rata IKM layanannya "
                f"{angka(mean)} (PermenPANRB 14/2017: rata-rata tanpa bobot); yang dipakai {angka(mean)}."
            )
    return out
