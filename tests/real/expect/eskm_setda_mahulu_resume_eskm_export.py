# eskm-bayan "Resume e-skm.xlsx" (ExportResume): start cell B2; header row 2; the nine answer columns I..Q are
# headed only by "NILAI UNSUR" over the first (I2) and blanks (J2..Q2); layanan = "JENIS PELAYANAN" (D).
import openpyxl
from _skm import *
ws = openpyxl.load_workbook("../eskm_setda_mahulu_resume_eskm_export.xlsx").active
assert ws["I2"].value == "NILAI UNSUR" and all(ws.cell(2, c).value is None for c in range(10, 18))
by = {}
for r in range(3, ws.max_row + 1):
    lay = ws.cell(r, 4).value
    by.setdefault(lay, []).append({f"U{i+1}": int(ws.cell(r, 9 + i).value) for i in range(9)})
lay = {k: block(k, len(v), from_answers(v)) for k, v in by.items()}
allr = [x for v in by.values() for x in v]
unit = block("unit", len(allr), from_answers(allr))
emit("eskm_setda_mahulu_resume_eskm_export.xlsx", {"kind": "responses", "layanan": lay, "unit_ikm": unit["ikm"],
     "unit_respondents": len(allr), "unit_nrr": unit["nrr"], "summary_rows": [],
     "notes": "Row 1 and column A empty (start cell B2). Only I2 says 'NILAI UNSUR'; J2..Q2 are empty headers - the nine "
              "columns under the band are U1..U9 in questionnaire order (warning). 'USIA (TAHUN)' (F) is a numeric "
              "non-answer column. Same rows as eskm_setda_mahulu_2024_u1_u15.csv, so same figures."})
