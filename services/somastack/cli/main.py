"""The `soma` command: run the mesh, one service, migrations, Envoy's config, tokens, status, config, the demo."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from pydantic import ValidationError

from somastack.config import Settings, Stage
from somastack.registry import SERVICES, by_domain

app = typer.Typer(
    help="SomaStack mesh: contracts-first gRPC services behind Envoy.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
envoy_app = typer.Typer(help="Envoy configuration.", no_args_is_help=True)
app.add_typer(envoy_app, name="envoy")
certs_app = typer.Typer(help="The mesh's CA and certificates (mTLS).", invoke_without_command=True)
app.add_typer(certs_app, name="certs")
secrets_app = typer.Typer(help="Secrets sealed at rest (docs/security.md, Sealed secrets).", no_args_is_help=True)
app.add_typer(secrets_app, name="secrets")

if TYPE_CHECKING:
    from rich.console import Console


class _LazyConsole:
    """A rich Console made at first use: `soma serve`, what every service process runs, never prints with rich, and
    importing rich (with pygments) cost each of them tens of milliseconds and megabytes."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


# Piped into a file or a CI log, rich would wrap tables at 80 columns; give them room there.
console = cast("Console", _LazyConsole(width=None if sys.stdout.isatty() else 160))
errors = cast("Console", _LazyConsole(stderr=True, soft_wrap=True))


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        errors.print(f"[red]invalid configuration:[/red] {exc}")
        raise typer.Exit(2) from None


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)


def _require_kek(settings: Settings) -> None:
    """Refuses to start a staging or prod mesh without a key-encryption key, before any process is started."""
    from somastack.platform.kek import sealer_for
    from somastack.platform.sealing import KeyConfigError

    try:
        sealer_for(settings)
    except KeyConfigError as exc:
        raise _fail(f"FAILED_PRECONDITION: {exc}") from None


@app.command()
def up(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for every service to be healthy.")] = 30.0,
) -> None:
    """Start Envoy and every service, wait until healthy, keep them running; Ctrl-C stops everything."""
    from somastack.mesh.supervisor import Supervisor
    from somastack.runtime.ports import PortInUseError

    settings = _settings()
    _require_kek(settings)
    supervisor = Supervisor(settings, on_event=lambda m: console.print(f"[yellow]•[/yellow] {m}"))
    try:
        supervisor.prepare()
    except PortInUseError as exc:
        raise _fail(f"{exc}. Stop whatever holds it, or set SOMA_ENVOY_PORT / SOMA_PORT_BASE.") from None
    except RuntimeError as exc:
        raise _fail(str(exc)) from None

    async def run() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        started = time.monotonic()
        await supervisor.start()
        with console.status(f"starting {len(supervisor.children)} processes ({settings.stage.value} stage)…"):
            status = await supervisor.wait_healthy(timeout)
        elapsed = time.monotonic() - started
        from rich.table import Table

        table = Table(title=f"SomaStack mesh ({settings.stage.value})", title_justify="left")
        table.add_column("component", style="bold", no_wrap=True)
        table.add_column("address", no_wrap=True)
        table.add_column("health", no_wrap=True)
        table.add_column("metrics", no_wrap=True)
        table.add_column("what")
        for endpoint in supervisor.endpoints():
            health = status.get(endpoint.name, status.get(f"envoy → {endpoint.name}", "—"))
            if endpoint.name in ("envoy", "envoy internal"):
                health = (
                    "SERVING" if all(v == "SERVING" for k, v in status.items() if k.startswith("envoy")) else "DOWN"
                )
            colour = "green" if health == "SERVING" else ("dim" if health == "—" else "red")
            table.add_row(
                endpoint.name, endpoint.address, f"[{colour}]{health}[/{colour}]", endpoint.metrics, endpoint.what
            )
        console.print(table)
        healthy = all(v == "SERVING" for v in status.values())
        if not healthy:
            errors.print(f"[red]not healthy after {timeout:.0f}s[/red]; logs are in {supervisor.log_dir}")
            await supervisor.stop()
            return 1
        console.print(f"[green]healthy in {elapsed:.1f}s[/green]. Logs: {supervisor.log_dir}")
        if settings.stage is Stage.DEV:
            console.print("Admin token: [bold]soma token[/bold]   Status: [bold]soma status[/bold]   Stop: Ctrl-C")
        await stop.wait()
        with console.status("draining and stopping…"):
            await supervisor.stop()
        console.print("stopped; no process left behind")
        return 0

    raise typer.Exit(asyncio.run(run()))


@app.command()
def serve(
    domain: Annotated[str, typer.Argument(help="The domain to serve, e.g. identity, or `console`.")],
    port: Annotated[int | None, typer.Option(help="Listen here instead of the registry's port (0: any).")] = None,
) -> None:
    """Run one domain service, or the console's static server, in the foreground (what `soma up` runs for each)."""
    from somastack.mesh.serve import ServeError
    from somastack.mesh.serve import serve as serve_domain

    try:
        serve_domain(domain, port)
    except ServeError as exc:
        raise _fail(str(exc)) from None


@app.command()
def migrate(
    domain: Annotated[str | None, typer.Argument(help="Only this domain (default: every stateful domain).")] = None,
) -> None:
    """Apply every pending Alembic migration of each service's database (and of its audit spool)."""
    from somastack.platform import migrations
    from somastack.platform.db import database_url
    from somastack.runtime.contract import method_contracts

    settings = _settings()
    specs = [by_domain(domain)] if domain else [s for s in SERVICES if s.stateful]
    from rich.table import Table

    table = Table(title="migrations", title_justify="left")
    for column in ("domain", "database", "before", "after"):
        table.add_column(column)
    for spec in specs:
        if not spec.stateful:
            raise _fail(f"{spec.domain} has no database")
        url = database_url(settings, spec.domain).split("@")[-1]
        histories: list[tuple[str, migrations.History | None]] = [(spec.domain, None)]
        if any(contract.mutating for contract in method_contracts(spec.services).values()):
            histories.append((f"{spec.domain}/audit-spool", migrations.AUDIT_SPOOL))
        for name, history in histories:
            before = migrations.current(settings, spec.domain, history)
            migrations.upgrade(settings, spec.domain, history=history)
            after = migrations.current(settings, spec.domain, history)
            table.add_row(name, url, before or "(empty)", after or "?")
    console.print(table)


@envoy_app.command("render")
def envoy_render(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    portable: Annotated[
        bool, typer.Option(help="Name the descriptor set by its repo path (for deploy/envoy/envoy.yaml).")
    ] = False,
) -> None:
    """Render Envoy's config from the service registry."""
    from somastack.mesh import envoy

    text = envoy.render_yaml(_settings(), portable=portable)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text)
        console.print(f"wrote {output}")


def _issue_certs(*, rotate: bool) -> None:
    """Issues what is missing (every leaf with `rotate`), then lists the certificates: never key material."""
    from rich.table import Table

    from somastack.mesh import certs
    from somastack.platform.tls import CertificatesMissingError, CertLayout

    settings = _settings()
    names = certs.identities()
    try:
        issued = certs.ensure_certificates(settings, names, rotate=rotate)
    except CertificatesMissingError as exc:
        raise _fail(str(exc)) from None
    table = Table(title=f"mesh certificates in {settings.certs_root}", title_justify="left")
    for column in ("name", "subject", "expires (UTC)", "path", "SHA-256 fingerprint"):
        table.add_column(column, overflow="fold")
    for info in certs.describe(CertLayout(settings.certs_root), names):
        fresh = " [green](new)[/green]" if info.name in issued else ""
        expiry = info.not_after.strftime("%Y-%m-%d %H:%M")
        table.add_row(info.name + fresh, info.subject, expiry, str(info.path), info.fingerprint)
    console.print(table)
    if not settings.uses_mtls:
        console.print("mTLS is off in this stage: set SOMA_MTLS=on to use them.")


@certs_app.callback()
def certs_(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Issue new leaf certificates even where they exist.")] = False,
) -> None:
    """Create the mesh CA and every missing certificate (under the stage's data dir), and list them."""
    if ctx.invoked_subcommand is None:
        _issue_certs(rotate=force)


@certs_app.command("rotate")
def certs_rotate() -> None:
    """Issue new leaf certificates from the same CA; Envoy and the services pick them up without a restart."""
    _issue_certs(rotate=True)


@secrets_app.command("rewrap")
def secrets_rewrap(
    domain: Annotated[str | None, typer.Argument(help="Only this service (default: every one with secrets).")] = None,
) -> None:
    """Re-seal every sealed secret under the current key-encryption key, while the services run; prints counts only."""
    from somastack.cli.secrets import rewrap
    from somastack.platform.sealing import KeyConfigError

    try:
        code = rewrap(_settings(), console, domain)
    except KeyConfigError as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(code)


@app.command("config")
def config_(
    changed: Annotated[bool, typer.Option("--changed", help="Only the settings not at their default.")] = False,
) -> None:
    """Print the effective configuration of every service: each setting's value and source, secrets masked."""
    from somastack.cli.show_config import show

    raise typer.Exit(show(console, errors, changed_only=changed))


@app.command()
def token() -> None:
    """Print the dev admin token that `soma up` bootstraps (dev stage only)."""
    settings = _settings()
    if settings.stage is not Stage.DEV:
        raise _fail(f"no bootstrap admin token in the {settings.stage.value} stage; issue tokens with IdentityService")
    path = settings.admin_token_path
    if not path.exists():
        raise _fail(f"{path} does not exist yet: run `soma up` first")
    sys.stdout.write(path.read_text())


@app.command()
def status(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 2.0,
) -> None:
    """Show the health of each service, asked through Envoy."""
    # Here, not at the top: `soma serve console` (a static file server) needs no gRPC.
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from soma.meta.v1 import contract_service_pb2, contract_service_pb2_grpc

    settings = _settings()

    async def ask() -> tuple[list[tuple[str, str, str]], str]:
        rows = []
        from somastack.platform.tls import OPERATOR, aio_channel, mesh_dial

        async with aio_channel(mesh_dial(settings, OPERATOR)) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            for spec in SERVICES:
                for name in spec.services:
                    try:
                        reply = await health.Check(health_pb2.HealthCheckRequest(service=name), timeout=timeout)
                        state = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
                    except grpc.aio.AioRpcError as exc:
                        state = exc.code().name
                    rows.append((spec.domain, name, state))
            version = "?"
            with contextlib.suppress(grpc.aio.AioRpcError):
                info = await contract_service_pb2_grpc.ContractServiceStub(channel).GetContractInfo(
                    contract_service_pb2.GetContractInfoRequest(), timeout=timeout
                )
                version = info.current_version
        return rows, version

    rows, version = asyncio.run(ask())
    from rich.table import Table

    table = Table(title=f"mesh at {settings.mesh} (contract {version})", title_justify="left")
    for column in ("domain", "service", "health"):
        table.add_column(column)
    for domain, name, state in rows:
        colour = "green" if state == "SERVING" else "red"
        table.add_row(domain, name, f"[{colour}]{state}[/{colour}]")
    console.print(table)
    if any(state != "SERVING" for _, _, state in rows):
        raise typer.Exit(1)


@app.command()
def demo(
    tenant: Annotated[str, typer.Option(help="The tenant the story runs in; created when missing.")] = "demo",
    token: Annotated[
        str | None,
        typer.Option(help="A platform admin token; the dev bootstrap token when unset.", envvar="SOMA_TOKEN"),
    ] = None,
    signer_key: Annotated[
        Path | None,
        typer.Option(help="The constitution signer's private key (PEM); the dev signer's when unset."),
    ] = None,
) -> None:
    """Run the session story against a running `soma up`, through Envoy, showing each step."""
    from somastack.cli.demo import run_demo
    from somastack.constitution.signing import DEV_KEY_FILE

    settings = _settings()
    if token is None:
        if not settings.admin_token_path.exists():
            raise _fail(f"{settings.admin_token_path} does not exist: run `soma up` first, or pass --token")
        token = settings.admin_token_path.read_text().strip()
    key = signer_key or settings.data_dir / DEV_KEY_FILE
    own_token = None
    if settings.stage is Stage.DEV:
        from somastack.identity.bootstrap import issue_own_token

        # Each person signs in with a token of their own; the operator's would make them all one person.
        def own_token(user: str) -> str:
            return asyncio.run(issue_own_token(settings, user))

    from somastack.platform.tls import OPERATOR, mesh_dial

    acts = run_demo(mesh_dial(settings, OPERATOR), token, key, tenant, console, own_token)
    if not all(act.ok for act in acts):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
