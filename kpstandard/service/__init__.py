"""``kpcert serve``: the validation service and the verification page, as an ASGI application.

:func:`create_app` builds the application for a :class:`ServiceConfig`; :func:`serve` runs it
with uvicorn in worker processes (one per core by default). The HTTP API is described in
``spec/service/openapi.yaml``.
"""

from __future__ import annotations

from kpstandard.service._app import create_app
from kpstandard.service._config import ServiceConfig

__all__ = ["ServiceConfig", "app_from_environment", "create_app", "serve"]


def app_from_environment() -> object:
    """The app factory uvicorn calls in each worker process (``factory=True``)."""
    return create_app(ServiceConfig.from_environment())


def serve(config: ServiceConfig) -> None:
    """Run the service until interrupted (uvicorn, ``config.worker_count`` processes)."""
    import os

    import uvicorn

    os.environ.update(config.to_environment())
    uvicorn.run(
        "kpstandard.service:app_from_environment",
        factory=True,
        host=config.host,
        port=config.port,
        workers=config.worker_count,
        timeout_keep_alive=5,
        limit_concurrency=max(16, config.backlog * 2),
        h11_max_incomplete_event_size=16 * 1024,
        server_header=False,
        http="kpstandard.service._protocol:NoDelayH11Protocol",
        log_level="warning",
    )
