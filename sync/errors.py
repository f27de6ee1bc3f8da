"""Typed sync failures: transient ones are retried with backoff, permanent ones need a person."""

from __future__ import annotations

from core.errors import Params, TongbanError


class SyncError(TongbanError):
    """A sync request or round failed. ``message`` is Chinese for staff, ``detail`` English for logs.

    ``code`` is the platform's ErrorCode value when it gave one, else a local code such as
    ``unreachable``, ``timeout`` or ``tls`` (a GUI describes it as ``sync.<code>``). ``status`` is
    the HTTP status, if a response came; ``params`` the values the message names.
    """

    exit_code = 1  # the platform or the link failed, not the user's input
    default_code = ""  # the platform's code, or a local one: no code is a failure nobody named

    def __init__(
        self,
        message: str,
        detail: str = "",
        *,
        code: str = "",
        status: int | None = None,
        clock_skew_s: float | None = None,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, detail, code=code, params=params)
        self.status = status
        self.clock_skew_s = clock_skew_s


class SyncTransientError(SyncError):
    """Worth retrying as it is: no connection, a timeout, 5xx, 429 (DESIGN.md: back off, retry).

    ``unreachable`` is true when no HTTP answer came at all (connection refused or reset, a
    timeout): only then does a successful health probe mean the next round may start at once.
    ``retry_after`` is the platform's Retry-After in seconds, honoured by the backoff.
    """

    def __init__(
        self,
        message: str,
        detail: str = "",
        *,
        code: str = "",
        status: int | None = None,
        retry_after: float | None = None,
        unreachable: bool = False,
        params: Params | None = None,
    ) -> None:
        super().__init__(message, detail, code=code, status=status, params=params)
        self.retry_after = retry_after
        self.unreachable = unreachable


class SyncPermanentError(SyncError):
    """Retrying the same request cannot help: other 4xx, a schema violation, a TLS pin mismatch,
    a device clock the platform refuses. Staff or an administrator must act."""
