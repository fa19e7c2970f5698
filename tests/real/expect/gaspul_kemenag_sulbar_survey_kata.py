# GASPUL (Kanwil Kemenag) surveys table flattened: nine question-text columns holding answer words.
# Questions are in regulation order except that the app asks sarana 8th and pengaduan 9th.
import csv
from _skm import *
W = [  # words per question, score 1..4 (PermenPANRB 14/2017 appendix wording as used by the app)
 ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"],
 ["tidak mudah", "kurang mudah", "mudah", "sangat mudah"],
 ["tidak cepat", "kurang cepat", "cepat", "sangat cepat"],
 ["sangat mahal", "cukup mahal", "murah", "gratis"],
 ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"],
 ["tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"],
 ["tidak sopan dan ramah", "kurang sopan dan ramah", "sopan dan ramah", "sangat sopan dan ramah"],
 ["buruk", "cukup", "baik", "sangat baik"],
 ["tidak ada", "ada tetapi tidak berfungsi", "berfungsi kurang maksimal", "dikelola dengan baik"],
]
UNSUR = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
rows = list(csv.reader(open("../gaspul_kemenag_sulbar_survey_kata.csv", encoding="utf-8", newline="")))
h = rows[0]; a0 = h.index("bidang") + 1
by, empty, blank_lay = {}, [], []
for n, r in enumerate(rows[1:], start=2):
    v = r[a0:a0 + 9]
    if all(x == "" for x in v): empty.append(n); continue
    lay = r[h.index("bidang")] or "Tidak disebutkan"
    if not r[h.index("bidang")]: blank_lay.append(n)
    by.setdefault(lay, []).append({UNSUR[i]: W[i].index(v[i].strip().lower()) + 1 for i in range(9)})
lay = {k: block(k, len(x), from_answers(x)) for k, x in by.items()}
allr = [x for v in by.values() for x in v]
unit = block("unit", len(allr), from_answers(allr))
emit("gaspul_kemenag_sulbar_survey_kata.csv", {"kind": "responses", "layanan": lay, "unit_ikm": unit["ikm"],
     "unit_respondents": len(allr), "unit_nrr": unit["nrr"], "summary_rows": [],
     "rows_without_answers": empty, "rows_blank_layanan": blank_lay,
     "notes": "Layanan column 'bidang'. Spreadsheet rows %s have no answers (saran-only / test submissions; row 11 is bidang "
              "'Testing') -> skipped with a warning. Row %s has a blank bidang -> layanan 'Tidak disebutkan' with a warning. "
              "Question 8 = sarana (U9), 9 = pengaduan (U8), identified by their texts." % (empty, blank_lay)})
