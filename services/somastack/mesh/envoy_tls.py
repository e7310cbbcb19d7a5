"""Envoy's side of mTLS: TLS on its listeners and to the services, with certificates read through file-based SDS.

Two listeners: the public one (clients, the console, grpcurl) serves the operator's certificate and asks no client
certificate; the internal one, where service-to-service calls arrive, requires a certificate of the mesh CA.
Envoy reads every certificate through SDS from files (`<data dir>/envoy-sds/*.yaml`), and reloads them when the
watched directory sees a rotation, so certificates change under load without a restart or a dropped call.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from somastack.config import Settings
from somastack.platform.tls import ENVOY, CertLayout

Config = dict[str, Any]

_TYPE_URL = "type.googleapis.com/"
_TLS_SOCKET = "envoy.transport_sockets.tls"
_TLS = "envoy.extensions.transport_sockets.tls.v3."

#: Envoy's mesh certificate: its client certificate to the services, and the internal listener's server one.
MESH_SECRET = "envoy_mesh_certificate"
#: The public listener's certificate: the operator's (SOMA_ENVOY_TLS_CERT/_KEY), else Envoy's mesh certificate.
PUBLIC_SECRET = "envoy_public_certificate"
#: The mesh CA, which every service's and every internal caller's certificate must chain to.
CA_SECRET = "mesh_ca"


def sds_dir(settings: Settings) -> Path:
    """Where the SDS files Envoy reads its secrets from live."""
    return settings.data_dir / "envoy-sds"


def _file(path: Path) -> Config:
    return {"filename": str(path.resolve())}


def _secret_resources(settings: Settings) -> dict[str, Config]:
    """Each secret as the SDS resource Envoy reads from its file."""
    layout = CertLayout(settings.certs_root)
    watched = {"path": str(layout.watch_dir.resolve())}
    mesh = {
        "certificate_chain": _file(layout.cert(ENVOY)),
        "private_key": _file(layout.key(ENVOY)),
        # Reloaded when the marker is replaced, after both files are: never a certificate with the old key.
        "watched_directory": watched,
    }
    public = mesh
    if settings.envoy_tls_cert is not None and settings.envoy_tls_key is not None:
        # The operator's files are reloaded when a file is moved into their directory (a mounted secret's swap).
        public = {
            "certificate_chain": _file(settings.envoy_tls_cert),
            "private_key": _file(settings.envoy_tls_key),
            "watched_directory": {"path": str(settings.envoy_tls_cert.resolve().parent)},
        }
    return {
        MESH_SECRET: {"tls_certificate": mesh},
        PUBLIC_SECRET: {"tls_certificate": public},
        CA_SECRET: {"validation_context": {"trusted_ca": _file(layout.ca_cert), "watched_directory": watched}},
    }


def sds_files(settings: Settings) -> dict[Path, Config]:
    """The SDS files to write before Envoy starts: one DiscoveryResponse per secret."""
    folder = sds_dir(settings)
    return {
        folder / f"{name}.yaml": {"resources": [{"@type": _TYPE_URL + _TLS + "Secret", "name": name, **body}]}
        for name, body in _secret_resources(settings).items()
    }


def _sds(settings: Settings, name: str) -> Config:
    path = (sds_dir(settings) / f"{name}.yaml").resolve()
    return {"name": name, "sds_config": {"path_config_source": {"path": str(path)}, "resource_api_version": "V3"}}


def _socket(kind: str, context: Config) -> Config:
    return {"name": _TLS_SOCKET, "typed_config": {"@type": _TYPE_URL + _TLS + kind, **context}}


def public_listener(settings: Settings, listener: Config) -> Config:
    """The listener clients use, on TLS (gRPC over h2, REST over HTTP/1.1 or h2), no client certificate asked."""
    public = copy.deepcopy(listener)
    context = {
        "alpn_protocols": ["h2", "http/1.1"],
        "tls_certificate_sds_secret_configs": [_sds(settings, PUBLIC_SECRET)],
    }
    public["filter_chains"][0]["transport_socket"] = _socket("DownstreamTlsContext", {"common_tls_context": context})
    return public


def internal_listener(settings: Settings, listener: Config) -> Config:
    """The same routes on `envoy_internal_port`, for service-to-service calls: a mesh CA certificate is required."""
    internal = copy.deepcopy(listener)
    internal["name"] = "soma_mesh_internal"
    internal["address"]["socket_address"]["port_value"] = settings.envoy_internal_port
    manager = internal["filter_chains"][0]["filters"][0]["typed_config"]
    manager["stat_prefix"] = "soma_mesh_internal"
    context = {
        "alpn_protocols": ["h2", "http/1.1"],
        "tls_certificate_sds_secret_configs": [_sds(settings, MESH_SECRET)],
        "validation_context_sds_secret_config": _sds(settings, CA_SECRET),
    }
    internal["filter_chains"][0]["transport_socket"] = _socket(
        "DownstreamTlsContext", {"common_tls_context": context, "require_client_certificate": True}
    )
    return internal


def upstream_tls(settings: Settings, cluster: Config, domain: str) -> Config:
    """`cluster` reached over mTLS: Envoy presents its mesh certificate and accepts only the certificate the mesh CA
    issued to `domain` (its DNS name), so a process on the port that is not that service is refused."""
    validation = {
        "default_validation_context": {
            "match_typed_subject_alt_names": [{"san_type": "DNS", "matcher": {"exact": domain}}]
        },
        "validation_context_sds_secret_config": _sds(settings, CA_SECRET),
    }
    context = {
        "alpn_protocols": ["h2"],
        "tls_certificate_sds_secret_configs": [_sds(settings, MESH_SECRET)],
        "combined_validation_context": validation,
    }
    return {**cluster, "transport_socket": _socket("UpstreamTlsContext", {"common_tls_context": context})}
