"""Moved to skm.settings (storage reads it, and storage stays below report); kept for old imports."""

from skm.settings import BAB_I_DEFAULT, DATE_FIELDS, ReportSettings, default_settings

__all__ = ["BAB_I_DEFAULT", "DATE_FIELDS", "ReportSettings", "default_settings"]
