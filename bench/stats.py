"""Medians with their spread, as every figure of the benchmark is reported."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Median, minimum and maximum of n samples."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, samples: list[float]) -> "Summary":
        if not samples:
            raise ValueError("no samples")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def show(self, unit: str = "s", digits: int = 2) -> str:
        """'1.23 s (1.10–1.40, n=5)'."""
        space = "" if unit in ("%", "×", "") else " "
        return (f"{self.median:.{digits}f}{space}{unit} "
                f"({self.low:.{digits}f}–{self.high:.{digits}f}, n={self.n})")

    def as_dict(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high, "n": self.n}


def summarize(samples: list[float]) -> Summary:
    return Summary.of(samples)
