"""Tiny independent helper for the corpus expectations (PermenPANRB 14/2017).
Not project code. NRR per unsur = sum / number of answers (blanks ignored);
IKM = (sum NRR x 1/9) x 25, exact with Fraction; shown rounded half-up."""
from fractions import Fraction as F

import json, sys

U = [f"U{i}" for i in range(1, 10)]

def q(fr, places):
    # exact half-up rounding of a Fraction
    scale = 10 ** places
    n = fr * scale
    fl = n.numerator // n.denominator
    rem = n - fl
    if rem >= F(1, 2):
        fl += 1
    s = str(abs(fl)).rjust(places + 1, "0")
    out = s[:-places] + "." + s[-places:] if places else s
    return ("-" if fl < 0 else "") + out

def mutu(ikm):
    if ikm >= F(8831, 100): return "A"
    if ikm >= F(7661, 100): return "B"
    if ikm >= F(65): return "C"
    return "D"

def from_answers(rows):
    """rows: list of dicts U1..U9 -> int or None. Returns dict of exact figures."""
    nrr = {}
    for u in U:
        vals = [r[u] for r in rows if r.get(u) is not None]
        nrr[u] = F(sum(vals), len(vals)) if vals else None
    return nrr

def ikm_of(nrr):
    return sum(nrr[u] for u in U) * F(1, 9) * 25

def block(name, respondents, nrr):
    ikm = ikm_of(nrr)
    return {"respondents": respondents,
            "nrr": {u: f"{nrr[u].numerator}/{nrr[u].denominator}" for u in U},
            "nrr_4dp": {u: q(nrr[u], 4) for u in U},
            "ikm": q(ikm, 2), "mutu": mutu(ikm),
            "ikm_exact": f"{ikm.numerator}/{ikm.denominator}"}

def emit(fname, obj):
    json.dump({fname: obj}, sys.stdout, ensure_ascii=False, indent=1)
