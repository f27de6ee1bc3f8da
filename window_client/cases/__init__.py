"""The case desk (办件查询): find a case, see its timeline and department results, act on it."""

from window_client.cases.panel import CaseDeskPanel

__all__ = ["CaseDeskPanel"]
