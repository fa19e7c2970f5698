"""The one normal form of an account name, used for look-ups, uniqueness and the login limits.

NFKC folds look-alike forms (fullwidth 'ｏｐ', ligatures) into plain letters, casefold folds
case. Python does both here, never the database's lower(): DuckDB's lower() and Python's
casefold() disagree on letters such as 'İ' (U+0130), and a limit counted under one spelling must
hold for every spelling that reaches the same account.

>>> account_key("  OP.Cipinang ")
'op.cipinang'
>>> account_key("ｏｐ.ｃｉｐｉｎａｎｇ")
'op.cipinang'
>>> account_key("op.cİpinang") == account_key("op.cipinang")  # a dotted capital I is another letter
False
"""

from __future__ import annotations

import unicodedata


def account_key(name: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())
