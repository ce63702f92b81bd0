"""Sparring in a web browser: textual-serve, with the checks it does not make itself.

textual-serve starts one app process per browser connection, and checks neither the
Host header nor the WebSocket's Origin: any web page open on the machine could drive the
app and read every session's notes. This server refuses what is not its own:

- a random token, in the URL it prints, is required on the page and on the WebSocket
  (in the WebSocket's path, as textual.js adds its own query to that URL);
- the Host header must name the address it serves on (a DNS-rebinding page cannot);
- an Origin, when sent (a browser always sends one on a WebSocket, which must have one),
  must be the server's own.
"""

from __future__ import annotations

import secrets
import socket
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server

from sparring.cli.serve import LOOPBACK
from sparring.i18n import _


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class GuardedServer(Server):
    """textual-serve's server, serving only to who has the token, at its own address.

    Args:
        command: the shell command each browser connection runs.
        sock: a listening socket (bound to the address to serve on).
        host: the address or name the browser is to use (as in the printed URL).
        font_size: the terminal's font size in the browser, in pixels.
        token: the secret the URL carries; a new random one if None.
    """

    def __init__(self, command: str, sock: socket.socket, *, host: str = LOOPBACK,
                 font_size: int = 16, title: str = "Sparring", token: str | None = None):
        self.sock = sock
        port = int(sock.getsockname()[1])
        super().__init__(command, host=host, port=port, title=title,
                         public_url=f"http://{_url_host(host)}:{port}")
        self.token = token or secrets.token_urlsafe(32)
        self.font_size = font_size
        names = {_url_host(host)} | ({"localhost"} if host == LOOPBACK else set())
        self.allowed_hosts = {f"{name}:{port}" for name in names}
        self.allowed_origins = {f"http://{name}" for name in self.allowed_hosts}

    @property
    def url(self) -> str:
        """The address to open, token included."""
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        # textual-serve's own routes, less its downloads (Sparring writes its exports to
        # disk), with the token in the WebSocket's path.
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws/{token}", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, name="static"),
        ])
        return app

    def _has_token(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a request for another host, from another origin, or without the token."""
        if request.headers.get("Host") not in self.allowed_hosts:
            raise web.HTTPMisdirectedRequest(text=_("Not this server's address.") + "\n")
        origin = request.headers.get("Origin")
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        if (origin is not None or websocket) and origin not in self.allowed_origins:
            raise web.HTTPForbidden(text=_("Not from this server's page.") + "\n")
        if request.path.startswith("/static/"):
            return await handler(request)  # textual-serve's own scripts, styles and fonts
        given = request.match_info.get("token") if websocket else request.query.get("token")
        if not self._has_token(given):
            refused = _("Open the address Sparring printed, token included.")
            raise web.HTTPForbidden(text=refused + "\n")
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page, with the WebSocket's address (token included) and the font size."""
        size = request.query.get("fontsize", "")
        font_size = int(size) if size.isdigit() and 6 <= int(size) <= 200 else self.font_size
        static = request.app.router["static"].url_for(filename="/")
        context: dict[str, Any] = {
            "font_size": font_size,
            "app_websocket_url": f"ws://{self.public_url.removeprefix('http://')}/ws/"
                                 f"{self.token}",
            "config": {"static": {"url": f"{self.public_url}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def start(self) -> web.AppRunner:
        """Serve on the socket in the running event loop; stop it with `runner.cleanup()`."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        await web.SockSite(runner, self.sock).start()
        return runner

    def run(self) -> None:
        """Serve until ctrl+c (or SIGTERM)."""
        web.run_app(self._make_app(), sock=self.sock, print=None, handle_signals=True)


def listening_socket(host: str, port: int = 0) -> socket.socket:
    """A socket listening on `host`, on `port` (0: a free one)."""
    return socket.create_server((host, port))
