import http.server
import importlib.util
import json
import os
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_tester():
    spec = importlib.util.spec_from_file_location("load_test", os.path.join(HERE, "..", "scripts", "load_test.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def stub_server():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("content-length", 0))
            seen.append((self.path, json.loads(self.rfile.read(length))))
            body = b'{"predictions": [0]}'
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_sends_a_bounded_number_of_requests_to_the_given_url_only(stub_server):
    base, seen = stub_server
    summary = _load_tester().run(f"{base}/invocations", b'{"instances": [[1]]}', rps=50, duration=5, max_requests=7)
    assert summary["sent"] == 7 and summary["ok"] == 7 and not summary["errors"]
    assert {path for path, _ in seen} == {"/invocations"}
    assert summary["p95_ms"] is not None


def test_stops_at_the_duration(stub_server):
    base, _ = stub_server
    summary = _load_tester().run(f"{base}/invocations", b"{}", rps=20, duration=0.3, max_requests=1000)
    assert summary["sent"] <= 8
    assert summary["seconds"] < 3


def test_refuses_anything_but_http_urls():
    with pytest.raises(ValueError):
        _load_tester().run("file:///etc/passwd", b"{}", rps=1, duration=1, max_requests=1)
