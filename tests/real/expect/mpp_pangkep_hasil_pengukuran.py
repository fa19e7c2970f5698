# HTML table saved as .xls by the MPP Pangkep app (admin/cetak.php). Header cells: No, Tanggal, Nama Responden,
# P1..P9, Nilai Mamdani, Kepuasan. P-order = data_pertanyaan primary-key order: persyaratan, prosedur, waktu,
# biaya, produk, kompetensi, perilaku, SARANA (P8), PENGADUAN (P9).
import re
from _skm import *
html = open("../mpp_pangkep_hasil_pengukuran.xls", encoding="utf-8").read()
trs = re.findall(r"<tr>(.*?)</tr>", html, re.S)
head = [c.strip() for c in re.findall(r"<th>(.*?)</th>", trs[0], re.S)]
pi = [head.index(f"P{i}") for i in range(1, 10)]
rows = []
for tr in trs[1:]:
    cells = re.findall(r"<td>(.*?)</td>", tr, re.S)
    rows.append({f"U{i+1}": int(cells[j]) for i, j in enumerate(pi)})
pos = from_answers(rows)                                        # questionnaire order (issue rule for P1..P9)
mean = from_answers([{**r, "U8": r["U9"], "U9": r["U8"]} for r in rows])  # by the app's question meaning
b = block("*", len(rows), pos)
emit("mpp_pangkep_hasil_pengukuran.xls", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(rows), "summary_rows": [],
     "by_meaning_nrr": {u: f"{mean[u].numerator}/{mean[u].denominator}" for u in U},
     "notes": "HTML <table> with an .xls name (no <html>/<body>), P1..P9 headers -> questionnaire order with a warning. "
              "In this app P8 is Sarana (U9) and P9 Pengaduan (U8): by_meaning_nrr swaps them (IKM identical). "
              "'Nilai Mamdani' (e.g. 3.25, 3.75) and 'No' are numeric non-answer columns. Respondent 30's two "
              "submissions are merged by the app's SQL (MAX per question) into one row."})
