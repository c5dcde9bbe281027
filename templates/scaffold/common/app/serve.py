"""The HTTP server (the SageMaker container contract): GET /ping, POST /invocations, GET /metrics.

    python3 -m app.serve --port 8080

SageMaker starts the container with the argument `serve`; that is accepted and ignored.

Failures are loud: a request the model cannot take is a 4xx naming the field; a model that fails
while predicting is a 500 with the cause in the log (so 5xx alarms and canary roll-backs fire);
/ping answers 503 when a test prediction fails; a missing model stops the server at start. When a
prediction fails, the known-good test input is re-run to tell the two apart: if it still predicts,
the request's instances were at fault (400) and the model stays in service."""

import argparse
import logging
import os
import sys
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from app import payloads, settings
from app.health import Health
from app.model import ModelError, ModelInputError, load_model
from app.validation import ValidationError, match_example
from app.workers import worker_count
from mlio.logs import configure_logging
from mlio.metrics import LATENCY, MODEL_LOADED, PREDICTIONS, REGISTRY, REQUESTS

log = logging.getLogger("app.serve")
KNOWN_PATHS = {"/ping", "/invocations", "/metrics"}


def create_app(model=None, health=None):
    """The FastAPI app around a loaded model (None: /ping answers 503 until one is set)."""
    app = FastAPI(title=settings.PROJECT_SLUG, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.model = model
    app.state.health = health or Health(model)
    MODEL_LOADED.set(1 if model is not None else 0)

    @app.middleware("http")
    async def observe(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - start
        path = request.url.path if request.url.path in KNOWN_PATHS else "other"
        REQUESTS.inc(path=path, status=str(response.status_code))
        LATENCY.observe(elapsed, path=path)
        if path != "/ping":
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
        return response

    @app.get("/ping")
    async def ping():
        ok, problem = await run_in_threadpool(app.state.health.check)
        if not ok:
            return JSONResponse({"status": "unhealthy", "error": problem}, status_code=503)
        return {"status": "ok"}

    @app.post("/invocations")
    async def invocations(request: Request):
        model = app.state.model
        if model is None:
            return JSONResponse({"error": "the model is not loaded yet"}, status_code=503)
        kind = payloads.kind_of(request.headers.get("content-type"))
        if kind is None:
            return JSONResponse(
                {"error": "content type is not supported; send application/json, text/csv or application/jsonlines"},
                status_code=415,
            )
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > settings.MAX_BODY_BYTES:
            return JSONResponse({"error": f"the body is larger than {settings.MAX_BODY_BYTES} bytes"}, status_code=413)
        body = await request.body()
        if len(body) > settings.MAX_BODY_BYTES:
            return JSONResponse({"error": f"the body is larger than {settings.MAX_BODY_BYTES} bytes"}, status_code=413)
        health = app.state.health
        try:
            instances = payloads.parse(body, kind)
            model.check_input(instances)
            match_example(instances, health.instances)
        except (ValidationError, ModelInputError) as error:
            return JSONResponse({"error": error.message, "field": error.field}, status_code=400)
        try:
            predictions = await run_in_threadpool(model.predict, instances)
        except ModelError as error:
            if await run_in_threadpool(health.input_at_fault):
                # The known-good input still predicts: these instances are what the model refuses.
                log.info("instances refused by the model", extra={"error": str(error)})
                return JSONResponse({"error": f"the model cannot take these instances: {error}", "field": "instances"}, status_code=400)
            # The model itself failed: a server error, logged with its cause, counted by 5xx alarms.
            log.error("prediction failed", exc_info=error)
            return JSONResponse({"error": "the model failed to predict; see the server log"}, status_code=500)
        PREDICTIONS.inc(len(instances))
        out_kind = payloads.answer_kind(request.headers.get("accept"), kind)
        text, media = payloads.render(predictions, out_kind)
        return Response(text, media_type=media)

    @app.get("/metrics")
    def metrics():
        return PlainTextResponse(REGISTRY.render(), media_type="text/plain; version=0.0.4")

    return app


def worker_app():
    """One worker process's app (uvicorn's factory when several workers run): loads its own model."""
    configure_logging(settings.LOG_LEVEL)
    return create_app(load_model(os.environ.get("MODEL_PATH", settings.MODEL_PATH)))


def _default_port():
    for name in ("PORT", "SAGEMAKER_BIND_TO_PORT"):
        value = os.environ.get(name, "")
        if value.isdigit():
            return int(value)
    return 8080


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m app.serve", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["serve"], help="accepted for SageMaker; ignored")
    parser.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))
    parser.add_argument("--port", type=int, default=_default_port())
    parser.add_argument("--model-path", default=settings.MODEL_PATH, help="folder holding the model")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: sized to the machine)")
    parser.add_argument("--log-level", default=settings.LOG_LEVEL)
    args = parser.parse_args(argv)

    configure_logging(args.log_level)
    try:
        model = load_model(args.model_path)
    except ModelError as error:
        log.error("cannot start: %s", error)
        return 1
    health = Health(model)
    ok, problem = health.check()
    if not ok:
        # Loaded but unable to predict: start anyway so /ping can say why (503), and log it now.
        log.error("the model loaded but cannot predict: %s", problem)
    workers = args.workers or worker_count()
    log.info("model loaded", extra={"framework": model.framework, "path": model.path, "workers": workers})

    import uvicorn

    if workers > 1:
        # Each worker process loads its own copy of the model (the factory runs in the worker).
        os.environ["MODEL_PATH"] = args.model_path
        uvicorn.run(
            "app.serve:worker_app",
            factory=True,
            workers=workers,
            host=args.host,
            port=args.port,
            log_config=None,
            access_log=False,
        )
    else:
        uvicorn.run(create_app(model, health), host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
