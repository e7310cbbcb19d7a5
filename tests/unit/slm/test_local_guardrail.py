"""The prod guardrail on the local provider, where a call is resolved to its provider: every path is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from somastack.config import Settings
from somastack.platform.credentials import Credentials
from somastack.platform.db import create_engine
from somastack.platform.errors import FailedPrecondition, Unavailable
from somastack.platform.migrations import upgrade_async
from somastack.slm.adapters.sql_store import SqlInferenceRecord
from somastack.slm.bootstrap import build_endpoints, build_providers
from somastack.slm.config import SlmSettings
from somastack.slm.model import Message, ModelProfile, Params, Role, State
from somastack.slm.resilience import RetryPolicy
from somastack.slm.service import GUARDRAIL_VIOLATED, LOCAL_GUARDRAIL, Guard, Slm
from tests.integration.fake_llm_servers import FakeServer
from tests.unit.slm.fakes import Modes

HELLO = [Message(Role.USER, "hello there")]
PROD, DEV = "prodco", "devco"


@dataclass
class Profiles:
    """The tenants' chat profiles; a tenant without one gets `fallback` (the configured default provider)."""

    by_tenant: dict[str, ModelProfile]
    fallback: ModelProfile

    async def profile(self, tenant: str, credentials: Credentials | None = None) -> ModelProfile:
        return self.by_tenant.get(tenant, self.fallback)


@dataclass
class Rig:
    slm: Slm
    profiles: Profiles
    modes: Modes
    record: SqlInferenceRecord
    closers: list[Callable[[], Awaitable[None]]]

    async def close(self) -> None:
        for closer in self.closers:
            await closer()


@pytest.fixture
def remote() -> Iterator[FakeServer]:
    with FakeServer("openai") as server:
        yield server


async def open_rig(tmp_path: Path, remote: FakeServer, *, stage_prod: bool = False) -> Rig:
    """Local and openai configured, `local` the default provider (a tenant without a profile falls back to it)."""
    config = SlmSettings(default_provider="local", openai_base_url=remote.url, max_retries=0, profile_source="config")
    settings = Settings(home=tmp_path)
    await upgrade_async(settings, "slm")
    engine = create_engine(settings, "slm")
    client = httpx.AsyncClient()
    providers = build_providers(config)
    profiles = Profiles({}, ModelProfile(provider="local"))
    modes = Modes(PROD)
    record = SqlInferenceRecord(engine)
    slm = Slm(
        providers,
        profiles,
        record,
        prod=stage_prod,
        guard=Guard(RetryPolicy(max_retries=0)),
        endpoints=build_endpoints(config, client),
        modes=modes,
    )
    closers = [slm.stop, *(p.close for p in providers.values()), client.aclose, engine.dispose]
    return Rig(slm, profiles, modes, record, closers)


@pytest.fixture
async def rig(tmp_path: Path, remote: FakeServer) -> AsyncIterator[Rig]:
    opened = await open_rig(tmp_path, remote)
    yield opened
    await opened.close()


def assert_refused(refused: FailedPrecondition, tenant: str = PROD) -> None:
    """The one answer of every refused path: the guardrail, the provider, and what to configure."""
    assert refused.code.name == "FAILED_PRECONDITION"
    assert refused.reason == GUARDRAIL_VIOLATED
    assert refused.metadata == {
        "guardrail": LOCAL_GUARDRAIL,
        "provider": "local",
        "resource": f"tenants/{tenant}/modelProfiles/chat",
    }
    assert "chat model profile" in refused.message and "non-local provider" in refused.message


async def test_a_prod_tenant_without_a_profile_is_refused_not_defaulted_to_local(rig: Rig) -> None:
    with pytest.raises(FailedPrecondition) as caught:
        await rig.slm.infer(f"tenants/{PROD}", HELLO, Params())
    assert_refused(caught.value)
    assert "the tenant's settings" in caught.value.message
    # A tenant in dev still gets the default provider.
    assert (await rig.slm.infer(f"tenants/{DEV}", HELLO, Params())).provider == "local"


async def test_a_profile_or_a_request_naming_local_is_refused_for_a_prod_tenant(rig: Rig) -> None:
    rig.profiles.by_tenant[PROD] = ModelProfile(provider="local", model="tenant-local")
    with pytest.raises(FailedPrecondition) as by_profile:
        await rig.slm.infer(f"tenants/{PROD}", HELLO, Params())
    assert_refused(by_profile.value)
    rig.profiles.by_tenant[PROD] = ModelProfile(provider="openai", model="gpt-tenant")
    with pytest.raises(FailedPrecondition) as by_request:
        await rig.slm.infer(f"tenants/{PROD}", HELLO, Params(provider="local"))
    assert_refused(by_request.value)
    # The remote provider of the profile answers.
    assert (await rig.slm.infer(f"tenants/{PROD}", HELLO, Params())).provider == "openai"


async def test_embed_and_submit_are_refused_and_nothing_is_queued(rig: Rig) -> None:
    with pytest.raises(FailedPrecondition) as embed:
        await rig.slm.embed(f"tenants/{PROD}", ["a"], model="", provider_name="")
    assert_refused(embed.value)
    with pytest.raises(FailedPrecondition) as named:
        await rig.slm.embed(f"tenants/{PROD}", ["a"], model="", provider_name="local")
    assert_refused(named.value)
    with pytest.raises(FailedPrecondition) as submit:
        await rig.slm.submit(f"tenants/{PROD}", HELLO, Params(), request_id="r1")
    assert_refused(submit.value)
    assert await rig.record.unfinished() == []


async def test_a_queued_local_job_of_a_tenant_switched_to_prod_fails_when_it_runs(rig: Rig) -> None:
    job = await rig.slm.submit(f"tenants/{DEV}", HELLO, Params())
    rig.modes.prod_tenants.add(DEV)  # switched to prod while the job waited for a worker
    await rig.slm.run(job.name)
    failed = await rig.slm.get(job.name)
    assert failed.state is State.FAILED and failed.completion is None
    assert LOCAL_GUARDRAIL in failed.error and "chat model profile" in failed.error


async def test_remote_calls_never_ask_for_the_mode_and_local_ones_fail_closed(rig: Rig) -> None:
    rig.profiles.by_tenant[PROD] = ModelProfile(provider="openai")
    await rig.slm.infer(f"tenants/{PROD}", HELLO, Params())
    await rig.slm.embed(f"tenants/{PROD}", ["a"], model="", provider_name="openai")
    assert rig.modes.asked == []
    # A mode that cannot be read keeps the local provider from answering: retry later, never a guess.
    rig.modes.failing = True
    with pytest.raises(Unavailable):
        await rig.slm.infer(f"tenants/{DEV}", HELLO, Params())
    assert (await rig.slm.infer(f"tenants/{PROD}", HELLO, Params())).provider == "openai"


async def test_list_providers_marks_local_unavailable_for_a_prod_tenant(rig: Rig) -> None:
    prod = {p.name: p.available for p in await rig.slm.providers(f"tenants/{PROD}")}
    dev = {p.name: p.available for p in await rig.slm.providers(f"tenants/{DEV}")}
    assert prod == {"local": False, "openai": True}
    assert dev == {"local": True, "openai": True}


async def test_stage_prod_refuses_every_tenant_without_asking_for_modes(tmp_path: Path, remote: FakeServer) -> None:
    opened = await open_rig(tmp_path, remote, stage_prod=True)
    try:
        for tenant in (PROD, DEV):
            with pytest.raises(FailedPrecondition) as caught:
                await opened.slm.infer(f"tenants/{tenant}", HELLO, Params())
            assert_refused(caught.value, tenant)
            assert "the stage of this mesh" in caught.value.message
        assert opened.modes.asked == []
    finally:
        await opened.close()


def test_the_slm_and_settings_name_the_rule_alike() -> None:
    from somastack.settings.model import PROD_NO_LOCAL_PROVIDER
    from somastack.slm.service import LOCAL_GUARDRAIL

    assert LOCAL_GUARDRAIL == PROD_NO_LOCAL_PROVIDER.id
