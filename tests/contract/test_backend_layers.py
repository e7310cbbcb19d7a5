"""The layers inside the backend (docs/backend.md), as import-linter checks them in `lint`.

import-linter can only check the modules its contract names, so this test keeps the list of domain modules in
pyproject.toml whole: every module of a domain package is either named there or belongs to the outer ring
(the api servicer, its codec, the composition root, adapters, migrations).
"""

from __future__ import annotations

import tomllib
from typing import Any

from tests.conftest import REPO

SERVICES = REPO / "services/somastack"
DOMAINS = ("audit", "constitution", "identity", "memory", "notification", "orchestrator", "policy", "settings", "slm")
OUTER_RING = frozenset({"__init__", "api", "codec", "bootstrap", "adapters", "migrations"})


def contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert config["root_packages"] == ["somastack"] and config["include_external_packages"] is True
    return {contract["name"]: contract for contract in config["contracts"]}


def domain_modules(domain: str) -> set[str]:
    """The top-level modules and sub-packages of a domain package, outer ring left out."""
    package = SERVICES / domain
    names = {p.stem for p in package.glob("*.py")} | {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    return {f"somastack.{domain}.{name}" for name in names - OUTER_RING}


def test_domain_modules_import_no_transport_runtime_or_engine() -> None:
    contract = contracts()["Domain modules import no grpc, runtime or SQLAlchemy"]
    assert contract["type"] == "forbidden"
    assert set(contract["forbidden_modules"]) >= {"grpc", "somastack.runtime", "sqlalchemy"}
    assert not contract.get("allow_indirect_imports", False), "an import through a helper counts too"
    listed = set(contract["source_modules"])
    every = set().union(*(domain_modules(d) for d in DOMAINS))
    assert sorted(every - listed) == [], "a new domain module joins the contract (or is outer ring by its name)"
    assert sorted(listed - every) == [], "the contract names only modules that exist"


def test_every_domain_package_is_covered() -> None:
    packages = {p.name for p in SERVICES.iterdir() if (p / "bootstrap.py").exists() and (p / "api.py").exists()}
    assert packages == set(DOMAINS)


def test_the_platform_and_the_request_context_stay_below_grpc() -> None:
    by_name = contracts()
    platform = by_name["The platform never imports the grpc runtime"]
    assert platform["source_modules"] == ["somastack.platform"] and platform["forbidden_modules"] == [
        "somastack.runtime"
    ]
    context = by_name["The request context lives below grpc"]
    assert set(context["forbidden_modules"]) == {"grpc", "somastack.runtime"}
    assert context["source_modules"] == ["somastack.platform.context"]


def test_the_settings_domain_imports_no_generated_messages() -> None:
    contract = contracts()["The settings domain has its own model, not the generated messages"]
    assert contract["type"] == "forbidden" and contract["forbidden_modules"] == ["soma"]
    assert not contract.get("allow_indirect_imports", False) and not contract.get("ignore_imports")
    assert set(contract["source_modules"]) == domain_modules("settings"), "every settings domain module, no other"
