"""/ping judges the model with its own example, never with a made-up input of another width."""

import logging
from pathlib import Path

from app.health import Health
from tests.conftest import write_example


class SixWide:
    """A model that takes rows of exactly six values and says so (like sklearn's n_features_in_)."""

    framework = "sklearn"
    path = "six-wide"

    def __init__(self, states_width=True):
        self.states_width = states_width
        self.seen = []

    def input_width(self):
        return 6 if self.states_width else None

    def predict(self, instances):
        from app.model import ModelError

        self.seen.append(instances)
        if any(len(row) != 6 for row in instances):
            raise ModelError("X has 4 features, but the model is expecting 6 features")
        return [0 for _ in instances]


def test_the_models_own_example_is_what_the_check_predicts_on(tmp_path):
    example = [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]
    write_example(str(tmp_path), example)
    model = SixWide(states_width=False)
    model.path = str(tmp_path / "model.joblib")
    assert Health(model, recheck=0).check() == (True, None)
    assert model.seen == [example]


def test_without_an_example_a_row_as_wide_as_the_model_states(model_path_with_example, caplog):
    (Path(model_path_with_example) / "input_example.json").unlink()
    model = SixWide()
    with caplog.at_level(logging.WARNING, logger="app.health"):
        assert Health(model, recheck=0).check() == (True, None)
    assert model.seen == [[[0.0] * 6]]
    assert "input_example.json" in caplog.text


def test_without_an_example_or_a_stated_width_loaded_is_healthy_and_a_warning_says_so(model_path_with_example, caplog):
    (Path(model_path_with_example) / "input_example.json").unlink()
    model = SixWide(states_width=False)
    with caplog.at_level(logging.WARNING, logger="app.health"):
        assert Health(model, recheck=0).check() == (True, None)
    assert model.seen == []
    assert "not that it predicts" in caplog.text
