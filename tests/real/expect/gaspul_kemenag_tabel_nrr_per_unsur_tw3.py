# Aggregated table, one row per unsur (No, Unsur, Total Nilai, NRR/Unsur, Bobot, NRR Tertimbang, Keterangan),
# a TOTAL row and the office's own "Nilai IKM = 3.6224 x 25 = 90.56". Unsur mapped by NAME (the code column says
# U8 for Sarana and U9 for Pengaduan - the older order; the names decide: Sarana -> U9, Pengaduan -> U8).
import csv
from _skm import *
rows = list(csv.reader(open("../gaspul_kemenag_tabel_nrr_per_unsur_tw3.csv", encoding="utf-8", newline="")))
h = rows[1]
name2u = {"persyaratan": "U1", "prosedur": "U2", "waktu": "U3", "biaya/tarif": "U4", "produk": "U5",
          "kompetensi": "U6", "perilaku": "U7", "pengaduan": "U8", "sarana": "U9"}
nrr, tot, code = {}, {}, {}
for r in rows[2:11]:
    u = name2u[r[1].lower()]
    nrr[u] = F(r[3]); tot[u] = int(r[2]); code[u] = r[0]
n = 29  # from Keterangan ("29 responden", and every row's counts sum to 29)
b = block("Kanwil Kemenag (GASPUL) Triwulan III", None, nrr)
fromtot = {u: F(tot[u], n) for u in U}
own = F("90.56")
emit("gaspul_kemenag_tabel_nrr_per_unsur_tw3.csv", {"kind": "aggregate_unsur", "layanan": {"*": b}, "unit_ikm": b["ikm"],
     "summary_rows": [12, 14], "respondents_from_keterangan": n,
     "ikm_from_total_nilai_div_29": q(ikm_of(fromtot), 2),
     "file_own_ikm": "90.56", "file_own_total_nrr_tertimbang": "3.6224",
     "code_vs_name_conflict": {"U8 row": "Sarana", "U9 row": "Pengaduan"},
     "notes": "Regulation IKM from the NRR shown = 91.48 (A). The file states 90.56: its 'NRR Tertimbang' column is NRR x 0.11 "
              "(not the 0.1111 its own Bobot column shows), so 3.6224 x 25 = 90.56 - outside rounding tolerance -> the headline "
              "must be 91.48 with a warning naming both numbers and the likely cause (weights 0.11). Row 12 = TOTAL, row 14 = "
              "the office's IKM sentence. Codes U8/U9 disagree with the names Sarana/Pengaduan: mapped by name; by code the "
              "U8/U9 NRR swap (IKM identical)."})
