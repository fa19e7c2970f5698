# eskm-bayan (Setda Kabupaten Mahakam Ulu), table `2024`: u1..u15, only u1..u9 filled; layanan = jenisPelayanan.
# Mapped by header u1..u9 -> U1..U9 (see manifest for the app's own inconsistent storage order).
import csv
from _skm import *
rows = list(csv.DictReader(open("../eskm_setda_mahulu_2024_u1_u15.csv", encoding="utf-8", newline="")))
by = {}
for r in rows:
    assert all(r[f"u{i}"] == "" for i in range(10, 16))
    by.setdefault(r["jenisPelayanan"], []).append({f"U{i}": int(r[f"u{i}"]) for i in range(1, 10)})
lay = {k: block(k, len(v), from_answers(v)) for k, v in by.items()}
allr = [x for v in by.values() for x in v]
unit = block("unit", len(allr), from_answers(allr))
emit("eskm_setda_mahulu_2024_u1_u15.csv", {"kind": "responses", "layanan": lay, "unit_ikm": unit["ikm"],
     "unit_respondents": len(allr), "unit_nrr": unit["nrr"], "summary_rows": [],
     "notes": "Fifteen answer columns u1..u15 exist; u10..u15 are empty in every row and must not count as unsur "
              "(nine unsur, not fifteen). Layanan = jenisPelayanan (short bagian codes). id_sub_jenis is a finer "
              "service id (blank in 3 rows)."})
