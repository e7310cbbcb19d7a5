"""The settings domain's own enums carry the contract's numbers, so values cross the wire unchanged."""

from __future__ import annotations

import enum

import pytest

from soma.settings.v1 import settings_pb2 as spb
from somastack.config import Stage
from somastack.platform.errors import FailedPrecondition
from somastack.settings import model


@pytest.mark.parametrize(
    ("domain", "contract", "prefix"),
    [
        (model.DeploymentMode, spb.DeploymentMode, "DEPLOYMENT_MODE_"),
        (model.ModelRole, spb.ModelRole, "MODEL_ROLE_"),
        (model.Severity, spb.Severity, "SEVERITY_"),
    ],
)
def test_domain_enums_match_the_contract(domain: type[enum.IntEnum], contract: object, prefix: str) -> None:
    values = getattr(contract, "DESCRIPTOR").values  # noqa: B009 - the generated enum wrappers expose it untyped
    assert {prefix + member.name: member.value for member in domain} == {v.name: v.number for v in values}


def test_a_prod_mesh_refuses_other_modes_by_their_contract_name() -> None:
    model.check_mode_change(model.DeploymentMode.PROD, Stage.PROD)
    model.check_mode_change(model.DeploymentMode.DEV, Stage.DEV)
    with pytest.raises(FailedPrecondition) as refused:
        model.check_mode_change(model.DeploymentMode.STAGING, Stage.PROD)
    assert refused.value.metadata == {"guardrail": "prod-stage-locks-mode", "mode": "DEPLOYMENT_MODE_STAGING"}


def test_the_local_provider_is_refused_only_where_prod_guards_it() -> None:
    model.check_provider("local", model.DeploymentMode.DEV, Stage.DEV, resource="r", detail="d")
    model.check_provider("openai", model.DeploymentMode.PROD, Stage.DEV, resource="r", detail="d")
    with pytest.raises(FailedPrecondition) as refused:
        model.check_provider("local", model.DeploymentMode.PROD, Stage.DEV, resource="r", detail="d")
    assert refused.value.metadata == {"guardrail": "prod-no-local-provider", "resource": "r", "provider": "local"}
