import csv
from _skm import *
rows = list(csv.reader(open("../refuse_eskm_setda_mahulu_template_kosong.csv", encoding="utf-8", newline="")))
assert all(all(c == "" for c in r) for r in rows[1:])
emit("refuse_eskm_setda_mahulu_template_kosong.csv", {"kind": "refuse", "layanan": {}, "unit_ikm": None,
     "summary_rows": [], "rows_without_answers": list(range(2, len(rows) + 1)),
     "refuse_reason": "Blank template: a header with Unsur 1..Unsur 9 and rows of empty cells only - no respondent "
                      "answered. Remedy: fill in the answers (one row per respondent, values 1-4) and upload again."})
