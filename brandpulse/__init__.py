"""brandpulse: brand mention analysis."""

__version__ = "0.1.0"
