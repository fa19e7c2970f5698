"""The report's letter settings per unit and period."""

from __future__ import annotations

from datetime import datetime

from skm.settings import ReportSettings, default_settings
from skm.storage.audit import audit
from skm.storage.core import StoreCore
from skm.storage.query import _one
from skm.units import Period, Unit


class SettingsMixin(StoreCore):
    def report_settings(self, unit: Unit, period: Period) -> ReportSettings:
        """The unit's settings for the period; else its latest earlier ones; else a first guess."""
        row = _one(
            self.cursor(),
            """SELECT settings, tahun, semester FROM report_settings WHERE unit_id = ?
                 AND (tahun < ? OR (tahun = ? AND semester <= ?))
               ORDER BY tahun DESC, semester DESC LIMIT 1""",
            [unit.id, period.tahun, period.tahun, period.semester],
        )
        if row is None:
            return default_settings(unit)
        settings = ReportSettings.from_json(row[0])
        if Period(row[1], row[2]) != period:  # kop and signatory carry over; the letter itself does not
            settings.nomor, settings.hal, settings.tanggal, settings.tanggal_terbit = "", "", None, None
        return settings

    def save_report_settings(
        self, unit_id: int, period: Period, settings: ReportSettings, actor: str | None = None
    ) -> None:
        with self.transaction() as cur:
            audit(cur, actor or "sistem", "settings_save", unit_id, period)
            cur.execute(
                "INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?, ?, ?)",
                [unit_id, period.tahun, period.semester, settings.to_json(), datetime.now()],
            )
