"""Response headers that make the dashboard safe to open from a shared server.

The dashboard renders article text that came from the outside world; a strict Content
Security Policy (scripts and styles only from this server, no inline script) means a
crafted article cannot run code in a reader's browser even if an escaping bug slipped in.
"""

from __future__ import annotations

from rasad.api.limits import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI's page bootstraps with an inline script.
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (CSP_DOCS if scope.get("path") == "/docs" else CSP).encode()

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"content-security-policy", csp))
                msg["headers"] = headers
            await send(msg)

        await self.app(scope, receive, send_with_headers)
