import csv
from _skm import *
rows = list(csv.DictReader(open("../refuse_pn_banjarmasin_satu_pertanyaan.csv", encoding="utf-8", newline="")))
emit("refuse_pn_banjarmasin_satu_pertanyaan.csv", {"kind": "refuse", "layanan": {}, "unit_ikm": None, "summary_rows": [],
     "data_rows": len(rows),
     "refuse_reason": "Only ONE rating per respondent (column 'tingkat_kepuasan': Sangat Puas / Cukup Puas / Tidak Puas, "
                      "three levels) - not nine unsur. Remedy: an IKM needs the nine-unsur questionnaire of PermenPANRB "
                      "14/2017; this overall-satisfaction poll cannot be converted. Survey with the nine questions (or "
                      "upload that export if the office has one)."})
