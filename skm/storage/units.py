"""The unit tree (kota > kecamatan > kelurahan): read once per data version, created on import, renamed."""

from __future__ import annotations

from skm.errors import StoreError, UnitNotFound
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one, _scalar
from skm.units import Unit, level_for_depth, split_path


class UnitsMixin(StoreCore):
    def units(self) -> list[Unit]:
        """Every unit with its path, by name."""
        return list(self._memoised("units", self._read_units))

    def _has_aggregates(self) -> bool:
        """Whether any aggregated table (NRR per layanan) was ever imported."""
        return self._memoised(
            "aggregates", lambda: bool(_scalar(self.cursor(), "SELECT EXISTS (SELECT 1 FROM aggregates)"))
        )

    def _read_units(self) -> list[Unit]:
        rows = self.cursor().execute("SELECT id, parent_id, name, level, is_demo FROM units ORDER BY name").fetchall()
        by_id = {r[0]: r for r in rows}

        def path(uid: int) -> tuple[str, ...]:
            out: list[str] = []
            cur: int | None = uid
            while cur is not None:
                out.append(by_id[cur][2])
                cur = by_id[cur][1]
            return tuple(reversed(out))

        return [Unit(id=r[0], parent_id=r[1], name=r[2], level=r[3], is_demo=r[4], path=path(r[0])) for r in rows]

    def unit(self, unit_id: int) -> Unit:
        for u in self.units():
            if u.id == unit_id:
                return u
        raise UnitNotFound(f"Unit #{unit_id} tidak ada.")

    def children(self, unit_id: int | None) -> list[Unit]:
        return [u for u in self.units() if u.parent_id == unit_id]

    def find_unit(self, text: str) -> Unit:
        """A unit by slash path from the top, or by a name that is unique on its own."""
        parts = split_path(text)
        if not parts:
            raise UnitNotFound("Nama unit kosong.")
        units = self.units()
        exact = [u for u in units if [p.casefold() for p in u.path] == [p.casefold() for p in parts]]
        if exact:
            return exact[0]
        if len(parts) == 1:
            named = [u for u in units if u.name.casefold() == parts[0].casefold()]
            if len(named) == 1:
                return named[0]
            if len(named) > 1:
                options = "; ".join(u.path_text for u in named)
                raise UnitNotFound(f"Nama unit '{parts[0]}' tidak unik. Tulis jalur lengkapnya: {options}.")
        raise UnitNotFound(
            f"Unit '{text}' tidak ditemukan. Tulis jalur dari atas, misalnya "
            "'Jakarta Timur/Makasar/Halim Perdanakusuma'."
        )

    def rename_unit(self, unit_id: int, name: str, actor: str) -> Unit:
        """Give a unit a new name (its data, accounts and links stay with it), audited."""
        clean = " ".join(name.split())
        if not clean or "/" in clean or len(clean) > 120:
            raise StoreError("Nama unit harus diisi, tanpa garis miring (/), paling panjang 120 karakter.")
        with self.transaction() as cur:
            row = _one(cur, "SELECT parent_id, name FROM units WHERE id = ?", [unit_id])
            if row is None:
                raise UnitNotFound("Unit tidak ada.")
            twin = _one(
                cur,
                """SELECT 1 FROM units WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)
                   AND id <> ?""",
                [row[0], clean, unit_id],
            )
            if twin is not None:
                raise StoreError(f"Sudah ada unit bernama '{clean}' di tingkat yang sama.")
            cur.execute("UPDATE units SET name = ? WHERE id = ?", [clean, unit_id])
            audit(cur, actor, "unit_rename", unit_id, None, dari=row[1], menjadi=clean)
        return self.unit(unit_id)

    def ensure_unit_path(self, text: str, is_demo: bool = False, actor: str | None = None) -> tuple[Unit, list[str]]:
        """The unit at a slash path, creating missing units on the way; returns what was created."""
        parts = split_path(text)
        if not parts:
            raise UnitNotFound("Nama unit kosong.")
        created: list[str] = []
        with self.transaction() as cur:
            parent: int | None = None
            for depth, name in enumerate(parts):
                row = _one(
                    cur,
                    "SELECT id FROM units WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)",
                    [parent, name],
                )
                if row is None:
                    row = _one(
                        cur,
                        "INSERT INTO units (parent_id, name, level, is_demo) VALUES (?, ?, ?, ?) RETURNING id",
                        [parent, name, level_for_depth(depth), is_demo],
                    )
                    assert row is not None
                    created.append("/".join(parts[: depth + 1]))
                    audit(cur, actor or "sistem", "unit_create", row[0], None, path=created[-1])
                assert row is not None
                parent = row[0]
        assert parent is not None
        return self.unit(parent), created

    def descendants(self, unit_id: int) -> list[Unit]:
        units = self.units()
        out, frontier = [], {unit_id}
        while frontier:
            nxt = [u for u in units if u.parent_id in frontier]
            out.extend(nxt)
            frontier = {u.id for u in nxt}
        return out
