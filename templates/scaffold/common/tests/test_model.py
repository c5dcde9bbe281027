import numpy
import pytest

from app import settings
from app.model import ModelError, load_model, to_jsonable
from tests.conftest import sample_instances


def test_loads_and_predicts_like_the_model_itself(built_model, loaded_model):
    _, predict = built_model
    instances = sample_instances()
    expected = to_jsonable(predict(instances if settings.FRAMEWORK == "huggingface" else numpy.asarray(instances)))
    assert loaded_model.predict(instances) == expected


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no model at"):
        load_model(str(tmp_path))


def test_unknown_framework_is_refused(tmp_path):
    with pytest.raises(ModelError, match="unknown framework"):
        load_model(str(tmp_path), framework="caffe")


def test_jsonable_turns_numpy_into_plain_values():
    assert to_jsonable({"a": numpy.array([1, 2]), "b": (numpy.float32(0.5),)}) == {"a": [1, 2], "b": [0.5]}
