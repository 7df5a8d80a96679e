"""The benchmark's exchange: pre-serialised open orders, every signature verified.

One process, one keep-alive HTTP/1.1 server per body shape and order count, so that the client
process measured never pays for the server's work. Run: python bench/server.py SECRET
SHAPE:N ...; it prints one "SHAPE N PORT" line per server and serves until killed. ``serving``
does that from the client's side.
"""

from __future__ import annotations

import hashlib
import hmac
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

from orders import SYMBOL, open_orders_body

BAD_SIGNATURE = b'{"code":-1022,"msg":"Signature for this request is not valid."}'
EXCHANGE_INFO = (
    b'{"timezone":"UTC","serverTime":0,"rateLimits":[],"exchangeFilters":[],"symbols":[{"symbol":"'
    + SYMBOL.encode()
    + b'","pair":"BTCUSD","contractType":"PERPETUAL","deliveryDate":4133404800000,'
    b'"onboardDate":1597042800000,"contractStatus":"TRADING","contractSize":100,"marginAsset":"BTC",'
    b'"maintMarginPercent":"2.5000","requiredMarginPercent":"5.0000","baseAsset":"BTC",'
    b'"quoteAsset":"USD","pricePrecision":1,"quantityPrecision":0,"baseAssetPrecision":8,'
    b'"quotePrecision":8,"equalQtyPrecision":4,"maxMoveOrderLimit":10000,"triggerProtect":"0.0500",'
    b'"underlyingType":"COIN","underlyingSubType":[],"filters":[{"filterType":"PRICE_FILTER",'
    b'"minPrice":"1000","maxPrice":"4520958","tickSize":"0.1"},{"filterType":"LOT_SIZE",'
    b'"stepSize":"1","maxQty":"1000000","minQty":"1"},{"filterType":"MIN_NOTIONAL","notional":"1"}],'
    b'"orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET",'
    b'"TRAILING_STOP_MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"],"liquidationFee":"0.010000",'
    b'"marketTakeBound":"0.05"}]}'
)


def handler_for(secret: bytes, body: bytes) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else small answers wait 40 ms for a delayed ACK

        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, payload: bytes) -> None:
            """Status line, headers and body in one write: one packet for small answers."""
            head = (
                b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                b"X-MBX-USED-WEIGHT-1M: 1\r\n\r\n"
                % (status, self.responses[status][0].encode(), len(payload))
            )
            self.wfile.write(head + payload)

        def _verified(self, query: bytes) -> bool:
            payload, separator, signature = query.rpartition(b"&signature=")
            expected = hmac.new(secret, payload, hashlib.sha256).hexdigest().encode()
            return bool(separator) and hmac.compare_digest(expected, signature.lower())

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            if path == "/dapi/v1/openOrders":
                ok = self._verified(query.encode("latin-1"))
                self._send(200 if ok else 400, body if ok else BAD_SIGNATURE)
            elif path == "/dapi/v1/time":
                self._send(200, b'{"serverTime":%d}' % (time.time_ns() // 1_000_000))
            elif path == "/dapi/v1/exchangeInfo":
                self._send(200, EXCHANGE_INFO)
            else:
                self._send(404, b'{"code":-1000,"msg":"Not found."}')

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # else a burst of 100 connects overflows a backlog of 5


Endpoint = tuple[str, int]
"""A body shape and an order count: what one port serves."""


class Serving(NamedTuple):
    pid: int
    urls: dict[Endpoint, str]


@contextmanager
def serving(secret: str, endpoints: Iterable[Endpoint]) -> Iterator[Serving]:
    """The exchange in its own process while the block runs, and each endpoint's base URL."""
    wanted = list(endpoints)
    command = [sys.executable, str(Path(__file__).resolve()), secret]
    with subprocess.Popen(
        command + [f"{shape}:{count}" for shape, count in wanted], stdout=subprocess.PIPE, text=True
    ) as server:
        try:
            assert server.stdout is not None
            urls = {}
            for _ in wanted:
                shape, count, port = server.stdout.readline().split()
                urls[shape, int(count)] = f"http://127.0.0.1:{port}"
            yield Serving(server.pid, urls)
        finally:
            server.terminate()


def main() -> None:
    secret = sys.argv[1].encode()
    for shape, count in (arg.split(":") for arg in sys.argv[2:]):
        body = open_orders_body(int(count), shape)
        server = Server(("127.0.0.1", 0), handler_for(secret, body))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(shape, count, server.server_address[1], flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
