import json

import numpy
import pytest
from fastapi.testclient import TestClient

from app import settings
from app.model import to_jsonable
from app.serve import create_app
from tests.conftest import BrokenModel, PickyModel, sample_instances


@pytest.fixture()
def client(loaded_model):
    return TestClient(create_app(loaded_model))


def test_ping_is_ok_once_the_model_is_loaded(client):
    assert client.get("/ping").status_code == 200


def test_ping_is_503_without_a_model():
    assert TestClient(create_app(None)).get("/ping").status_code == 503


def test_invocations_return_the_model_predictions(client, built_model):
    instances = sample_instances()
    response = client.post("/invocations", json={"instances": instances})
    assert response.status_code == 200
    raw = instances if settings.FRAMEWORK == "huggingface" else numpy.asarray(instances)
    assert response.json() == {"predictions": to_jsonable(built_model[1](raw))}


def test_bad_input_is_a_400_naming_the_field(client):
    response = client.post("/invocations", content=b'{"instances": [[1, 2], [3]]}')
    assert response.status_code == 400
    assert response.json()["field"] == "instances[1]"


def test_wrong_content_type_and_oversized_bodies_are_refused(client, monkeypatch):
    assert client.post("/invocations", content=b"<x/>", headers={"content-type": "text/xml"}).status_code == 415
    monkeypatch.setattr(settings, "MAX_BODY_BYTES", 16)
    big = json.dumps({"instances": [[1.0] * 50]}).encode()
    assert client.post("/invocations", content=big).status_code == 413


def test_metrics_count_requests(client):
    client.get("/ping")
    client.post("/invocations", json={"instances": sample_instances()})
    text = client.get("/metrics").text
    assert "# TYPE http_requests_total counter" in text
    assert 'http_requests_total{path="/invocations",status="200"}' in text
    assert "model_loaded 1" in text


def test_csv_and_json_lines_answer_one_line_per_row(client):
    instances = sample_instances()
    if settings.FRAMEWORK == "huggingface":
        return  # text models take JSON strings, not CSV rows
    csv_body = "\n".join(",".join(str(v) for v in row) for row in instances).encode()
    response = client.post("/invocations", content=csv_body, headers={"content-type": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert len(response.text.strip().splitlines()) == len(instances)
    lines = "".join(json.dumps(row) + "\n" for row in instances).encode()
    response = client.post("/invocations", content=lines, headers={"content-type": "application/jsonlines"})
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == len(instances)


def test_a_model_that_fails_is_a_500_and_ping_turns_503():
    client = TestClient(create_app(BrokenModel()))
    response = client.post("/invocations", json={"instances": sample_instances()})
    assert response.status_code == 500
    assert client.get("/ping").status_code == 503


def test_text_where_the_model_takes_numbers_is_a_400_and_ping_stays_ok(client):
    if settings.FRAMEWORK == "huggingface":
        return  # text models take strings
    row = sample_instances()[0]
    response = client.post("/invocations", json={"instances": [["a"] + row[1:]]})
    assert response.status_code == 400
    assert response.json()["field"] == "instances[0][0]"
    assert "number" in response.json()["error"]
    assert client.get("/ping").status_code == 200


def test_instances_the_model_refuses_are_a_400_while_the_known_good_input_predicts():
    client = TestClient(create_app(PickyModel()))
    assert client.get("/ping").status_code == 200
    for _ in range(3):
        response = client.post("/invocations", json={"instances": [[123456.0]]})
        assert response.status_code == 400
        assert "out of range" in response.json()["error"]
    assert client.get("/ping").status_code == 200


def test_a_deeply_nested_body_is_a_400(client):
    body = b'{"instances": [' + b"[" * 100_000 + b"1" + b"]" * 100_000 + b"]}"
    response = client.post("/invocations", content=body)
    assert response.status_code == 400
    assert "nested" in response.json()["error"]
