"""The online questionnaire's integrity rules: when an answer is refused or held for review
(skm.tinjauan explains them; skm.storage.kuesioner applies them inside the answer's transaction).

    rules = Rules.from_env()   # thresholds (SKM_KUESIONER_*), the defaults otherwise
    rules = Rules.off()        # nothing capped or held (benchmarks, storage tests)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

REASON_POLA, REASON_KLIEN, REASON_TAUTAN = "pola", "klien", "tautan"


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Rules:
    per_link_day: int = 300  # answers a day through one link; above it refused
    burst_minutes: float = 10.0
    burst_per_link: int = 5  # answers through one link within burst_minutes that count at once
    burst_per_client: int = 3  # answers from one client within burst_minutes that count at once
    same_pattern: int = 2  # this many identical answers within pattern_hours: the whole run is held
    pattern_hours: float = 24.0
    form_minutes: float = 120.0  # how long a drawn form's one-time token stays valid

    @classmethod
    def from_env(cls) -> Rules:
        """SKM_KUESIONER_PER_LINK_DAY, SKM_KUESIONER_BURST_MINUTES, SKM_KUESIONER_BURST_PER_LINK,
        SKM_KUESIONER_BURST_PER_CLIENT, SKM_KUESIONER_SAME_PATTERN, SKM_KUESIONER_PATTERN_HOURS,
        SKM_KUESIONER_FORM_MINUTES; the defaults above otherwise."""
        d = cls()
        return cls(
            per_link_day=int(_env_number("SKM_KUESIONER_PER_LINK_DAY", d.per_link_day)),
            burst_minutes=_env_number("SKM_KUESIONER_BURST_MINUTES", d.burst_minutes),
            burst_per_link=int(_env_number("SKM_KUESIONER_BURST_PER_LINK", d.burst_per_link)),
            burst_per_client=int(_env_number("SKM_KUESIONER_BURST_PER_CLIENT", d.burst_per_client)),
            same_pattern=int(_env_number("SKM_KUESIONER_SAME_PATTERN", d.same_pattern)),
            pattern_hours=_env_number("SKM_KUESIONER_PATTERN_HOURS", d.pattern_hours),
            form_minutes=_env_number("SKM_KUESIONER_FORM_MINUTES", d.form_minutes),
        )

    @classmethod
    def off(cls) -> Rules:
        """No cap and nothing held (benchmarks and tests of storage itself, which say so)."""
        big = 10**9
        return cls(per_link_day=big, burst_per_link=big, burst_per_client=big, same_pattern=big)
