# E-SKM (BPBD Kota Bandung) Pengolahan sheet: respondent rows 5-34 (P1..P9), summary rows 35-42.
import openpyxl
from _skm import *
ws = openpyxl.load_workbook("../refuse_eskm_bpbd_bandung_pengolahan_skala5.xlsx").active
vals = [[ws.cell(r, c).value for c in range(2, 11)] for r in range(5, 35)]
fives = sum(v == 5 for row in vals for v in row)
assert fives > 0 and all(v in (3, 4, 5) for row in vals for v in row)
emit("refuse_eskm_bpbd_bandung_pengolahan_skala5.xlsx", {"kind": "refuse", "layanan": {}, "unit_ikm": None,
     "summary_rows": list(range(35, 43)), "respondent_rows": [5, 34], "answers_equal_5": fives,
     "file_own_figures": {"nrr_row": "4.000 each", "ikm_row": 80.0, "mutu": ws.cell(41, 2).value},
     "refuse_reason": "Answers include the value 5 (%d cells) and the sheet's own IKM is NRR x 20 (80.00 from NRR 4.000): "
                      "a 1-5 scale, not the 1-4 scale of PermenPANRB 14/2017. Remedy: re-survey/re-code on the 1-4 scale "
                      "(1 tidak baik ... 4 sangat baik); a 1-5 sheet cannot be converted without the original meanings." % fives})
