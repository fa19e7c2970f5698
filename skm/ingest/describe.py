"""What was detected in a file, as plain data (`python -m skm import --dry-run [--json]`)."""

from __future__ import annotations

from skm.errors import ImportRejected
from skm.ingest.edits import duplicate_rows
from skm.ingest.survey import KIND_RESPONSES, Survey


def describe(survey: Survey) -> dict:
    """Kind, each column with its role/unsur and reason, answer words, summary rows left out,
    duplicates, layanan with their row counts, and the warnings."""
    frame = survey.responses if survey.kind == KIND_RESPONSES else survey.aggregates
    assert frame is not None
    counts = frame["layanan"].value_counts(sort=False)
    return {
        "file": survey.filename,
        "format": survey.file_format,
        "kind": survey.kind,
        "rows": survey.row_count,
        "details": survey.details,
        "layanan": [{"name": str(name), "rows": int(n)} for name, n in counts.items()],
        "columns": [
            {"letter": c.letter, "header": c.header, "role": c.role, "unsur": c.unsur, "reason": c.how}
            for c in survey.columns
        ],
        "answer_words": {
            code: [{"text": text, "score": score, "count": n} for text, score, n in words]
            for code, words in survey.word_maps.items()
        },
        "summary_rows": [{"row": s.row, "kind": s.kind, "label": s.label} for s in survey.summary_rows],
        "duplicates": [{"row": row, "same_as": first} for row, first in duplicate_rows(survey)],
        "warnings": survey.warnings,
    }


def describe_refusal(exc: ImportRejected) -> dict:
    return {
        "kind": "refused",
        "problems": [{"file": p.file, "row": p.row, "column": p.column, "message": p.message} for p in exc.problems],
        "columns": [
            {"letter": c.letter, "header": c.header, "role": c.role, "unsur": c.unsur, "reason": c.how}
            for c in exc.columns or []
        ],
    }


def describe_text(info: dict) -> list[str]:
    """The same as lines for a terminal, in Indonesian."""
    if info["kind"] == "refused":
        return ["File ditolak (tidak ada yang disimpan):", *(f"  - {p['message']}" for p in info["problems"])]
    kind = "jawaban per responden" if info["kind"] == KIND_RESPONSES else "tabel NRR agregat"
    out = [f"{info['file']}: {kind}, {info['rows']} baris, format {info['format']}"]
    out += [f"  {k}: {v}" for k, v in info["details"].items()]
    out.append("Kolom:")
    for c in info["columns"]:
        role = c["unsur"] or c["role"]
        out.append(f"  {c['letter']:>3} {c['header'][:60]!r:<62} → {role:<14} {c['reason']}")
    if info["answer_words"]:
        out.append("Jawaban → nilai:")
        for code, words in info["answer_words"].items():
            out.append(f"  {code}: " + "; ".join(f"{w['text']!r}={w['score']} ({w['count']}×)" for w in words[:12]))
    out.append("Layanan: " + "; ".join(f"{x['name']} ({x['rows']})" for x in info["layanan"]))
    if info["summary_rows"]:
        rows = ", ".join(str(s["row"]) for s in info["summary_rows"])
        out.append(f"Baris ringkasan/keterangan yang tidak dihitung: {rows}")
    if info["duplicates"]:
        out.append("Duplikat persis: " + ", ".join(f"{d['row']} (= {d['same_as']})" for d in info["duplicates"]))
    out += [f"Catatan: {w}" for w in info["warnings"]]
    out.append("Uji coba saja: tidak ada yang disimpan.")
    return out
