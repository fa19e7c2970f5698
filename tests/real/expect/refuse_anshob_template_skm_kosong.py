import openpyxl
from _skm import *
ws = openpyxl.load_workbook("../refuse_anshob_template_skm_kosong.xlsx").active
hdr = [ws.cell(2, c).value for c in range(1, 17)]
assert hdr[7:16] == [f"U{i}" for i in range(1, 10)] and hdr[6] == "JENIS LAYANAN"
data = [[ws.cell(r, c).value for c in range(1, 17)] for r in range(3, ws.max_row + 1)]
assert all(v is None for row in data for v in row)
emit("refuse_anshob_template_skm_kosong.xlsx", {"kind": "refuse", "layanan": {}, "unit_ikm": None, "summary_rows": [],
     "merged": [str(m) for m in ws.merged_cells.ranges],
     "refuse_reason": "Empty template: two header rows (row 1 bands 'NO. RESPONDEN' A1:A2, 'PROFIL' B1:G1, 'NILAI UNSUR "
                      "PELAYANAN' H1:P1; row 2 NAMA RESPONDEN .. JENIS LAYANAN, U1..U9) and no respondent rows. Remedy: "
                      "fill one row per respondent (U1..U9 = 1-4, JENIS LAYANAN = the service) and upload again. The "
                      "headers themselves must be recognised (layanan column 'JENIS LAYANAN', answers U1..U9 under the band)."})
