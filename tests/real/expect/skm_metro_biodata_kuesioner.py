# luluergaa/Survei-Kepuasan-Masyarakat (ta_lulu.sql): columns "1".."9" = id_pertanyaan of master_pertanyaan:
# 1 persyaratan U1, 2 prosedur U2, 3 kecepatan waktu U3, 4 biaya U4, 5 produk U5, 6 kompetensi U6,
# 7 perilaku U7, 8 sarana dan prasarana -> U9, 9 penanganan pengaduan -> U8.
import csv
from _skm import *
m = {"1": "U1", "2": "U2", "3": "U3", "4": "U4", "5": "U5", "6": "U6", "7": "U7", "8": "U9", "9": "U8"}
rows = list(csv.DictReader(open("../skm_metro_biodata_kuesioner.csv", encoding="utf-8", newline="")))
by = {}
for r in rows:
    by.setdefault(r["pelayanan"], []).append({m[k]: int(r[k]) for k in m})
sw = lambda L: [{**x, "U8": x["U9"], "U9": x["U8"]} for x in L]
lay = {k: block(k, len(v), from_answers(sw(v))) for k, v in by.items()}
allr = [x for v in by.values() for x in v]
unit = block("unit", len(allr), from_answers(sw(allr)))
meaning = from_answers(allr)
emit("skm_metro_biodata_kuesioner.csv", {"kind": "responses", "layanan": lay, "unit_ikm": unit["ikm"],
     "unit_respondents": len(allr), "unit_nrr": unit["nrr"], "summary_rows": [],
     "by_meaning_unit_nrr": {u: f"{meaning[u].numerator}/{meaning[u].denominator}" for u in U},
     "notes": "Answer headers are bare 1..9 (question ids): main figures = questionnaire order (column 8 -> U8, 9 -> U9), as the issue asks, with a warning. "
              "In this app question 8 is Sarana (U9) and 9 Pengaduan (U8): by_meaning_unit_nrr swaps them (IKM unchanged). "
              "Rows span semester 1 and 2 of 2021 (column 'semester')."})
