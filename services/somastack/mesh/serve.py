"""One service process: what `soma serve DOMAIN` runs, and what `soma up` forks for each service."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys

from pydantic import ValidationError

from somastack.config import Settings
from somastack.platform.sealing import KeyConfigError, SealingError
from somastack.registry import by_domain, web_app


class ServeError(Exception):
    """The service cannot start: bad configuration, unknown domain, or its address is taken."""


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise ServeError(f"invalid configuration: {exc}") from None


def serve(domain: str, port: int | None = None) -> None:
    """Runs one domain service, or a web app's static server, until SIGTERM/SIGINT; raises ServeError."""
    from somastack.runtime.server import PortInUseError, ServiceHost

    settings = load_settings()
    configure_logging(settings)
    app_spec = web_app(domain)
    if app_spec is not None:
        if port is not None:
            raise ServeError(f"{domain} listens on its Unix socket {app_spec.socket_path(settings)}, not on a port")
        module, _, function = app_spec.entrypoint.partition(":")
        try:
            getattr(importlib.import_module(module), function)(settings)
        except OSError as exc:
            raise ServeError(f"{domain} cannot listen on {app_spec.socket_path(settings)}: {exc}") from None
        return
    try:
        spec = by_domain(domain)
    except KeyError as exc:
        raise ServeError(str(exc.args[0])) from None
    host = ServiceHost(spec, settings, port=port)
    try:
        asyncio.run(host.run_until_signalled())
    except PortInUseError as exc:
        raise ServeError(str(exc)) from None
    except KeyConfigError as exc:
        raise ServeError(f"FAILED_PRECONDITION: {exc}") from None
    except SealingError as exc:  # a stored secret the configured keys cannot open, met while starting
        raise ServeError(f"FAILED_PRECONDITION {exc.reason}: {exc.message}") from None
