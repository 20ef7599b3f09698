"""thidua: a scoring engine for emulation and commendation awards (thi đua – khen thưởng)."""

__version__ = "0.1.0"
