"""SKM Dashboard domain package: PermenPANRB 14/2017 survey math, import, storage and reports.

This package never imports streamlit; the pages in `pages/` are thin layers over it.
"""
