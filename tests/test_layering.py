"""The layering of the code, read from the source with `ast` (nothing is imported):

- no import cycle among skm modules, nor among ui modules (imports at the top and inside functions
  both count; only imports under `if TYPE_CHECKING:` are left out: they never run);
- skm/storage/ imports only the modules below it, never report, pekppp, kuesioner, summary, …;
- no module outside skm/storage (its backup.py included) holds SQL that writes;
- skm never imports streamlit.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What skm/storage may import from skm: the plain modules beneath it.
STORAGE_MAY_IMPORT = {
    "skm",
    "skm.errors",
    "skm.images",
    "skm.ingest",
    "skm.integrity",
    "skm.names",
    "skm.publication",
    "skm.rtl",
    "skm.scoring",
    "skm.settings",
    "skm.source_file",
    "skm.units",
    "skm.unsur",
}
# The one cycle left, named so it cannot grow: ingest.read_survey hands well-formed files to the
# columnar fast path, which reuses ingest's header and answer readers. Breaking it means moving
# those readers into a module of their own (ingest.py is 1.000 lines); not done yet.
KNOWN_CYCLES: list[list[str]] = []  # none left: the importer is the skm/ingest/ package
WRITING_SQL = re.compile(r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE)\b", re.I)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    files = [
        ROOT / "app.py",
        *(ROOT / "skm").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "pages").rglob("*.py"),
    ]
    return {_module_name(p): p for p in files}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """Every module imported anywhere in the tree (functions included), as full names."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:  # `from skm import kuesioner` imports the module skm.kuesioner
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def _graph() -> tuple[dict[str, set[str]], dict[str, ast.AST]]:
    sources = _sources()
    trees = {m: ast.parse(p.read_text(), filename=str(p)) for m, p in sources.items()}
    known = set(sources)
    graph = {
        m: {i for i in _imports(t, m, sources[m].name == "__init__.py", known) if i in known and i != m}
        for m, t in trees.items()
    }
    return graph, trees


def _cycles(graph: dict[str, set[str]], prefix: str) -> list[list[str]]:
    """Strongly connected components of more than one module among those under `prefix` (Tarjan)."""
    nodes = [m for m in graph if m == prefix or m.startswith(prefix + ".")]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in nodes:
                continue
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in nodes:
        if v not in index:
            strong(v)
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_no_import_cycle_among_skm_modules():
    graph, _ = _graph()
    assert [c for c in _cycles(graph, "skm") if c not in KNOWN_CYCLES] == []


def test_no_import_cycle_among_ui_modules():
    graph, _ = _graph()
    assert _cycles(graph, "ui") == []


def test_storage_imports_only_lower_modules():
    graph, _ = _graph()
    wrong = {
        m: sorted(i for i in imported if i.startswith("skm") and not i.startswith("skm.storage"))
        for m, imported in graph.items()
        if m == "skm.storage" or m.startswith("skm.storage.")
    }
    wrong = {m: [i for i in imported if i not in STORAGE_MAY_IMPORT] for m, imported in wrong.items()}
    assert {m: i for m, i in wrong.items() if i} == {}


def test_only_storage_and_backup_hold_writing_sql():
    _, trees = _graph()
    offenders = {}
    for module, tree in trees.items():
        if module.startswith("skm.storage"):
            continue
        docs = _docstrings(tree)
        texts = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
        ]
        texts += [
            "".join(v.value for v in n.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            for n in ast.walk(tree)
            if isinstance(n, ast.JoinedStr)
        ]
        hits = [t.strip()[:60] for t in texts if WRITING_SQL.search(t)]
        if hits:
            offenders[module] = hits
    assert offenders == {}


def test_skm_never_imports_streamlit():
    graph, trees = _graph()
    sources = _sources()
    known = set(sources)
    users = sorted(
        m
        for m, t in trees.items()
        if m.startswith("skm")
        and any(
            i == "streamlit" or i.startswith("streamlit.")
            for i in _imports(t, m, sources[m].name == "__init__.py", known)
        )
    )
    assert users == []


def test_the_checks_see_what_they_look_for():
    """The graph is not empty and the checks can fail: a known import and a cycle are found."""
    graph, _ = _graph()
    assert "skm.storage" in graph["skm.summary"]
    assert _cycles({"skm.a": {"skm.b"}, "skm.b": {"skm.a"}}, "skm") == [["skm.a", "skm.b"]]
    assert WRITING_SQL.search("INSERT OR REPLACE INTO meta VALUES (1)")
    assert WRITING_SQL.search("UPDATE users SET x = 1") and not WRITING_SQL.search("Update data lama")
