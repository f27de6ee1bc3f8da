"""The ``gov-standard`` interface on the wire: paths, the envelope, the app-key signature.

A provincial 统一受理 / 办件汇聚 interface in the shape public integrations show (docs/gov-standard.md):
JSON bodies with an envelope ``{"code": "0", "msg": "…", "data": …}`` (``code`` "0" is success,
anything else names the failure), 办件 records in the national data model (core/banjian, field
names of the public sources), and its own authentication: each request carries ``appKey``,
``timestamp`` (milliseconds), ``nonce`` and ``sign`` headers, ``sign`` = HMAC-SHA256 with the
app secret over ``appKey\\ntimestamp\\nnonce\\nMETHOD\\npath?query\\nsha256(body)`` in lowercase
hex. The 2017 provincial gateway in docs/gov-standard.md signed MD5(appKey + secret + time); the
HMAC form keeps its three inputs and adds the request, so a captured signature cannot be replayed
on another request.

Shared by the adapter (device side) and the simulator (the province's side); no I/O here.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, Final

PREFIX: Final = "/gov/v1"
P_HEALTH: Final = f"{PREFIX}/health"
P_REGISTER: Final = f"{PREFIX}/terminal/register"  # 终端注册: a one-time code → app secret
P_REPORT: Final = f"{PREFIX}/banjian/report"  # 办件上报: a batch of reports, each the records of one case
P_CHANGES: Final = f"{PREFIX}/banjian/changes"  # 办件状态变更: what the departments did, by change id
P_QUERY: Final = f"{PREFIX}/banjian/query"  # 办件查询: records by 办件编号, local number or applicant
P_FILE: Final = f"{PREFIX}/files/{{sha256}}"  # 材料文件: resumable upload by content hash
P_EVALUATIONS: Final = f"{PREFIX}/evaluations"  # 好差评 given with no 办件 (自助终端)

H_APP_KEY: Final = "appKey"
H_TIMESTAMP: Final = "timestamp"  # Unix milliseconds, decimal
H_NONCE: Final = "nonce"  # 32 lowercase hex characters
H_SIGN: Final = "sign"
H_TOTAL_SIZE: Final = "fileSize"  # file uploads: the whole file's size in bytes

OK: Final = "0"
# Failure codes of the envelope (our choice, listed in docs/gov-standard.md).
E_BAD_REQUEST: Final = "400"
E_AUTH: Final = "401"  # unknown app key, bad signature, stale timestamp, replayed nonce
E_NOT_FOUND: Final = "404"
E_OFFSET: Final = "409"  # a file chunk at the wrong offset
E_BAD_RECORD: Final = "422"  # a 办件 record that breaks the data model
E_BUSY: Final = "503"

MAX_REPORTS: Final = 100  # reports per request
MAX_SKEW_MS: Final = 300_000  # a request's timestamp may differ from the platform's clock by 5 minutes


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical(
    app_key: str, timestamp: str, nonce: str, method: str, path_and_query: str, body: bytes
) -> bytes:
    return "\n".join([app_key, timestamp, nonce, method.upper(), path_and_query, body_digest(body)]).encode()


def sign(
    secret: bytes, app_key: str, timestamp: str, nonce: str, method: str, path_and_query: str, body: bytes
) -> str:
    return hmac.new(
        secret, canonical(app_key, timestamp, nonce, method, path_and_query, body), hashlib.sha256
    ).hexdigest()


def sign_matches(
    secret: bytes,
    signature: str,
    app_key: str,
    timestamp: str,
    nonce: str,
    method: str,
    path_and_query: str,
    body: bytes,
) -> bool:
    expected = sign(secret, app_key, timestamp, nonce, method, path_and_query, body)
    return hmac.compare_digest(expected, signature.lower())


def envelope(data: Any, code: str = OK, msg: str = "成功") -> dict[str, Any]:
    return {"code": code, "msg": msg, "data": data}
