"""Report documents built from plain data: the Laporan Hasil Tindak Lanjut SKM (PDF) and its
tables as XLSX. See skm/settings.py for what an office fills in once."""
