# Web_SKM (Bappeda Grobogan) CSV export as koneksi.php writes it: BOM, ';', fputcsv quoting, header U1..U9.
# The app's U8 is "Kualitas Sarana dan Prasarana" and U9 "Penanganan Pengaduan" (form.php / final.php).
import csv
from _skm import *
txt = open("../web_skm_bappeda_data_ikm_export.csv", encoding="utf-8", newline="").read()
assert txt.startswith("\ufeff")
rows = list(csv.reader(txt[1:].splitlines(), delimiter=";"))
h = rows[0]; idx = [h.index(f"U{i}") for i in range(1, 10)]
hdr = [{f"U{i+1}": int(r[j]) for i, j in enumerate(idx)} for r in rows[1:]]
by_header = from_answers(hdr)
meaning = from_answers([{**x, "U8": x["U9"], "U9": x["U8"]} for x in hdr])
b = block("*", len(hdr), by_header)
emit("web_skm_bappeda_data_ikm_export.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(hdr), "summary_rows": [],
     "by_meaning_nrr": {u: f"{meaning[u].numerator}/{meaning[u].denominator}" for u in U},
     "notes": "Header says U1..U9, so an importer maps by header (main figures). But this app's U8 column holds the Sarana "
              "question and U9 the Pengaduan question (older order): by_meaning_nrr swaps U8/U9. IKM unchanged."})
