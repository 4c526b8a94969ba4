"""Request-size limits enforced before any endpoint sees a byte of the body.

An endpoint cannot refuse a 2 GB upload once the framework has buffered it, so this ASGI
middleware reads the body itself, stops at the limit with a 413, and replays the bytes to
the app otherwise.  Limits are per path prefix: extraction takes one article, ingestion a
batch.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


Guard = Callable[[Scope], bool]


class BodyLimit:
    """Refuse request bodies larger than the limit for their path (413, JSON).

    A path may have a guard (e.g. "carries the ingest token"): a request that fails it gets
    only the default limit, so a stranger cannot make the server buffer a large batch.
    """

    def __init__(self, app: ASGIApp, limits: dict[str, int], default: int,
                 guards: dict[str, Guard] | None = None) -> None:
        self.app = app
        self.limits = sorted(limits.items(), key=lambda kv: -len(kv[0]))
        self.default = default
        self.guards = guards or {}

    def limit_for(self, path: str, scope: Scope | None = None) -> int:
        for prefix, n in self.limits:
            if path.startswith(prefix):
                guard = self.guards.get(prefix)
                if guard is not None and (scope is None or not guard(scope)):
                    return self.default
                return n
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""), scope)
        too_big = {"error": "payload_too_large", "message": f"request body larger than {limit:,} bytes"}
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_json(send, 400, {"error": "bad_request", "message": "invalid Content-Length"})
                    return
                if declared > limit:
                    await send_json(send, 413, too_big)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_json(send, 413, too_big)
                return
            chunks.append(chunk)
            if not msg.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
