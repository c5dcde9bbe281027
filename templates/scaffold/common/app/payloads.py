"""Request and response bodies in the formats the platforms send: JSON {"instances": [...]},
CSV (one row per line, no header) and JSON Lines (one instance per line). SageMaker Batch
Transform splits files by line and sends several lines per request (MultiRecord); the answer has
one line per input line, in order, so AssembleWith=Line keeps inputs and outputs aligned."""

import csv
import io
import json

from app.validation import ValidationError, parse_body, validate_instances

JSON = "application/json"
CSV = "text/csv"
JSONLINES = "application/jsonlines"
# JSON bodies, and the types curl and fetch send by default for a JSON string.
JSON_TYPES = {"", JSON, "text/json", "text/plain", "application/x-www-form-urlencoded"}
JSONLINES_TYPES = {JSONLINES, "application/x-jsonlines", "application/jsonl", "application/x-ndjson"}


def media_type(header):
    """The bare media type of a Content-Type or Accept value, lower case."""
    return (header or "").split(";")[0].strip().lower()


def kind_of(content_type):
    """'json', 'csv' or 'jsonlines' for a Content-Type; None when it is not supported."""
    kind = media_type(content_type)
    if kind in JSON_TYPES or kind.endswith("+json"):
        return "json"
    if kind == CSV:
        return "csv"
    if kind in JSONLINES_TYPES:
        return "jsonlines"
    return None


def parse(raw, kind):
    """The validated instances from a body of the given kind (ValidationError names the field)."""
    if kind == "json":
        return parse_body(raw)["instances"]
    text = _text(raw)
    if kind == "csv":
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
        return validate_instances([[_number(cell) for cell in row] for row in rows])
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            raise ValidationError(f"line {number} is not JSON: {error}", field=f"line {number}") from None
    return validate_instances(rows)


def render(predictions, kind):
    """(body, media type) for the predictions in the asked format."""
    if kind == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for prediction in predictions:
            writer.writerow(prediction if isinstance(prediction, list) else [prediction])
        return out.getvalue(), CSV
    if kind == "jsonlines":
        return "".join(json.dumps(p) + "\n" for p in predictions), JSONLINES
    return json.dumps({"predictions": predictions}), JSON


def answer_kind(accept, request_kind):
    """The response format: what Accept asks for, else the request's own format."""
    asked = kind_of(accept) if media_type(accept) not in ("", "*/*") else None
    return asked or request_kind


def _text(raw):
    if not raw:
        raise ValidationError("the body is empty", field="body")
    try:
        return raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ValidationError("the body is not UTF-8 text", field="body") from None


def _number(cell):
    try:
        return float(cell)
    except ValueError:
        # Categorical columns stay strings; validate_instances decides whether the model takes them.
        return cell.strip()
