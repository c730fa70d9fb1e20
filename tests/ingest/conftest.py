"""Fixtures for the ingest tests: the small fixture files and Wikinews articles from ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Packaged defaults, independent of the developer's own settings file."""
    return Settings()


@pytest.fixture(scope="session")
def wikinews(shared_dir) -> list[dict]:
    """The 283 Wikinews articles (CC BY 2.5) as records."""
    path = shared_dir / "data" / "wikinews" / "articles.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Route:
    """What the local test server answers on one path."""

    def __init__(
        self,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        drip: float = 0.0,
        send_length: bool = True,
    ) -> None:
        self.body, self.content_type, self.status = body, content_type, status
        self.send_length = send_length and not drip
        self.headers = headers or {}
        self.delay, self.drip = delay, drip


class LocalServer:
    """A real HTTP server on 127.0.0.1 and a random port, serving registered routes from a thread."""

    def __init__(self) -> None:
        import http.server
        import threading

        routes: dict[str, Route] = {}
        self.routes = routes
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                import time

                requests.append(self.path)
                route = routes.get(self.path) or Route(b"not found", "text/plain", 404)
                time.sleep(route.delay)
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.write_body(route)

            def write_body(self, route: Route) -> None:
                import time

                if not route.drip:
                    self.wfile.write(route.body)
                    return
                for byte in route.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip)

            def log_message(self, format: str, *args) -> None:  # keep test output quiet
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path: str, route: Route) -> str:
        """Serve `route` on `path`; returns the full URL."""
        self.routes[path] = route
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def server():
    local = LocalServer()
    yield local
    local.close()
