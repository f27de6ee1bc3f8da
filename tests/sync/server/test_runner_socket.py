"""The platform's listening socket (sync/server/runner.py ``bind``): the connections it accepts
get TCP_NODELAY from asyncio, so a keep-alive answer written in two pieces is not held ~40 ms by
Nagle waiting for the client's delayed ACK (every device request after the first paid it)."""

from __future__ import annotations

import asyncio
import socket

from sync.server.runner import bind


def test_accepted_connections_are_sent_without_nagle_delay() -> None:
    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listening = bind("127.0.0.1", 0)
        server = await asyncio.start_server(on_connection, sock=listening)
        async with server:
            host, port = listening.getsockname()[:2]
            _, writer = await asyncio.open_connection(host, port)
            try:
                return await asyncio.wait_for(seen, 10)
            finally:
                writer.close()
                await writer.wait_closed()

    assert asyncio.run(accepted_nodelay()) != 0
