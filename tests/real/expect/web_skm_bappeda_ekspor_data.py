# Ahmad-munip/Web_SKM ekspor_data.csv: no header, ';' delimited, 15 fields:
# ID;Umur;Jenis Kelamin;Pekerjaan;Pendidikan;U1..U9 (fields 6-14);Waktu  (header per koneksi.php fputcsv)
# The app's questionnaire (form.php / final.php) asks, in order:
# 1 Persyaratan, 2 Prosedur, 3 Waktu, 4 Biaya, 5 Produk, 6 Kompetensi, 7 Perilaku,
# 8 Sarana dan Prasarana, 9 Penanganan Pengaduan  -> app columns 8/9 are regulation U9/U8.
from _skm import *
rows = []
for line in open("../web_skm_bappeda_ekspor_data.csv", encoding="utf-8"):
    f = line.rstrip("\n").split(";")
    assert len(f) == 15, f
    v = [int(x) for x in f[5:14]]
    # by meaning (regulation numbering)
    rows.append({"U1": v[0], "U2": v[1], "U3": v[2], "U4": v[3], "U5": v[4], "U6": v[5],
                 "U7": v[6], "U8": v[8], "U9": v[7]})
nrr = from_answers(rows)
pos = from_answers([{**r, "U8": r["U9"], "U9": r["U8"]} for r in rows])  # positional reading
b = block("*", len(rows), pos)
emit("web_skm_bappeda_ekspor_data.csv", {
    "kind": "responses", "layanan": {"*": b},
    "unit_ikm": b["ikm"], "unit_respondents": len(rows), "summary_rows": [],
    "by_meaning_nrr": {u: f"{nrr[u].numerator}/{nrr[u].denominator}" for u in U},
    "notes": "No header row: main figures read the nine answer fields positionally as U1..U9 (what an importer can do, with a warning). "
             "By the app's questionnaire fields 13/14 (1-based) are Sarana (U9) and Pengaduan (U8): by_meaning_nrr swaps them (IKM unchanged)."})
