"""Is the model able to predict? /ping asks this module, which runs a tiny test prediction.

A loaded file is not a working model: a pickle can load and then fail on every request (a missing
feature, a wrong library version). The check predicts on the model's own example, never on a
made-up input (a wrong width would keep a good model out of service forever):

1. MODEL_PATH/input_example.json, which scripts/publish_model.sh packs next to the model;
2. else one row of zeros as wide as the model says it takes (sklearn and xgboost state it);
3. else nothing to predict on: healthy means loaded, and a warning says so.

It runs at start and again at most every HEALTH_RECHECK_SECONDS, so /ping answers 503 with the
cause as soon as the model cannot predict, and the platform (SageMaker, a load balancer,
Kubernetes) stops sending it traffic."""

import json
import logging
import os
import threading
import time

from app import settings

log = logging.getLogger("app.health")
EXAMPLE_FILE = "input_example.json"


def _model_dir(model):
    """The folder the model was loaded from (its example sits next to it), else MODEL_PATH."""
    folder = os.path.dirname(getattr(model, "path", None) or "")
    return folder if os.path.isdir(folder) else settings.MODEL_PATH


def example_instances(model_dir):
    """The first instance of model_dir/input_example.json ({"instances": [...]}), or None."""
    path = os.path.join(model_dir, EXAMPLE_FILE)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            payload = json.load(f)
    except (OSError, ValueError) as error:
        log.warning("ignoring %s: %s", path, error)
        return None
    instances = payload.get("instances") if isinstance(payload, dict) else payload
    if isinstance(instances, list) and instances:
        return instances[:1]
    log.warning('ignoring %s: it has no "instances" list', path)
    return None


def sample_instances(model=None, model_dir=None):
    """The instances the check predicts on: the model's example, else one derived from the width
    the model states, else None (see the module's docstring)."""
    instances = example_instances(model_dir or _model_dir(model))
    if instances is not None:
        return instances
    width_of = getattr(model, "input_width", None)
    width = width_of() if callable(width_of) else None
    if isinstance(width, int) and width > 0:
        log.warning("no %s: the health check predicts on a row of %d zeros (the width the model states)", EXAMPLE_FILE, width)
        return [[0.0] * width]
    if model is not None:
        log.warning(
            "no %s and the model does not state its input: /ping reports the model loaded, not that it "
            "predicts; publish the example with the model (scripts/publish_model.sh)",
            EXAMPLE_FILE,
        )
    return None


class Health:
    """The result of the last test prediction, refreshed at most every `recheck` seconds."""

    def __init__(self, model, instances=None, recheck=None, clock=time.monotonic):
        self.model = model
        self.instances = instances if instances is not None else sample_instances(model)
        self.recheck = settings.HEALTH_RECHECK_SECONDS if recheck is None else recheck
        self.clock = clock
        self._lock = threading.Lock()
        self._checked_at = None
        self._problem = "not checked yet"

    def check(self):
        """(ok, problem): runs the test prediction when the last one is older than `recheck`."""
        if self.model is None:
            return False, "no model is loaded"
        with self._lock:
            now = self.clock()
            if self._checked_at is None or now - self._checked_at >= self.recheck:
                self._problem = self._predict()
                self._checked_at = now
            return self._problem is None, self._problem

    def input_at_fault(self):
        """A request's prediction failed: whose fault was it? Re-runs the known-good test prediction
        now. True when it still predicts: the request's instances were at fault (the caller answers
        400) and health is unchanged, so a client sending garbage never takes the model out of
        service. False when it fails too: the model is broken and /ping answers 503 until a later
        check passes. With no known-good input there is no way to tell: False, health unchanged."""
        if self.model is None or self.instances is None:
            return False
        with self._lock:
            self._problem = self._predict()
            self._checked_at = self.clock()
            return self._problem is None

    def _predict(self):
        if self.instances is None:
            return None  # nothing to test with: a loaded model is the best we know
        try:
            self.model.predict(self.instances)
        except Exception as error:  # any failure means the model cannot serve
            log.error("health check prediction failed", exc_info=True)
            return f"test prediction failed: {error}"
        return None
