import csv
from _skm import *
rows = list(csv.reader(open("../refuse_lab_servqual_3_unsur.csv", encoding="utf-8", newline="")))
assert rows[2][:4] == ["NO", "U1", "U2", "U3"]
data = rows[3:23]
emit("refuse_lab_servqual_3_unsur.csv", {"kind": "refuse", "layanan": {}, "unit_ikm": None,
     "summary_rows": [24, 25, 26, 27], "answers_equal_5": sum(r[1:4].count("5") for r in data),
     "refuse_reason": "Only three unsur (U1..U3) - one SERVQUAL dimension ('Kehandalan / Reliability') of a "
                      "laboratory satisfaction survey, weighted x 0.33; and one answer is 5. Not the nine unsur of "
                      "PermenPANRB 14/2017. Remedy: an IKM needs all nine unsur per respondent; this table cannot be "
                      "converted."})
