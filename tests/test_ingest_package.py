"""The shape of skm/ingest/: a sorted public surface, and no module reaching into another's
private helpers (the columnar and row-by-row readers share the vocabulary, not each other)."""

from __future__ import annotations

import ast
from pathlib import Path

import skm.ingest

PACKAGE = Path(skm.ingest.__file__).parent


def test_all_is_sorted_and_every_name_is_there():
    # isort-style, as ruff keeps it: constants, then classes, then functions, each alphabetical
    assert skm.ingest.__all__ == sorted(skm.ingest.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in skm.ingest.__all__:
        assert hasattr(skm.ingest, name), name


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from skm... import name` in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("skm"):
            found += [(node.module, alias.name) for alias in node.names]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr.startswith("_")
            and node.value.id in {"ingest", "columnar", "rows", "mapping", "vocabulary", "safe_xlsx"}
        ):
            found.append((node.value.id, node.attr))
    return found


def test_no_module_imports_a_private_helper_of_another():
    for path in sorted(PACKAGE.glob("*.py")):
        private = [(m, n) for m, n in _imports(path) if n.startswith("_") and n != "__future__"]
        assert not private, f"{path.name} uses {private}"


def test_the_two_readers_do_not_import_each_other():
    rows = {m for m, _ in _imports(PACKAGE / "rows.py")} | {f"{m}.{n}" for m, n in _imports(PACKAGE / "rows.py")}
    columnar = {m for m, _ in _imports(PACKAGE / "columnar.py")} | {
        f"{m}.{n}" for m, n in _imports(PACKAGE / "columnar.py")
    }
    assert not any("columnar" in m for m in rows)
    assert not any(m.endswith(".rows") or m == "skm.ingest.rows" for m in columnar)
