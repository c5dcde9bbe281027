"""Fixtures: a tiny model of the scaffold's framework, built into a temporary MODEL_PATH.

Tests that need a framework that is not installed are skipped, not failed: the serving code is the
same for every framework, and CI installs requirements.txt, which has the right one."""

import json
import os

import pytest

from app import settings

FEATURES = 4


def _data():
    np = pytest.importorskip("numpy")
    rng = np.random.RandomState(0)
    x = rng.normal(size=(40, FEATURES)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int64")
    return x, y


def _build_sklearn(path):
    joblib = pytest.importorskip("joblib")
    linear_model = pytest.importorskip("sklearn.linear_model")
    x, y = _data()
    model = linear_model.LogisticRegression().fit(x, y)
    joblib.dump(model, os.path.join(path, settings.MODEL_FILE))
    return model.predict


def _build_xgboost(path):
    joblib = pytest.importorskip("joblib")
    xgboost = pytest.importorskip("xgboost")
    x, y = _data()
    model = xgboost.XGBClassifier(n_estimators=4, max_depth=2).fit(x, y)
    joblib.dump(model, os.path.join(path, settings.MODEL_FILE))
    return model.predict


def _build_other(path):
    joblib = pytest.importorskip("joblib")
    dummy = pytest.importorskip("sklearn.dummy")
    x, y = _data()
    model = dummy.DummyRegressor(strategy="mean").fit(x, y)
    joblib.dump(model, os.path.join(path, settings.MODEL_FILE))
    return model.predict


def _build_pytorch(path):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    module = torch.jit.script(torch.nn.Sequential(torch.nn.Linear(FEATURES, 2), torch.nn.Softmax(dim=1)))
    module.save(os.path.join(path, settings.MODEL_FILE))

    def predict(x):
        with torch.no_grad():
            return module(torch.as_tensor(x, dtype=torch.float32)).numpy()

    return predict


def _build_onnx(path):
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    np = pytest.importorskip("numpy")
    from onnx import TensorProto, helper, numpy_helper

    weights = np.arange(FEATURES * 2, dtype=np.float32).reshape(FEATURES, 2) / 10
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, FEATURES])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 2])],
        [numpy_helper.from_array(weights, name="w")],
    )
    onnx.save(helper.make_model(graph), os.path.join(path, settings.MODEL_FILE))
    return lambda x: np.asarray(x, dtype=np.float32) @ weights


def _build_tensorflow(path):
    tf = pytest.importorskip("tensorflow")

    class Tiny(tf.Module):
        def __init__(self):
            self.w = tf.constant([[0.1, 0.2]] * FEATURES)

        @tf.function(input_signature=[tf.TensorSpec([None, FEATURES], tf.float32, name="x")])
        def __call__(self, x):
            return {"y": tf.matmul(x, self.w)}

    module = Tiny()
    tf.saved_model.save(module, os.path.join(path, settings.MODEL_FILE), signatures=module.__call__)
    return lambda x: module(tf.constant(x, dtype=tf.float32))["y"].numpy()


def _build_huggingface(path):
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("torch")
    folder = os.path.join(path, settings.MODEL_FILE)
    os.makedirs(folder, exist_ok=True)
    vocab = os.path.join(path, "vocab.txt")
    with open(vocab, "w", encoding="utf-8") as f:
        f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "model"]))
    tokenizer = transformers.BertTokenizer(vocab)
    config = transformers.BertConfig(
        vocab_size=8, hidden_size=8, num_hidden_layers=1, num_attention_heads=1, intermediate_size=8
    )
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    os.environ.setdefault("HF_TASK", "text-classification")
    pipe = transformers.pipeline("text-classification", model=folder, tokenizer=folder)
    return lambda texts: pipe(list(texts))


BUILDERS = {
    "sklearn": _build_sklearn,
    "xgboost": _build_xgboost,
    "other": _build_other,
    "pytorch": _build_pytorch,
    "onnx": _build_onnx,
    "tensorflow": _build_tensorflow,
    "huggingface": _build_huggingface,
}


def sample_instances():
    """The instances in tests/sample_request.json: rows the tests' tiny model takes."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "sample_request.json"), encoding="utf-8") as f:
        return json.load(f)["instances"]


def write_example(folder, instances):
    """Saves input_example.json next to a model, as scripts/publish_model.sh requires."""
    with open(os.path.join(folder, "input_example.json"), "w", encoding="utf-8") as f:
        json.dump({"instances": instances}, f)


@pytest.fixture(scope="session")
def built_model(tmp_path_factory):
    """(model_dir, predict): a tiny model saved the way app/model.py expects, with its
    input_example.json, and its own predict."""
    path = str(tmp_path_factory.mktemp("model"))
    predict = BUILDERS[settings.FRAMEWORK](path)
    write_example(path, sample_instances())
    return path, predict


@pytest.fixture(autouse=True)
def model_path_with_example(tmp_path, monkeypatch):
    """MODEL_PATH holds the tiny model's input_example.json, which the stand-in models below (no
    folder of their own) are health-checked with."""
    folder = tmp_path / "model_path"
    folder.mkdir()
    write_example(str(folder), sample_instances())
    monkeypatch.setattr(settings, "MODEL_PATH", str(folder))
    return str(folder)


@pytest.fixture(scope="session")
def loaded_model(built_model):
    from app.model import load_model

    return load_model(built_model[0])


class BrokenModel:
    """A model that loads but fails at predict time (a library mismatch, a missing feature)."""

    framework = settings.FRAMEWORK
    path = "broken"
    raw = None

    def check_input(self, instances):
        pass

    def predict(self, instances):
        from app.model import ModelError

        raise ModelError("boom: the model cannot predict")


class PickyModel(BrokenModel):
    """Predicts on the known-good test input only: any other instances make it fail (an unknown
    category, an index out of range), which is the request's fault, not the model's."""

    def predict(self, instances):
        from app.health import sample_instances as known_good
        from app.model import ModelError

        if instances != known_good():
            raise ModelError("index 123456 is out of range")
        return [0 for _ in instances]
