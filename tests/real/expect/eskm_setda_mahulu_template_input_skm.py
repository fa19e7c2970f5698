# eskm-bayan public/template_input_skm.csv: header + ONE example row ("Contoh Pilar", "Nama Responden", ...) + 3 empty rows.
import csv
from _skm import *
rows = list(csv.reader(open("../eskm_setda_mahulu_template_input_skm.csv", encoding="utf-8", newline="")))
h = rows[0]; idx = [h.index(f"Unsur {i}") for i in range(1, 10)]
ans = []; empty = []
for n, r in enumerate(rows[1:], start=2):
    if all(c == "" for c in r): empty.append(n); continue
    ans.append({f"U{i+1}": int(r[j]) for i, j in enumerate(idx)})
b = block("*", len(ans), from_answers(ans))
emit("eskm_setda_mahulu_template_input_skm.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(ans), "summary_rows": [], "rows_without_answers": empty,
     "notes": "The app's import template: one EXAMPLE row (placeholder texts 'Contoh Pilar', 'Nama Responden', "
              "'08123456789') and three rows of bare commas. Figures are for the example row read as data; a careful "
              "importer may instead warn that it looks like the template's example. 'Pilar'/'Program' are the app's "
              "grouping, not a recognised layanan header -> '*'."})
