# ikm-lama (DPMPTSP Kabupaten Pulang Pisau) tblhasilsurvei: nine answer columns whose unsur are the app's
# tblpertanyaan_point labels: the PermenPAN 16/2014 set with "Maklumat pelayanan" and WITHOUT "Sarana dan Prasarana".
import csv
from _skm import *
rows = list(csv.reader(open("../refuse_dpmptsp_pulpis_maklumat_2014.csv", encoding="utf-8", newline="")))
h = rows[0]
assert "Maklumat pelayanan" in h and not any("sarana" in x.lower() for x in h)
emit("refuse_dpmptsp_pulpis_maklumat_2014.csv", {"kind": "refuse", "layanan": {}, "unit_ikm": None, "summary_rows": [],
     "data_rows": len(rows) - 1,
     "refuse_reason": "The nine answer columns include 'Maklumat pelayanan' (an unsur of the earlier PermenPAN-RB 16/2014) "
                      "and no 'Sarana dan Prasarana', so the file follows the earlier rules, not PermenPANRB 14/2017. "
                      "Remedy: IKM under the 2017 rules cannot be computed from it (one unsur differs); survey with the 2017 "
                      "questionnaire (U9 Sarana dan Prasarana) or, if the office knowingly wants it, map columns explicitly "
                      "(--map) accepting that the result is not a 2017 IKM."})
