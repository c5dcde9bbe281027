import io

import pytest

from mlio import db, s3
from mlio.logs import JsonFormatter, configure_logging
from mlio.metrics import Counter, Registry


def test_database_url_comes_from_the_environment():
    assert db.database_url(environ={}) is None
    assert db.database_url(environ={"DATABASE_URL": "postgresql://u:p@h:5432/d"}) == "postgresql://u:p@h:5432/d"
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        db.database_url(required=True, environ={})
    assert db.redact("postgresql://u:secret@h:5432/d") == "postgresql://u:***@h:5432/d"


def test_s3_urls_and_a_stub_client():
    assert s3.parse_s3_url("s3://bucket/a/b.json") == ("bucket", "a/b.json")
    with pytest.raises(ValueError):
        s3.parse_s3_url("https://bucket/a")

    class Stub:
        def get_object(self, Bucket, Key):
            assert (Bucket, Key) == ("b", "k")
            return {"Body": io.BytesIO(b"data")}

    assert s3.read_bytes("s3://b/k", client=Stub()) == b"data"


def test_metrics_text_format_escapes_labels():
    registry = Registry()
    counter = registry.add(Counter("things_total", "Things.", ("name",)))
    counter.inc(name='a"b\nc')
    assert 'things_total{name="a\\"b\\nc"} 1' in registry.render()


def test_logs_are_json_lines():
    import json
    import logging

    stream = io.StringIO()
    configure_logging("INFO", stream=stream)
    logging.getLogger("t").info("hello", extra={"path": "/ping"})
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["message"] == "hello" and entry["path"] == "/ping" and entry["level"] == "info"
    assert isinstance(JsonFormatter(), logging.Formatter)
