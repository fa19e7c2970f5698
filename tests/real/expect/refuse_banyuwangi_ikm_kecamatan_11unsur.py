# CVIDE (Banyuwangi) IKMKecamatan.xlsx: per-kecamatan rows, eleven columns V1..V11 holding NRR x 1/11
# (controller IDE.php: number_format((sum/responden)*(1/11),2)), then Nilai Indeks / Mutu / Kinerja.
import zipfile, re
from _skm import *
z = zipfile.ZipFile("../refuse_banyuwangi_ikm_kecamatan_11unsur.xlsx")
wb = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet [^>]*name="([^"]+)"', wb)
ss = re.findall(r"<si>.*?</si>", z.read("xl/sharedStrings.xml").decode(), re.S)
words = [re.sub(r"<[^>]+>", "", s) for s in ss]
assert all(f"V{i}" in words for i in range(1, 12)), "expected V1..V11 headers"
emit("refuse_banyuwangi_ikm_kecamatan_11unsur.xlsx", {
    "kind": "refuse", "layanan": {}, "unit_ikm": None, "summary_rows": [27],
    "sheets": sheets,
    "refuse_reason": "Aggregated table (one row per kecamatan) with ELEVEN unsur columns V1..V11 whose values are weighted "
                     "NRR (NRR x 1/11, 2 decimals), not the nine unsur of PermenPANRB 14/2017; row 27 ('Banyuwangi', merged A27:B27) is a total row. "
                     "Remedy: this is another instrument (11 unsur) and already weighted; the user should upload the per-respondent "
                     "answers of a nine-unsur questionnaire (or a table of NRR per unsur for the nine unsur) instead."})
