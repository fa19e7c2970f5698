# admin/export_excel.php of the MPP Pangkep app: one row per question with COUNTS of each answer.
import re
from _skm import *
html = open("../refuse_mpp_pangkep_report_jumlah_jawaban.xls", encoding="utf-8").read()
trs = re.findall(r"<tr>(.*?)</tr>", html, re.S)
head = [c.strip() for c in re.findall(r"<th>(.*?)</th>", trs[0], re.S)]
assert head[2:6] == ["Sangat Setuju", "Setuju", "Kurang Setuju", "Tidak Setuju"]
# What the counts WOULD give (for the remedy / cross-check only): NRR per question = sum(count*score)/sum(count)
info = {}
for tr in trs[1:]:
    c = [x.strip() for x in re.findall(r"<td>(.*?)</td>", tr, re.S)]
    n4, n3, n2, n1 = map(int, c[2:6]); n = n1 + n2 + n3 + n4
    nrr = F(4*n4 + 3*n3 + 2*n2 + n1, n)
    info[c[0]] = {"answers": n, "nrr_from_counts": f"{nrr.numerator}/{nrr.denominator}", "file_nilai_rata2": c[6]}
ikm = sum(F(v["nrr_from_counts"]) for v in info.values()) / 9 * 25
emit("refuse_mpp_pangkep_report_jumlah_jawaban.xls", {"kind": "refuse", "layanan": {}, "unit_ikm": None,
     "summary_rows": [], "per_question_from_counts": info, "ikm_if_counts_were_accepted": q(ikm, 2),
     "refuse_reason": "Table of answer COUNTS per question (columns Sangat Setuju / Setuju / Kurang Setuju / Tidak Setuju "
                      "hold how many respondents chose each option), not answers per respondent; its 'Nilai Rata2' is "
                      "(4a+3b+2c+d)/4, not an NRR (e.g. 54.75). Remedy: upload the per-respondent export "
                      "(the app's 'Cetak Laporan' -> hasil_pengukuran.xls) or the raw answers."})
