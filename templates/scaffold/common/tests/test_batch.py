import io
import json

import numpy

from app import batch, settings
from app.model import to_jsonable
from tests.conftest import sample_instances


def test_batch_writes_one_prediction_per_line(built_model, loaded_model):
    instances = sample_instances() * 3
    lines = [json.dumps(row) + "\n" for row in instances]
    out = io.StringIO()
    assert batch.run(loaded_model, lines, out, batch_size=4) == len(instances)
    got = [json.loads(line)["prediction"] for line in out.getvalue().splitlines()]
    raw = instances if settings.FRAMEWORK == "huggingface" else numpy.asarray(instances)
    assert got == to_jsonable(built_model[1](raw))


def test_batch_cli_reports_errors(tmp_path):
    missing = tmp_path / "none.jsonl"
    assert batch.main(["--input", str(missing), "--output", str(tmp_path / "o"), "--model-path", str(tmp_path)]) == 1
