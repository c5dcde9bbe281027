"""Loads the model from MODEL_PATH and predicts. Each framework is imported only when its loader
runs, so the server starts with just the framework it needs installed."""

import logging
import os

from app import settings

log = logging.getLogger("app.model")


class ModelError(RuntimeError):
    """The model could not be loaded or could not predict (a server error: HTTP 500)."""


class ModelInputError(ValueError):
    """Instances the model cannot take, found before predicting (a client error: HTTP 400)."""

    def __init__(self, message, field="instances"):
        super().__init__(message)
        self.message = message
        self.field = field


class Model:
    """A loaded model with one method: predict(instances) -> list of JSON-ready predictions."""

    def __init__(self, framework, path, predict_fn, raw):
        self.framework = framework
        self.path = path
        self.raw = raw
        self._predict = predict_fn

    def input_width(self):
        """How many values a row has, when the model states it (sklearn and xgboost), else None."""
        width = getattr(self.raw, "n_features_in_", None)
        if width is None and callable(getattr(self.raw, "num_features", None)):  # an xgboost.Booster
            try:
                width = self.raw.num_features()
            except Exception:  # a Booster that cannot say; the check does without
                width = None
        return width if isinstance(width, int) and not isinstance(width, bool) else None

    def check_input(self, instances):
        """Refuses rows whose width differs from what the model was fitted on, when it says."""
        expected = self.input_width()
        if not isinstance(expected, int) or not instances or not isinstance(instances[0], list):
            return
        for i, row in enumerate(instances):
            if len(row) != expected:
                raise ModelInputError(
                    f"row has {len(row)} values; the model takes {expected}", field=f"instances[{i}]"
                )

    def predict(self, instances):
        try:
            return to_jsonable(self._predict(instances))
        except ModelError:
            raise
        except Exception as error:  # the framework's own errors: shapes, dtypes
            raise ModelError(f"{self.framework} model could not predict: {error}") from error


def load_model(model_dir=None, framework=None):
    """Loads the artifact the contract names for the framework from model_dir (MODEL_PATH)."""
    framework = framework or settings.FRAMEWORK
    model_dir = model_dir or settings.MODEL_PATH
    loader = LOADERS.get(framework)
    if loader is None:
        raise ModelError(f"unknown framework {framework!r}; known: {', '.join(sorted(LOADERS))}")
    path = os.path.join(model_dir, settings.MODEL_FILE)
    if not os.path.exists(path):
        raise ModelError(
            f"no model at {path}: put {settings.MODEL_FILE} in MODEL_PATH "
            f"(now {model_dir}) or set MODEL_PATH to the folder that holds it"
        )
    log.info("loading model", extra={"framework": framework, "path": path})
    try:
        return loader(path, framework)
    except ModelError:
        raise
    except ImportError as error:
        raise ModelError(f"{framework} is not installed ({error}); pip install -r requirements.txt") from error
    except Exception as error:
        raise ModelError(f"cannot load the {framework} model at {path}: {error}") from error


def _rows(model, instances):
    """Rows as a 2-D list; records (dicts) are ordered by the model's feature names when it has them."""
    if not isinstance(instances[0], dict):
        return instances
    names = getattr(model, "feature_names_in_", None)
    if names is None:
        try:
            import pandas
        except ImportError:
            names = list(instances[0].keys())
        else:
            return pandas.DataFrame.from_records(instances)
    return [[record[str(name)] for name in names] for record in instances]


def _load_joblib(path, framework):
    import joblib
    import numpy

    model = joblib.load(path)
    if type(model).__name__ == "Booster":  # a raw xgboost.Booster rather than the sklearn API
        import xgboost

        def predict(instances):
            return model.predict(xgboost.DMatrix(numpy.asarray(instances, dtype=float)))

    else:

        def predict(instances):
            rows = _rows(model, instances)
            return model.predict(rows if hasattr(rows, "columns") else numpy.asarray(rows))

    return Model(framework, path, predict, model)


def _load_torchscript(path, framework):
    import torch

    device = "cuda" if settings.USE_GPU and torch.cuda.is_available() else "cpu"
    model = torch.jit.load(path, map_location=device)
    model.eval()

    def predict(instances):
        with torch.no_grad():
            out = model(torch.as_tensor(instances, dtype=torch.float32, device=device))
        if isinstance(out, (tuple, list)):
            out = out[0]
        return out.cpu().numpy()

    return Model(framework, path, predict, model)


def _load_onnx(path, framework):
    import numpy
    import onnxruntime

    providers = ["CPUExecutionProvider"]
    if settings.USE_GPU and "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        providers.insert(0, "CUDAExecutionProvider")
    session = onnxruntime.InferenceSession(path, providers=providers)
    name = session.get_inputs()[0].name

    def predict(instances):
        return session.run(None, {name: numpy.asarray(instances, dtype=numpy.float32)})[0]

    return Model(framework, path, predict, session)


def _load_saved_model(path, framework):
    import tensorflow as tf

    loaded = tf.saved_model.load(path)
    signature = loaded.signatures["serving_default"]
    input_name = next(iter(signature.structured_input_signature[1]))

    def predict(instances):
        outputs = signature(**{input_name: tf.constant(instances, dtype=tf.float32)})
        first = sorted(outputs)[0]
        return outputs[first].numpy()

    return Model(framework, path, predict, loaded)


def _load_transformers(path, framework):
    import transformers

    task = os.environ.get("HF_TASK") or None
    device = 0 if settings.USE_GPU else -1
    pipe = transformers.pipeline(task=task, model=path, tokenizer=path, device=device)

    def predict(instances):
        return pipe(list(instances))

    return Model(framework, path, predict, pipe)


LOADERS = {
    "sklearn": _load_joblib,
    "xgboost": _load_joblib,
    "other": _load_joblib,
    "pytorch": _load_torchscript,
    "onnx": _load_onnx,
    "tensorflow": _load_saved_model,
    "huggingface": _load_transformers,
}


def to_jsonable(value):
    """numpy arrays and scalars, tensors and tuples to plain lists, numbers and strings."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value
