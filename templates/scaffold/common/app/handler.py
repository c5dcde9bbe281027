"""AWS Lambda entry point for an API Gateway HTTP API: POST /invocations with {"instances": ...}
answers {"predictions": ...}; GET /ping runs a test prediction (200, or 503 with the cause).

A request the model cannot take is a 400 naming the field; a model that fails is a 500 with the
cause in the log (the API's 5xx alarm and the deployment's roll-back alarm count it)."""

import base64
import json
import logging
import os
import sys
import time

from app import settings
from app.health import Health
from app.model import ModelError, ModelInputError, load_model
from app.validation import ValidationError, match_example, parse_body
from mlio.logs import configure_logging

configure_logging(settings.LOG_LEVEL)
log = logging.getLogger("app.handler")
_MODEL = None
_HEALTH = None


def _model():
    # Loaded once per execution environment (then reused while warm); see _load_at_init.
    global _MODEL, _HEALTH
    if _MODEL is None:
        _MODEL = load_model(settings.MODEL_PATH)
        _HEALTH = Health(_MODEL)
    return _MODEL


def _load_at_init():
    """Loads the model while Lambda initialises the execution environment, not on its first
    request: provisioned concurrency runs this ahead of traffic, so a warm environment answers at
    once. A model that cannot load is logged here and answered 503 by /ping (the next request
    tries again)."""
    try:
        _model()
    except ModelError as error:
        log.error("model not loaded at init", exc_info=error)


_load_at_init()


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def _count_model_error():
    """One ModelErrors data point, in CloudWatch's embedded metric format (a JSON log line)."""
    record = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {"Namespace": "MLModel", "Dimensions": [["FunctionName"]], "Metrics": [{"Name": "ModelErrors", "Unit": "Count"}]}
            ],
        },
        "FunctionName": os.environ.get("AWS_LAMBDA_FUNCTION_NAME", settings.PROJECT_SLUG),
        "ModelErrors": 1,
    }
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def _route(event):
    context = event.get("requestContext") or {}
    http = context.get("http") or {}
    method = (http.get("method") or event.get("httpMethod") or "POST").upper()
    path = event.get("rawPath") or http.get("path") or event.get("path") or "/invocations"
    return method, path.rstrip("/") or "/"


def ping():
    try:
        _model()
    except ModelError as error:
        log.error("model not loaded", exc_info=error)
        return _response(503, {"status": "unhealthy", "error": str(error)})
    ok, problem = _HEALTH.check()
    if not ok:
        return _response(503, {"status": "unhealthy", "error": problem})
    return _response(200, {"status": "ok"})


def handler(event, context):
    event = event or {}
    method, path = _route(event)
    if method == "GET" and path.endswith("/ping"):
        return ping()
    body = event.get("body")
    if body is None:
        return _response(400, {"error": 'no body; send {"instances": [...]}', "field": "body"})
    if event.get("isBase64Encoded"):
        try:
            body = base64.b64decode(body)
        except ValueError:
            return _response(400, {"error": "the body is not valid base64", "field": "body"})
    try:
        payload = parse_body(body)
    except ValidationError as error:
        return _response(400, error.to_dict())
    try:
        model = _model()
        model.check_input(payload["instances"])
        match_example(payload["instances"], _HEALTH.instances)
        predictions = model.predict(payload["instances"])
    except (ValidationError, ModelInputError) as error:
        return _response(400, {"error": error.message, "field": error.field})
    except ModelError as error:
        if _HEALTH is not None and _HEALTH.input_at_fault():
            # The known-good input still predicts: these instances are what the model refuses.
            log.info("instances refused by the model", extra={"error": str(error)})
            return _response(400, {"error": f"the model cannot take these instances: {error}", "field": "instances"})
        log.error("prediction failed", exc_info=error)
        _count_model_error()
        return _response(500, {"error": "the model failed to predict; see the function log"})
    request_id = getattr(context, "aws_request_id", None)
    log.info("predicted", extra={"instances": len(payload["instances"]), "request_id": request_id})
    return _response(200, {"predictions": predictions})
