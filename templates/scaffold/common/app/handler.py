"""AWS Lambda entry point: an API Gateway HTTP API event whose body is {"instances": ...}."""

import base64
import json
import logging

from app import settings
from app.model import ModelError, load_model
from app.validation import ValidationError, parse_body
from mlio.logs import configure_logging

configure_logging(settings.LOG_LEVEL)
log = logging.getLogger("app.handler")
_MODEL = None


def _model():
    # Loaded once per execution environment, on the first request (then reused while warm).
    global _MODEL
    if _MODEL is None:
        _MODEL = load_model(settings.MODEL_PATH)
    return _MODEL


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
        "isBase64Encoded": False,
    }


def handler(event, context):
    body = (event or {}).get("body")
    if body is None:
        return _response(400, {"error": 'no body; send {"instances": [...]}', "field": "body"})
    if (event or {}).get("isBase64Encoded"):
        try:
            body = base64.b64decode(body)
        except ValueError:
            return _response(400, {"error": "the body is not valid base64", "field": "body"})
    try:
        payload = parse_body(body)
    except ValidationError as error:
        return _response(400, error.to_dict())
    try:
        predictions = _model().predict(payload["instances"])
    except ModelError as error:
        log.warning("prediction failed", extra={"error": str(error)})
        return _response(400 if _MODEL is not None else 500, {"error": str(error)})
    request_id = getattr(context, "aws_request_id", None)
    log.info("predicted", extra={"instances": len(payload["instances"]), "request_id": request_id})
    return _response(200, {"predictions": predictions})
