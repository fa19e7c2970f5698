"""What an account may see and do: its scope in the unit tree and a role × action table.

    access = Access.for_user(user, store.units())
    access.visible(units)             # only the units in scope, in any picker or table
    access.can("import", unit.id)     # False: the button is not shown, the store is not called
    access.require("approve", unit.id)  # AccessDenied, a message that never names the unit

Scope: admin, every unit; pimpinan, their unit and everything below it; operator, their own unit
only (a kelurahan). Units above the scope, or beside it, are never in it: not even their names
(`display_path` starts a path at the scope's top).

Approval goes one level up: a kelurahan's period is submitted by its operator, a kecamatan's (its
recap) by the camat's own account, and approved by the pimpinan above (the camat, the walikota) or
an admin. A unit at the top of the tree (the kota) has nobody above: its walikota approves it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from skm.accounts import ADMIN, OPERATOR, PIMPINAN, User
from skm.errors import AccessDenied
from skm.units import Unit

VIEW, IMPORT, RTL_EDIT, SETTINGS_EDIT, SUBMIT, APPROVE, REOPEN, REPORT, ADMIN_ACTION = (
    "view",
    "import",
    "rtl_edit",
    "settings_edit",
    "submit",
    "approve",
    "reopen",
    "report",
    "admin",
)
ACTIONS = (VIEW, IMPORT, RTL_EDIT, SETTINGS_EDIT, SUBMIT, APPROVE, REOPEN, REPORT, ADMIN_ACTION)

# Actions of each role on a unit in its scope. Pimpinan approve/reopen only below their own unit
# (the pimpinan *above* a kelurahan approves it) or their own unit at the top of the tree, submit
# only their own unit (a kecamatan's recap, to the walikota), and edit the letter settings of their
# own unit only (the camat's Laporan Rekapitulasi is signed by the camat; a kelurahan's letter is its
# operator's).
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    ADMIN: frozenset(ACTIONS),
    PIMPINAN: frozenset({VIEW, REPORT, SUBMIT, APPROVE, REOPEN, SETTINGS_EDIT}),
    OPERATOR: frozenset({VIEW, IMPORT, RTL_EDIT, SETTINGS_EDIT, SUBMIT, REPORT}),
}


@dataclass(frozen=True)
class Access:
    user: User
    scope: frozenset[int]
    root_path: tuple[str, ...]  # the path above the scope's top unit is cut off in display_path
    tops: frozenset[int] = frozenset()  # units at the top of the whole tree (no parent): nobody above

    @classmethod
    def for_user(cls, user: User, units: Sequence[Unit]) -> Access:
        by_id = {u.id: u for u in units}
        tops = frozenset(u.id for u in units if u.parent_id is None)
        if user.role == ADMIN:
            return cls(user, frozenset(by_id), (), tops)
        top = by_id.get(user.unit_id) if user.unit_id is not None else None
        if top is None or user.disabled:  # a unit removed under the account: nothing in scope
            return cls(user, frozenset(), ())
        if user.role == OPERATOR:
            scope = {top.id}
        else:
            scope = {u.id for u in units if u.path[: len(top.path)] == top.path}
        return cls(user, frozenset(scope), top.path[:-1], tops)

    @property
    def is_admin(self) -> bool:
        return self.user.role == ADMIN

    def sees(self, unit_id: int | None) -> bool:
        return unit_id is not None and unit_id in self.scope

    def can(self, action: str, unit_id: int | None = None) -> bool:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if self.is_admin:  # also units created after this Access was made (a new kelurahan on import)
            return True
        allowed = ROLE_ACTIONS.get(self.user.role, frozenset())
        if action not in allowed:
            return False
        if action == ADMIN_ACTION:
            return self.is_admin
        if unit_id is None:  # "may this account ever do it" (menus, pages)
            return bool(self.scope) or self.is_admin
        if not self.sees(unit_id):
            return False
        own = unit_id == self.user.unit_id
        if self.user.role == PIMPINAN and action in (APPROVE, REOPEN):
            return not own or unit_id in self.tops
        if self.user.role == PIMPINAN and action == SUBMIT:
            return own and unit_id not in self.tops
        if self.user.role == PIMPINAN and action == SETTINGS_EDIT:
            return own
        return True

    def require(self, action: str, unit_id: int | None = None) -> None:
        if not self.can(action, unit_id):
            raise AccessDenied()

    def visible(self, units: Iterable[Unit]) -> list[Unit]:
        return [u for u in units if u.id in self.scope]

    def display_path(self, unit: Unit) -> tuple[str, ...]:
        """The unit's path from the top of the scope: an operator sees 'Halim Perdanakusuma', not
        the kota and kecamatan above it."""
        if self.root_path and unit.path[: len(self.root_path)] == self.root_path:
            return unit.path[len(self.root_path) :]
        return unit.path
