"""Errors a user can act on; every message is Bahasa Indonesia.

SkmError
 ├── ImportRejected      a file was refused; `.problems` names file, row and column
 ├── ImportConflict      the unit/period/layanan already has other data (use replace)
 ├── UnitNotFound        no unit at that path, or a name that is not unique
 ├── PeriodInvalid       '2024-S3', 'semester 1'
 ├── StoreError          the database refused an operation
 │    └── PeriodLocked   the unit's period is approved (disetujui) and locked
 ├── AccessDenied        the account may not do that (never names a unit out of its scope)
 ├── LoginRefused        wrong name/password, disabled account, too many attempts
 ├── ImageRefused        an uploaded photo does not decode, or is too large
 ├── AccountError        an account could not be created or changed (name taken, short password)
 ├── LinkInvalid         a questionnaire or results link that names nothing
 ├── KuesionerRejected   an online answer refused (incomplete, a closed semester)
 ├── RateLimited         too many online answers from one client, session or link
 └── FormExpired         a questionnaire form already sent, expired or of another link
"""

from __future__ import annotations

from dataclasses import dataclass


class SkmError(Exception):
    """Base of every error whose message is meant for the user."""


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    row: int | None = None  # as the user sees it: 1 is the file's first line / sheet row
    column: str | None = None  # header text, with the sheet letter for XLSX

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.message}"


class ImportRejected(SkmError):
    MAX_LISTED = 50

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        # What each column was recognised as, when the header row was read (skm.ingest.Column).
        self.columns: list | None = None
        shown = [str(p) for p in problems[: self.MAX_LISTED]]
        more = len(problems) - len(shown)
        if more > 0:
            shown.append(f"… dan {more} masalah lain")
        super().__init__("File ditolak, tidak ada data yang disimpan.\n" + "\n".join(shown))


class ImportConflict(SkmError):
    pass


class UnitNotFound(SkmError):
    pass


class PeriodInvalid(SkmError):
    pass


class StoreError(SkmError):
    pass


class PeriodLocked(StoreError):
    pass


class AccessDenied(SkmError):
    def __init__(self, message: str = "Akun Anda tidak berwenang melakukan tindakan ini untuk unit yang dipilih."):
        super().__init__(message)


class ImageRefused(SkmError):
    """An uploaded photo was refused (not a decodable PNG/JPEG, or too large); names the file."""


class LoginRefused(SkmError):
    pass


class AccountError(SkmError):
    pass


class LinkInvalid(SkmError):
    pass


class KuesionerRejected(SkmError):
    pass


class RateLimited(SkmError):
    pass


class FormExpired(SkmError):
    pass
