# Transcribed olah-data table (e-smile.tubaba.go.id): title rows 1-4, header row 5 (No Resp, U1..U9),
# one respondent row 6, summary rows 7-10, legend rows 11-34 (text; rows 26-34 list U1..U9 names).
import csv
from _skm import *
rows = list(csv.reader(open("../tubaba_disdukcapil_olahdata_2023s1.csv", encoding="utf-8", newline="")))
h = rows[4]; assert h[0] == "No Resp"
resp = []; summary = []
for n, r in enumerate(rows[5:], start=6):
    if not r or len(r) < 10: continue
    if r[0].strip().isdigit() and all(x in "1234" and x for x in r[1:10]):
        resp.append({f"U{i}": int(r[i]) for i in range(1, 10)})
    else:
        summary.append(n)
summary += [10]  # 'IKM UNIT PELAYANAN,100' (2 cells)
b = block("*", len(resp), from_answers(resp))
emit("tubaba_disdukcapil_olahdata_2023s1.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(resp), "summary_rows": sorted(summary),
     "file_own_figures": {"nrr_row": "4 for every unsur", "nrr_tertimbang_row": "0.44 each, total 4", "ikm": "100"},
     "notes": "The issue's exact trap: one respondent, all 4 -> the 'Σ Nilai / Unsur' and 'NRR / Unsur' rows are also all "
              "whole numbers 1-4 and must NOT count as respondents (respondents = 1, not 3). The file's own IKM 100 agrees. "
              "Rows 26-34 are a legend (U1..U9 with names; the legend calls U8 Sarana and U9 Pengaduan) - not data."})
