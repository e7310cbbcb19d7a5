"""The mesh CA and its leaves (`soma certs`), the reloading server certificate, and Envoy's TLS config."""

from __future__ import annotations

import datetime
import ipaddress
import os
import stat
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID
from typer.testing import CliRunner

from somastack.cli.main import app
from somastack.config import Settings, Stage
from somastack.mesh import certs, envoy, envoy_tls
from somastack.platform.tls import CertificatesMissingError, CertLayout, ReloadingServerCertificate, pair_matches
from somastack.registry import SERVICES


def _settings(tmp_path: Path, **extra: object) -> Settings:
    return Settings(home=tmp_path / ".soma", **extra)  # type: ignore[arg-type]


def _load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_every_identity_gets_a_leaf_of_the_mesh_ca_with_private_keys(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    names = certs.identities()
    assert certs.ensure_certificates(settings, names) == names
    layout = CertLayout(settings.certs_root)
    ca = _load(layout.ca_cert)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    for name in names:
        leaf = _load(layout.cert(name))
        leaf.verify_directly_issued_by(ca)
        assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey)
        assert leaf.public_key().curve.name == "secp256r1"  # type: ignore[union-attr]
        sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert {name, "localhost"} <= set(sans.get_values_for_type(x509.DNSName))
        assert ipaddress.ip_address("127.0.0.1") in sans.get_values_for_type(x509.IPAddress)
        usages = set(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
        assert usages == {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH}
        lifetime = leaf.not_valid_after_utc - leaf.not_valid_before_utc
        assert datetime.timedelta(days=89) < lifetime < datetime.timedelta(days=91)
        assert stat.S_IMODE(os.stat(layout.key(name)).st_mode) == 0o600
        assert pair_matches(layout.cert(name).read_bytes(), layout.key(name).read_bytes())
    assert stat.S_IMODE(os.stat(layout.ca_key).st_mode) == 0o600
    # A second run issues nothing: the certificates are there.
    assert certs.ensure_certificates(settings, names) == []


def test_rotation_issues_new_leaves_from_the_same_ca(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    layout = CertLayout(settings.certs_root)
    certs.ensure_certificates(settings, ["identity"])
    ca_before, leaf_before = layout.ca_cert.read_bytes(), layout.cert("identity").read_bytes()
    marker_before = (layout.watch_dir / "rotated").stat().st_mtime_ns
    assert certs.ensure_certificates(settings, ["identity"], rotate=True) == ["identity"]
    assert layout.ca_cert.read_bytes() == ca_before
    assert layout.cert("identity").read_bytes() != leaf_before
    _load(layout.cert("identity")).verify_directly_issued_by(_load(layout.ca_cert))
    assert (layout.watch_dir / "rotated").stat().st_mtime_ns >= marker_before


def test_without_the_ca_key_existing_leaves_serve_and_nothing_new_is_issued(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    layout = CertLayout(settings.certs_root)
    certs.ensure_certificates(settings, ["memory"])
    ca = layout.ca_cert.read_bytes()
    layout.ca_key.unlink()  # the production layout: the CA's key lives elsewhere
    assert certs.ensure_certificates(settings, ["memory"]) == []
    with pytest.raises(CertificatesMissingError, match="no CA key"):
        certs.ensure_certificates(settings, ["memory", "slm"])
    assert layout.ca_cert.read_bytes() == ca and not layout.cert("slm").exists()


def test_a_non_loopback_host_is_named_in_the_leaves(tmp_path: Path) -> None:
    settings = _settings(tmp_path, host="mesh.example.internal")
    certs.ensure_certificates(settings, ["memory"])
    leaf = _load(CertLayout(settings.certs_root).cert("memory"))
    sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "mesh.example.internal" in sans.get_values_for_type(x509.DNSName)


def test_soma_certs_lists_subjects_expiry_and_fingerprints_never_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in [n for n in os.environ if n.startswith("SOMA_")]:
        monkeypatch.delenv(name)
    runner = CliRunner()
    first = runner.invoke(app, ["certs"], terminal_width=400)
    assert first.exit_code == 0, first.output
    layout = CertLayout(Settings().certs_root)
    fingerprint = _load(layout.cert("envoy")).fingerprint(certs.hashes.SHA256()).hex(":").upper()
    # Rich folds the fingerprint over lines when the table is narrow: its start is on the envoy row.
    assert "CN=envoy" in first.output and fingerprint[:23] in first.output
    assert "PRIVATE KEY" not in first.output
    rotated = runner.invoke(app, ["certs", "rotate"], terminal_width=400)
    assert rotated.exit_code == 0, rotated.output
    assert _load(layout.cert("envoy")).fingerprint(certs.hashes.SHA256()).hex(":").upper() != fingerprint


def test_mtls_is_on_by_default_outside_dev_and_moves_service_calls_to_the_internal_listener(tmp_path: Path) -> None:
    assert not _settings(tmp_path).uses_mtls
    assert _settings(tmp_path, stage=Stage.STAGING).uses_mtls
    assert _settings(tmp_path, stage=Stage.PROD, database_url="postgresql://db/soma").uses_mtls
    assert not _settings(tmp_path, stage=Stage.STAGING, mtls=False).uses_mtls
    on = _settings(tmp_path, mtls=True, envoy_port=8080, envoy_internal_port=8081)
    assert on.mesh == "127.0.0.1:8081"
    assert _settings(tmp_path, envoy_port=8080).mesh == "127.0.0.1:8080"
    with pytest.raises(ValueError, match="go together"):
        _settings(tmp_path, envoy_tls_cert=tmp_path / "public.pem")


def test_the_server_certificate_reloads_only_a_matching_rotated_pair(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    layout = CertLayout(settings.certs_root)
    certs.ensure_certificates(settings, ["memory"])
    reloading = ReloadingServerCertificate(layout, "memory")
    assert reloading.fetch() is None  # nothing changed
    key_before = layout.key("memory").read_bytes()
    certs.issue_leaf(layout, "memory", settings.host)
    # Mid-rotation: the new certificate beside the old key is not served.
    new_key = layout.key("memory").read_bytes()
    layout.key("memory").write_bytes(key_before)
    assert reloading.fetch() is None
    layout.key("memory").write_bytes(new_key)
    assert reloading.fetch() is not None
    assert reloading.fetch() is None


def test_envoy_config_with_mtls_is_accepted_by_envoy(tmp_path: Path) -> None:
    settings = _settings(tmp_path, mtls=True, envoy_access_log="off")
    certs.ensure_certificates(settings, certs.identities())
    for path, resource in envoy_tls.sds_files(settings).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(resource))
    config = envoy.render(settings)
    listeners = config["static_resources"]["listeners"]
    assert [listener["name"] for listener in listeners] == ["soma_mesh", "soma_mesh_internal"]
    internal = listeners[1]["filter_chains"][0]["transport_socket"]["typed_config"]
    assert internal["require_client_certificate"] is True
    clusters = {cluster["name"]: cluster for cluster in config["static_resources"]["clusters"]}
    assert all("transport_socket" in clusters[spec.domain] for spec in SERVICES)
    path = tmp_path / "envoy.yaml"
    path.write_text(envoy.render_yaml(settings))
    envoy.validate(str(path))
