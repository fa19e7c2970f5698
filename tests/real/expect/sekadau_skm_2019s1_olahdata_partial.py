# Transcribed FIRST 49 respondent rows of a published olah-data table (sekadaukab.go.id); two header rows:
# row 6 'NO.' / 'NILAI UNSUR PELAYANAN' (band), row 7 'RESP' / U1..U9. Summary rows not available (see manifest).
import csv
from _skm import *
rows = list(csv.reader(open("../sekadau_skm_2019s1_olahdata_partial.csv", encoding="utf-8", newline="")))
assert rows[6][0] == "RESP"
resp = [{f"U{i}": int(r[i]) for i in range(1, 10)} for r in rows[7:] if r]
b = block("*", len(resp), from_answers(resp))
emit("sekadau_skm_2019s1_olahdata_partial.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(resp), "summary_rows": [],
     "notes": "Figures are for the 49 rows kept (the published table continues beyond the stored excerpt). Title rows 1-4 "
              "(row 2 and 5 empty), two header rows 6-7 with a band 'NILAI UNSUR PELAYANAN' over U1..U9."})
