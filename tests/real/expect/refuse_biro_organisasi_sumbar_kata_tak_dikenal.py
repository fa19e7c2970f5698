# SKM of Biro Organisasi (Pemprov Sumbar) - 3 respondents, answer WORDS, question columns in a scrambled order
# (the app's table order), pengaduan answered with the app's own words "Ada Tetapi Tidak Diterapkan /
# Diterapkan Tetapi Kurang Maksimal / Diterapkan Sepenuhnya" that are not in the issue's vocabulary.
import csv
from _skm import *
rows = list(csv.reader(open("../refuse_biro_organisasi_sumbar_kata_tak_dikenal.csv", encoding="utf-8", newline="")))
h = rows[0]
# column -> (unsur, words 1..4) by reading each question
spec = {
 7: ("U7", ["tidak sopan dan tidak ramah", "kurang sopan dan kurang ramah", "sopan dan ramah", "sangat sopan dan sangat ramah"]),
 8: ("U1", ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"]),
 9: ("U9", ["buruk", "cukup", "baik", "sangat baik"]),
 10: ("U5", ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"]),
 11: ("U3", ["tidak cepat", "kurang cepat", "cepat", "sangat cepat"]),
 12: ("U6", ["tidak kompeten", "kurang kompeten", "kompeten", "sangat kompeten"]),
 13: ("U8", ["tidak ada", "ada tetapi tidak diterapkan", "diterapkan tetapi kurang maksimal", "diterapkan sepenuhnya"]),
 14: ("U2", ["tidak mudah", "kurang mudah", "mudah", "sangat mudah"]),
 15: ("U4", ["sangat mahal", "cukup mahal", "murah", "gratis"]),
}
ans = [{u: w.index(r[c].strip().lower()) + 1 for c, (u, w) in spec.items()} for r in rows[1:]]
b = block("*", len(ans), from_answers(ans))
own = [r[16] for r in rows[1:]]
emit("refuse_biro_organisasi_sumbar_kata_tak_dikenal.csv", {"kind": "refuse", "layanan": {}, "unit_ikm": None,
     "summary_rows": [],
     "refuse_reason": "Unknown answer words in column 13 (M, 'Bagaimana pendapat saudara tentang penanganan pengaduan pengguna "
                      "layanan?'): 'Ada Tetapi Tidak Diterapkan', 'Diterapkan Sepenuhnya', 'Diterapkan Tetapi Kurang Maksimal' "
                      "(the app's own scale for U8). The message must name the word and the column; remedy: map the words "
                      "to 1-4 (Tidak Ada=1 ... Diterapkan Sepenuhnya=4) or extend the vocabulary.",
     "figures_if_words_mapped": {"*": b}, "file_own_hasil_akhir": own,
     "notes": "If the importer learns these words, expected = figures_if_words_mapped (3 respondents). Question columns are "
              "in a scrambled order (perilaku, persyaratan, sarana, produk, waktu, kompetensi, pengaduan, prosedur, biaya) - "
              "only meaning can map them. 'Hasil Akhir' (57.75 ...) is the app's per-respondent score (sum x 0.11 x 25), "
              "a numeric non-answer column. 'Tidak Sopan dan Tidak Ramah' is another perilaku variant."})
