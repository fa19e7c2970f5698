# Web_SKM uji.php CSV export: ',' delimited, header 'Nilai 1'..'Nilai 9' (quoted), no BOM.
import csv
from _skm import *
rows = list(csv.reader(open("../web_skm_bappeda_data_kepuasan_masyarakat_uji.csv", encoding="utf-8", newline="")))
h = rows[0]; idx = [h.index(f"Nilai {i}") for i in range(1, 10)]
x = [{f"U{i+1}": int(r[j]) for i, j in enumerate(idx)} for r in rows[1:]]
pos = from_answers(x); mean = from_answers([{**a, "U8": a["U9"], "U9": a["U8"]} for a in x])
b = block("*", len(x), pos)
emit("web_skm_bappeda_data_kepuasan_masyarakat_uji.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(x), "summary_rows": [],
     "by_meaning_nrr": {u: f"{mean[u].numerator}/{mean[u].denominator}" for u in U},
     "notes": "Answer headers 'Nilai 1'..'Nilai 9' (no meaning) -> questionnaire order with a warning; 'Umur' and 'ID' "
              "are numeric non-answer columns. App meaning: Nilai 8 = Sarana (U9), Nilai 9 = Pengaduan (U8)."})
