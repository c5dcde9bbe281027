"""Is the model able to predict? /ping asks this module, which runs a tiny test prediction.

A loaded file is not a working model: a pickle can load and then fail on every request (a missing
feature, a wrong library version). The check predicts on a sample (MODEL_PATH/input_example.json
when the model ships one, else app/sample_request.json) at start and again at most every
HEALTH_RECHECK_SECONDS, so /ping answers 503 with the cause as soon as the model cannot predict,
and the platform (SageMaker, a load balancer, Kubernetes) stops sending it traffic."""

import json
import logging
import os
import threading
import time

from app import settings

log = logging.getLogger("app.health")
HERE = os.path.dirname(os.path.abspath(__file__))


def sample_instances(model_dir=None):
    """The instances the check predicts on: the model's own example first, then the bundled one."""
    candidates = [
        os.path.join(model_dir or settings.MODEL_PATH, "input_example.json"),
        os.path.join(HERE, "sample_request.json"),
    ]
    for path in candidates:
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                payload = json.load(f)
            instances = payload.get("instances") if isinstance(payload, dict) else payload
            if isinstance(instances, list) and instances:
                return instances[:1]
    return None


class Health:
    """The result of the last test prediction, refreshed at most every `recheck` seconds."""

    def __init__(self, model, instances=None, recheck=None, clock=time.monotonic):
        self.model = model
        self.instances = instances if instances is not None else sample_instances()
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
