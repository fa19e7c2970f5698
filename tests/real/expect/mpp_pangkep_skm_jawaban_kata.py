# MPP Kabupaten Pangkep SKM app (NyomanWahyu01/Survai-Kepuasan-MPP): answers are the app's option words.
# Columns 9..17 (1-based) are the nine questions in the app's order:
# 1 persyaratan (U1), 2 prosedur (U2), 3 kecepatan (U3), 4 biaya (U4), 5 "kesesuaian hasil pelayanan ... dengan
# waktu yang ditetapkan" = PRODUK SPESIFIKASI (U5, the app's category), 6 kemampuan petugas (U6), 7 perilaku (U7),
# 8 sarana dan prasarana (U9; the app's category label is the typo "MATLUMAN PELAYANAN"), 9 penanganan pengaduan (U8).
import csv
from _skm import *
scale = {  # option words per question, score 1..4, as in data_pertanyaan (compared after strip + collapsing spaces)
 0: ["Tidak Sesuai", "Kurang Sesuai", "Sesuai", "Sangat Sesuai"],
 1: ["Tidak Mudah", "Kurang Mudah", "Mudah", "Sangat Mudah"],
 2: ["Tidak Tepat Waktu", "Kadang Tepat Waktu", "Banyak Tepat Waktu", "Selalu Tepat Waktu"],
 3: ["Sangat Mahal", "Cukup Mahal", "Murah", "Gratis"],
 4: ["Tidak Sesuai", "Kadang Sesuai", "Sesuai", "Sangat Sesuai"],
 5: ["Tidak Mampu", "Kurang Mampu", "Mampu", "Sangat Mampu"],
 6: ["Tidak Baik", "Kurang baik", "Baik", "Sangat Baik"],
 7: ["Buruk", "Cukup", "Baik", "Sangat Baik"],
 8: ["Tidak Sesuai", "Kurang Sesuai", "Sesuai", "Sangat Setuju"],
}
unsur_of_q = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
by = {}
rows = list(csv.reader(open("../mpp_pangkep_skm_jawaban_kata.csv", encoding="utf-8", newline="")))
for r in rows[1:]:
    lay = r[3]
    d = {}
    for i in range(9):
        w = " ".join(r[8 + i].split())
        d[unsur_of_q[i]] = [x.lower() for x in scale[i]].index(w.lower()) + 1
    by.setdefault(lay, []).append(d)
out = {}
allrows = []
for lay in by:
    out[lay] = block(lay, len(by[lay]), from_answers(by[lay])); allrows += by[lay]
unit = block("unit", len(allrows), from_answers(allrows))
emit("mpp_pangkep_skm_jawaban_kata.csv", {"kind": "responses", "layanan": out, "unit_ikm": unit["ikm"],
     "unit_respondents": len(allrows), "unit_nrr": unit["nrr"], "summary_rows": [],
     "notes": "Unit IKM here = IKM of the NRR over all 56 rows pooled (regulation: one unit, all respondents). "
              "Spreadsheet rows 13 and 14 (No 12 and 13) are two different submissions of the same respondent (id 30, PDAM); both kept."})
