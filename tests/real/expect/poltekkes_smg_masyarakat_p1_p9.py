# chrizzzii/IndeksKepuasanV2 table `masyarakat`: answers in p1..p9; pertanyaan_masyarakat gives the meaning:
# p1 persyaratan, p2 prosedur, p3 waktu, p4 biaya, p5 produk, p6 kompetensi, p7 perilaku,
# p8 penanganan pengaduan (U8), p9 sarana dan prasarana (U9)  -> regulation order.
import csv
from _skm import *
rows = list(csv.DictReader(open("../poltekkes_smg_masyarakat_p1_p9.csv", encoding="utf-8", newline="")))
ans, empty = [], []
for n, r in enumerate(rows, start=2):
    v = [r[f"p{i}"] for i in range(1, 10)]
    if all(x == "" for x in v): empty.append(n); continue
    ans.append({f"U{i}": int(r[f"p{i}"]) for i in range(1, 10)})
b = block("*", len(ans), from_answers(ans))
emit("poltekkes_smg_masyarakat_p1_p9.csv", {"kind": "responses", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "unit_respondents": len(ans), "summary_rows": [], "rows_without_answers": empty,
     "notes": "Answer columns p1..p9 (lower-case P-numbers) in regulation order; spreadsheet rows %s have no answer at all "
              "(registered but not filled) and must be skipped with a warning, not refused. Numeric non-answer columns: "
              "masyarakat_id, status, usia, no_responden." % empty})
