"""The server refuses what is not its own: a real server on loopback, a real client."""

from __future__ import annotations

import asyncio
import time
from asyncio.subprocess import Process
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import WSMsgType

from sparring.cli.serve import app_command
from sparring.cli.web import GuardedServer, listening_socket


@pytest.fixture
async def server(tmp_path: Path, app_processes: list[Process]) -> AsyncIterator[GuardedServer]:
    command = app_command(tmp_path / "data", wall=True, show_notes=False, theme=None)
    served = GuardedServer(command, listening_socket("127.0.0.1"), font_size=28)
    runner = await served.start()
    yield served
    await runner.cleanup()


async def status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession() as client, client.get(url, headers=headers) as reply:
        return reply.status


async def test_the_printed_address_is_served(server: GuardedServer):
    async with aiohttp.ClientSession() as client, client.get(server.url) as reply:
        assert reply.status == 200
        page = await reply.text()
    assert f"ws://127.0.0.1:{server.port}/ws/{server.token}" in page
    assert 'data-font-size="28"' in page


async def test_a_missing_or_wrong_token_is_refused(server: GuardedServer):
    base = server.public_url
    assert await status(f"{base}/") == 403
    assert await status(f"{base}/?token=wrong") == 403
    assert await status(f"{base}/?token={server.token[:-1]}") == 403


async def test_a_wrong_host_is_refused(server: GuardedServer):
    assert await status(server.url, Host=f"evil.example:{server.port}") == 421
    assert await status(server.url, Host=f"127.0.0.1:{server.port + 1}") == 421
    assert await status(server.url, Host=f"localhost:{server.port}") == 200


async def test_a_foreign_origin_is_refused(server: GuardedServer):
    assert await status(server.url, Origin="http://evil.example") == 403
    assert await status(server.url, Origin=f"http://127.0.0.1:{server.port}") == 200


async def handshake(server: GuardedServer, token: str, origin: str | None) -> int:
    headers = {"Origin": origin} if origin else {}
    url = f"ws://127.0.0.1:{server.port}/ws/{token}?width=100&height=30"
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_the_websocket_needs_the_token_and_the_origin(server: GuardedServer):
    own = f"http://127.0.0.1:{server.port}"
    assert await handshake(server, "wrong", own) == 403
    assert await handshake(server, server.token, None) == 403
    assert await handshake(server, server.token, "http://evil.example") == 403
    assert await handshake(server, server.token, "null") == 403


async def test_with_the_token_and_origin_the_wall_runs_in_the_browser(server: GuardedServer):
    url = f"ws://127.0.0.1:{server.port}/ws/{server.token}?width=100&height=30"
    seen = b""
    async with aiohttp.ClientSession() as client, client.ws_connect(
        url, headers={"Origin": f"http://127.0.0.1:{server.port}"}
    ) as socket:
        deadline = time.monotonic() + 20
        while b"Waiting" not in seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the wall did not show in the browser's terminal"
            message = await asyncio.wait_for(socket.receive(), remaining)
            assert message.type in (WSMsgType.BINARY, WSMsgType.TEXT), message
            if message.type == WSMsgType.BINARY:
                seen += message.data
        await socket.close()
