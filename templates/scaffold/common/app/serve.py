"""The HTTP server (the SageMaker container contract): GET /ping, POST /invocations, GET /metrics.

    python3 -m app.serve --port 8080

SageMaker starts the container with the argument `serve`; that is accepted and ignored."""

import argparse
import logging
import os
import sys
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from app import settings
from app.model import ModelError, load_model
from app.validation import ValidationError, parse_body
from mlio.logs import configure_logging
from mlio.metrics import LATENCY, MODEL_LOADED, PREDICTIONS, REGISTRY, REQUESTS

log = logging.getLogger("app.serve")
KNOWN_PATHS = {"/ping", "/invocations", "/metrics"}
# JSON bodies, and the types curl and fetch send by default for a JSON string.
JSON_TYPES = {"", "application/json", "text/json", "text/plain", "application/x-www-form-urlencoded"}


def create_app(model=None):
    """The FastAPI app around a loaded model (None: /ping answers 503 until one is set)."""
    app = FastAPI(title=settings.PROJECT_SLUG, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.model = model
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
    def ping():
        if app.state.model is None:
            return JSONResponse({"status": "loading"}, status_code=503)
        return {"status": "ok"}

    @app.post("/invocations")
    async def invocations(request: Request):
        model = app.state.model
        if model is None:
            return JSONResponse({"error": "the model is not loaded yet"}, status_code=503)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES and not content_type.endswith("+json"):
            return JSONResponse(
                {"error": f"content type {content_type} is not supported; send application/json"},
                status_code=415,
            )
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > settings.MAX_BODY_BYTES:
            return JSONResponse({"error": f"the body is larger than {settings.MAX_BODY_BYTES} bytes"}, status_code=413)
        body = await request.body()
        if len(body) > settings.MAX_BODY_BYTES:
            return JSONResponse({"error": f"the body is larger than {settings.MAX_BODY_BYTES} bytes"}, status_code=413)
        try:
            payload = parse_body(body)
        except ValidationError as error:
            return JSONResponse(error.to_dict(), status_code=400)
        instances = payload["instances"]
        try:
            predictions = await run_in_threadpool(model.predict, instances)
        except ModelError as error:
            log.warning("prediction failed", extra={"error": str(error)})
            return JSONResponse({"error": str(error), "field": "instances"}, status_code=400)
        PREDICTIONS.inc(len(instances))
        return {"predictions": predictions}

    @app.get("/metrics")
    def metrics():
        return PlainTextResponse(REGISTRY.render(), media_type="text/plain; version=0.0.4")

    return app


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
    parser.add_argument("--log-level", default=settings.LOG_LEVEL)
    args = parser.parse_args(argv)

    configure_logging(args.log_level)
    try:
        model = load_model(args.model_path)
    except ModelError as error:
        log.error("cannot start: %s", error)
        return 1
    log.info("model loaded", extra={"framework": model.framework, "path": model.path})

    import uvicorn

    uvicorn.run(create_app(model), host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
