"""Offline predictions over JSON Lines, without a server.

    python3 -m app.batch --input data.jsonl --output predictions.jsonl

Each input line is one instance (a list of values or a record); each output line is
{"prediction": ...} for the same line. SageMaker Batch Transform uses the container's
/invocations instead (app/serve.py); this runs the same model code locally or in a job."""

import argparse
import json
import sys

from app import settings
from app.model import ModelError, load_model
from app.validation import ValidationError, validate_instances


def run(model, lines, out, batch_size=256):
    """Predicts `lines` (an iterable of JSON text) in batches; writes one JSON line each. Returns the count."""
    batch = []
    count = 0

    def flush():
        nonlocal count
        if not batch:
            return
        instances = validate_instances([row for _, row in batch])
        for (_, _row), prediction in zip(batch, model.predict(instances)):
            out.write(json.dumps({"prediction": prediction}) + "\n")
        count += len(batch)
        batch.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            batch.append((number, json.loads(line)))
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deeply
            raise ValidationError(f"line {number} is not JSON: {error}", field=f"line {number}") from None
        if len(batch) >= batch_size:
            flush()
    flush()
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m app.batch", description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="JSON Lines file, one instance per line")
    parser.add_argument("--output", required=True, help="where to write one prediction per line")
    parser.add_argument("--model-path", default=settings.MODEL_PATH)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args(argv)
    try:
        model = load_model(args.model_path)
        with open(args.input, encoding="utf-8") as src, open(args.output, "w", encoding="utf-8") as out:
            count = run(model, src, out, args.batch_size)
    except (ModelError, ValidationError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{count} predictions written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
