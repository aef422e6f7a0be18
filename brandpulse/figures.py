"""Arithmetic of the figures brandpulse shows, shared by the report, the terminal's tables and `evaluate`: rounding
as a spreadsheet rounds, and the lower bound of a proportion."""

from __future__ import annotations

import numpy as np


def round_pct(values, decimals: int = 1):
    """Percentages, NSS and their changes to 0.1 (or `decimals`) as a spreadsheet's ROUND does, halves away
    from zero: 1 of 16 is 6.25, shown 6.3, where pandas' `round` and Python's format took the even digit (6.2),
    and 12.5 is 13 %, not 12 %. Never -0.0. A half that binary floats hold a hair below it is a half too, as in
    a spreadsheet: an average of 0.145 (0.14499999999999999) is 0.15 to 0.01."""
    scale = 10**decimals
    return np.sign(values) * np.floor(np.round(np.abs(values) * scale, 9) + 0.5) / scale + 0.0


def wilson_low(successes: np.ndarray, n: np.ndarray, z: float = 1.96) -> np.ndarray:
    """Lower bound of the Wilson score interval for a proportion (NaN where n is 0)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        p = successes / n
        centre = p + z * z / (2 * n)
        spread = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        return (centre - spread) / (1 + z * z / n)
