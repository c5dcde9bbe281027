import base64
import json

import numpy

from app import handler as lambda_handler
from app import settings
from app.model import to_jsonable
from tests.conftest import sample_instances


def _event(body, encoded=False):
    return {"version": "2.0", "routeKey": "POST /invocations", "body": body, "isBase64Encoded": encoded}


def test_handler_returns_the_model_predictions(built_model, monkeypatch):
    monkeypatch.setattr(settings, "MODEL_PATH", built_model[0])
    monkeypatch.setattr(lambda_handler, "_MODEL", None)
    instances = sample_instances()
    response = lambda_handler.handler(_event(json.dumps({"instances": instances})), None)
    assert response["statusCode"] == 200
    raw = instances if settings.FRAMEWORK == "huggingface" else numpy.asarray(instances)
    assert json.loads(response["body"]) == {"predictions": to_jsonable(built_model[1](raw))}

    encoded = base64.b64encode(json.dumps({"instances": instances}).encode()).decode()
    assert lambda_handler.handler(_event(encoded, encoded=True), None)["statusCode"] == 200


def test_handler_refuses_bad_bodies():
    for event in (_event(None), _event("nope"), _event('{"instances": []}')):
        response = lambda_handler.handler(event, None)
        assert response["statusCode"] == 400
        assert "error" in json.loads(response["body"])


def test_handler_blames_the_request_only_when_the_known_good_input_still_predicts(monkeypatch):
    from app.health import Health
    from tests.conftest import BrokenModel, PickyModel

    for model, status, ping in ((PickyModel(), 400, 200), (BrokenModel(), 500, 503)):
        monkeypatch.setattr(lambda_handler, "_MODEL", model)
        monkeypatch.setattr(lambda_handler, "_HEALTH", Health(model))
        response = lambda_handler.handler(_event(json.dumps({"instances": [[123456.0]]})), None)
        assert response["statusCode"] == status
        get = {"version": "2.0", "rawPath": "/ping", "requestContext": {"http": {"method": "GET"}}}
        assert lambda_handler.handler(get, None)["statusCode"] == ping


def test_a_deeply_nested_body_is_a_400():
    body = '{"instances": [' + "[" * 100_000 + "1" + "]" * 100_000 + "]}"
    response = lambda_handler.handler(_event(body), None)
    assert response["statusCode"] == 400
    assert "nested" in json.loads(response["body"])["error"]


def test_the_model_is_loaded_when_the_environment_initialises(built_model, monkeypatch):
    import importlib

    monkeypatch.setattr(settings, "MODEL_PATH", built_model[0])
    module = importlib.reload(lambda_handler)
    # Before any request: provisioned concurrency then keeps a loaded model warm.
    assert module._MODEL is not None
