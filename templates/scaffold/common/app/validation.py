"""Input validation for prediction requests: clear messages, raised as ValidationError (HTTP 400)."""

import json
import math

from app import settings

# Tensors nest a few levels (an image is 3): deeper rows are refused rather than recursed into.
MAX_DEPTH = 32


class ValidationError(ValueError):
    """A request the model cannot take; `field` says where (for example instances[3][1])."""

    def __init__(self, message, field="instances"):
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self):
        return {"error": self.message, "field": self.field}


def parse_body(raw, max_bytes=None):
    """Parses a JSON request body (bytes or str) into a dict with a valid `instances` list."""
    limit = settings.MAX_BODY_BYTES if max_bytes is None else max_bytes
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if raw is None or len(raw) == 0:
        raise ValidationError('the body is empty; send {"instances": [...]}', field="body")
    if len(raw) > limit:
        raise ValidationError(f"the body is {len(raw)} bytes; the limit is {limit}", field="body")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError("the body is not UTF-8 text", field="body") from None
    try:
        payload = json.loads(text, parse_constant=_refuse_constant)
    except ValidationError:
        raise
    except ValueError as error:
        raise ValidationError(f"the body is not valid JSON: {error}", field="body") from None
    except RecursionError:
        # json.loads recurses once per bracket: a hostile body is a 400, not a crashed request.
        raise ValidationError("the JSON is nested too deeply", field="body") from None
    if not isinstance(payload, dict):
        raise ValidationError('the body must be a JSON object like {"instances": [...]}', field="body")
    if "instances" not in payload:
        raise ValidationError('missing "instances": send {"instances": [[...], ...]}')
    payload["instances"] = validate_instances(payload["instances"])
    return payload


def _refuse_constant(name):
    raise ValidationError(f"{name} is not a number JSON allows", field="body")


def validate_instances(instances, allow_text=None, max_instances=None):
    """Checks that instances is a non-empty list of rows: all lists (same length) or all records
    (objects with the same keys); plain strings too for text models (huggingface)."""
    text_ok = settings.FRAMEWORK == "huggingface" if allow_text is None else allow_text
    # Categorical values are strings: pipelines (sklearn, any joblib model) may take them.
    strings_ok = text_ok or settings.FRAMEWORK in ("sklearn", "other")
    limit = settings.MAX_INSTANCES if max_instances is None else max_instances
    if not isinstance(instances, list):
        raise ValidationError(f"instances must be a list of rows, got {_kind(instances)}")
    if not instances:
        raise ValidationError("instances is empty; send at least one row")
    if len(instances) > limit:
        raise ValidationError(f"{len(instances)} instances; at most {limit} per request")
    first = instances[0]
    for i, row in enumerate(instances):
        where = f"instances[{i}]"
        if isinstance(row, list):
            if not isinstance(first, list):
                raise ValidationError("rows must all be lists or all be records", field=where)
            if len(row) != len(first):
                raise ValidationError(f"row has {len(row)} values; instances[0] has {len(first)}", field=where)
            if not row:
                raise ValidationError("a row is empty", field=where)
            for j, value in enumerate(row):
                _check_value(value, f"{where}[{j}]", strings_ok)
        elif isinstance(row, dict):
            if not isinstance(first, dict):
                raise ValidationError("rows must all be lists or all be records", field=where)
            if set(row) != set(first):
                raise ValidationError("record keys differ from instances[0]", field=where)
            if not row:
                raise ValidationError("a record is empty", field=where)
            for key, value in row.items():
                _check_value(value, f"{where}.{key}", strings_ok)
        elif isinstance(row, str) and text_ok:
            if not isinstance(first, str):
                raise ValidationError("rows must all be text, or all lists or records", field=where)
        else:
            expected = "a list, a record or a string" if text_ok else "a list of values or a record"
            raise ValidationError(f"each row must be {expected}, got {_kind(row)}", field=where)
    return instances


def match_example(instances, example):
    """Refuses text where the known-good example (the health check's test input, which the model
    predicted on) has a number at the same place, before the model sees it: a clear 400 naming the
    field rather than a conversion error deep inside the framework."""
    if not example or not instances:
        return
    model_row = example[0]
    for i, row in enumerate(instances):
        if isinstance(row, list) and isinstance(model_row, list) and len(row) == len(model_row):
            places = ((f"instances[{i}][{j}]", value, model_row[j]) for j, value in enumerate(row))
        elif isinstance(row, dict) and isinstance(model_row, dict):
            places = ((f"instances[{i}].{key}", value, model_row.get(key)) for key, value in row.items())
        else:
            continue
        for where, value, known in places:
            if isinstance(value, str) and _is_number(known):
                raise ValidationError(f"expected a number (the model's test input has one here), got {_kind(value)}", field=where)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_value(value, where, strings_ok, depth=0):
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"expected a number, got {_kind(value)}", field=where)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError("numbers must be finite", field=where)
        return
    if isinstance(value, str):
        if strings_ok:
            return
        raise ValidationError(f"expected a number, got {_kind(value)}", field=where)
    if isinstance(value, list):
        # Tensors: nested lists of numbers (images, sequences).
        if depth >= MAX_DEPTH:
            raise ValidationError(f"values are nested more than {MAX_DEPTH} levels deep", field=where)
        for k, inner in enumerate(value):
            _check_value(inner, f"{where}[{k}]", strings_ok, depth + 1)
        return
    raise ValidationError(f"expected a number, got {_kind(value)}", field=where)


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
