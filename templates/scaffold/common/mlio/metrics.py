"""Prometheus text-format metrics without a client library: counters, gauges and summaries."""

import threading


def _labels(names, values):
    if not names:
        return ""
    pairs = []
    for name, value in zip(names, values):
        text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
        pairs.append(f'{name}="{text}"')
    return "{" + ",".join(pairs) + "}"


class _Metric:
    kind = "untyped"

    def __init__(self, name, help_text, labels=()):
        self.name = name
        self.help = help_text
        self.label_names = tuple(labels)
        self._values = {}
        self._lock = threading.Lock()

    def _key(self, labels):
        if set(labels) != set(self.label_names):
            raise ValueError(f"{self.name} takes labels {self.label_names}, got {tuple(labels)}")
        return tuple(labels[name] for name in self.label_names)

    def render(self):
        lines = [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} {self.kind}"]
        with self._lock:
            items = sorted(self._values.items())
        for key, value in items:
            lines.extend(self._lines(key, value))
        return lines

    def _lines(self, key, value):
        return [f"{self.name}{_labels(self.label_names, key)} {value}"]


class Counter(_Metric):
    kind = "counter"

    def inc(self, amount=1, **labels):
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0) + amount

    def value(self, **labels):
        return self._values.get(self._key(labels), 0)


class Gauge(_Metric):
    kind = "gauge"

    def set(self, value, **labels):
        key = self._key(labels)
        with self._lock:
            self._values[key] = value


class Summary(_Metric):
    """Count and sum (enough for rates and mean latency); percentiles come from the load test."""

    kind = "summary"

    def observe(self, value, **labels):
        key = self._key(labels)
        with self._lock:
            count, total = self._values.get(key, (0, 0.0))
            self._values[key] = (count + 1, total + value)

    def _lines(self, key, value):
        count, total = value
        labels = _labels(self.label_names, key)
        return [f"{self.name}_count{labels} {count}", f"{self.name}_sum{labels} {total:.6f}"]


class Registry:
    def __init__(self):
        self._metrics = []

    def add(self, metric):
        self._metrics.append(metric)
        return metric

    def render(self):
        lines = []
        for metric in self._metrics:
            lines.extend(metric.render())
        return "\n".join(lines) + "\n"


REGISTRY = Registry()
REQUESTS = REGISTRY.add(Counter("http_requests_total", "HTTP requests by path and status.", ("path", "status")))
LATENCY = REGISTRY.add(Summary("http_request_duration_seconds", "Time to answer a request.", ("path",)))
PREDICTIONS = REGISTRY.add(Counter("model_predictions_total", "Instances predicted."))
MODEL_LOADED = REGISTRY.add(Gauge("model_loaded", "1 once the model is loaded."))
