"""The settings readers' caches (profile and deployment mode): hits, TTL expiry, invalidation by `settings.changed`."""

from __future__ import annotations

import asyncio
import contextvars
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from soma.settings.v1 import settings_pb2, settings_service_pb2
from somastack.config import Settings
from somastack.platform.cache import InProcessCache, RedisCache
from somastack.platform.credentials import Credentials
from somastack.platform.errors import FailedPrecondition, Unavailable
from somastack.platform.events import new_event, open_bus
from somastack.platform.events.bus import Record
from somastack.platform.service_token import ServiceToken, write_secret_file
from somastack.slm.adapters.settings_modes import SettingsTenantModes
from somastack.slm.adapters.settings_profiles import (
    SettingsProfileSource,
    profile_from_json,
    profile_json,
    profile_key,
    profile_of,
)
from somastack.slm.bootstrap import SETTINGS_TOPIC, SlmGateway
from somastack.slm.config import SlmSettings
from somastack.slm.model import Message, ModelProfile, Params, Role
from somastack.slm.profiles import ConfigProfileSource
from somastack.testing import free_ports
from tests.conftest import require_env
from tests.unit.slm.fakes import Modes

TENANT = "acme"
CHAT = f"tenants/{TENANT}/modelProfiles/chat"
#: The caller every lookup is made for.
CALLER = Credentials("Bearer t0k", "req-1")


class Profiles:
    """Serves GetModelProfile from a dict (NOT_FOUND when absent), or fails with `failing`; counts the calls.

    Also GetSettings, the tenant's effective mode from `modes` (dev when absent), counted in `settings_calls`
    with the authorization each call presented: the RPCs of soma.settings.v1.SettingsService the SLM calls,
    registered on their own (below).
    """

    def __init__(self) -> None:
        self.modes: dict[str, int] = {}
        self.settings_calls: list[str] = []
        self.profiles: dict[str, settings_pb2.ModelProfile] = {}
        self.failing: grpc.StatusCode | None = None
        self.calls = 0
        #: When set, each call waits for `release` after setting `entered`.
        self.release: asyncio.Event | None = None
        self.entered = asyncio.Event()

    async def GetModelProfile(
        self,
        request: settings_service_pb2.GetModelProfileRequest,
        context: grpc.aio.ServicerContext[object, object],
    ) -> settings_service_pb2.GetModelProfileResponse:
        self.calls += 1
        if self.release is not None:
            self.entered.set()
            await self.release.wait()
        if self.failing is not None:
            await context.abort(self.failing, "failing on purpose")
        found = self.profiles.get(request.name)
        if found is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, f"model profile {request.name!r} not found")
        return settings_service_pb2.GetModelProfileResponse(model_profile=found)

    async def GetSettings(
        self,
        request: settings_service_pb2.GetSettingsRequest,
        context: grpc.aio.ServicerContext[object, object],
    ) -> settings_service_pb2.GetSettingsResponse:
        self.settings_calls.append(dict(context.invocation_metadata() or ()).get("authorization", ""))
        if self.failing is not None:
            await context.abort(self.failing, "failing on purpose")
        tenant = request.name.split("/")[1]
        mode = self.modes.get(tenant, settings_pb2.DEPLOYMENT_MODE_DEV)
        return settings_service_pb2.GetSettingsResponse(
            settings=settings_pb2.Settings(name=request.name, effective_mode=mode)  # type: ignore[arg-type]
        )


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def served() -> AsyncIterator[tuple[Profiles, str]]:
    servicer = Profiles()
    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(
        servicer.GetModelProfile,
        request_deserializer=settings_service_pb2.GetModelProfileRequest.FromString,
        response_serializer=settings_service_pb2.GetModelProfileResponse.SerializeToString,
    )
    get_settings = grpc.unary_unary_rpc_method_handler(
        servicer.GetSettings,
        request_deserializer=settings_service_pb2.GetSettingsRequest.FromString,
        response_serializer=settings_service_pb2.GetSettingsResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        [
            grpc.method_handlers_generic_handler(
                "soma.settings.v1.SettingsService", {"GetModelProfile": handler, "GetSettings": get_settings}
            )
        ]
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield servicer, f"127.0.0.1:{port}"
    await server.stop(None)


def fallback() -> ConfigProfileSource:
    return ConfigProfileSource(SlmSettings(default_provider="local"))


def profile(provider: str, model: str) -> settings_pb2.ModelProfile:
    return settings_pb2.ModelProfile(name=CHAT, provider=provider, model=model)


async def test_a_cached_profile_answers_without_a_call_until_its_ttl_ends(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("vllm", "m1")
    clock = Clock()
    source = SettingsProfileSource(target, fallback(), cache=InProcessCache(clock=clock), ttl=60)
    try:
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="openai", model="m1")
        servicer.profiles[CHAT] = profile("anthropic", "m2")  # changed without an event: the TTL is the safety net
        clock.now += 59
        assert [await source.profile(TENANT, CALLER) for _ in range(5)] == [
            ModelProfile(provider="openai", model="m1")
        ] * 5
        assert servicer.calls == 1
        clock.now += 1
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="anthropic", model="m2")
        assert servicer.calls == 2
    finally:
        await source.close()


async def test_no_profile_is_cached_too_and_answers_the_fallback(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    source = SettingsProfileSource(target, fallback(), cache=InProcessCache(), ttl=60)
    try:
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="local")
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="local")
        assert servicer.calls == 1
        # A profile that names no provider is "none" as well.
        servicer.profiles[f"tenants/{TENANT}-2/modelProfiles/chat"] = profile("", "m")
        assert await source.profile(f"{TENANT}-2", CALLER) == ModelProfile(provider="local")
        assert await source.profile(f"{TENANT}-2", CALLER) == ModelProfile(provider="local")
        assert servicer.calls == 2
    finally:
        await source.close()


async def test_forget_drops_only_that_tenants_entry(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    servicer.profiles["tenants/other/modelProfiles/chat"] = profile("local", "o1")
    cache = InProcessCache()
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert (await source.profile("other", CALLER)).model == "o1"
        servicer.profiles[CHAT] = profile("local", "m2")
        await source.forget(TENANT)
        assert await cache.get(profile_key(TENANT)) is None
        assert (await source.profile(TENANT, CALLER)).model == "m2"
        assert (await source.profile("other", CALLER)).model == "o1"
        assert servicer.calls == 3
    finally:
        await source.close()


async def test_a_lookup_racing_an_invalidation_does_not_store_what_it_read(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "old")
    cache = InProcessCache()
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        # The event arrives while the lookup is in flight: what it read may predate the change.
        servicer.release = asyncio.Event()
        lookup = asyncio.create_task(source.profile(TENANT, CALLER), context=contextvars.copy_context())
        await servicer.entered.wait()
        await source.forget(TENANT)
        servicer.release.set()
        assert (await lookup).model == "old"
        assert await cache.get(profile_key(TENANT)) is None
    finally:
        await source.close()


@pytest.mark.parametrize("code", [grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED])
async def test_failures_are_not_cached(served: tuple[Profiles, str], code: grpc.StatusCode) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    servicer.failing = code
    cache = InProcessCache()
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        with pytest.raises(Unavailable) as caught:
            await source.profile(TENANT, CALLER)
        assert caught.value.reason == "SERVICE_UNAVAILABLE"
        assert len(cache) == 0
        servicer.failing = None
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert servicer.calls == 2
    finally:
        await source.close()


async def test_an_unreachable_settings_service_is_unavailable_and_not_cached() -> None:
    cache = InProcessCache()
    source = SettingsProfileSource(f"127.0.0.1:{free_ports(1)[0]}", fallback(), cache=cache, ttl=60, timeout=0.5)
    try:
        with pytest.raises(Unavailable):
            await source.profile(TENANT, CALLER)
        assert len(cache) == 0
    finally:
        await source.close()


async def test_a_denied_caller_gets_the_fallback_and_nothing_is_cached(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    servicer.failing = grpc.StatusCode.PERMISSION_DENIED
    cache = InProcessCache()
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        # An answer about this caller, not about the tenant: the next caller may read the profile.
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="local")
        assert len(cache) == 0
        servicer.failing = None
        assert (await source.profile(TENANT, CALLER)).model == "m1"
    finally:
        await source.close()


async def test_a_zero_ttl_asks_every_time(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    source = SettingsProfileSource(target, fallback(), cache=InProcessCache(), ttl=0)
    try:
        for _ in range(3):
            assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert servicer.calls == 3
    finally:
        await source.close()


async def test_the_gateway_drops_a_tenants_profile_on_settings_changed(
    served: tuple[Profiles, str], tmp_path: Path
) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "before")
    settings = Settings(home=tmp_path, mesh_target=target)
    gateway = await SlmGateway.open(settings, SlmSettings(profile_cache_seconds=3600), modes=Modes())
    bus = open_bus(settings, client_id="settings")

    async def model() -> str:
        return (
            await gateway.slm.infer(f"tenants/{TENANT}", [Message(Role.USER, "hi")], Params(), credentials=CALLER)
        ).model

    def changed(kind: int, tenant: str = TENANT) -> Record:
        payload = settings_pb2.SettingsChanged(tenant=tenant, kind=kind, name=CHAT, etag="e")  # type: ignore[arg-type]
        event = new_event(
            type="soma.settings.v1.SettingsChanged", source="//settings.soma", tenant=tenant, payload=payload
        )
        return Record(SETTINGS_TOPIC, event.SerializeToString(), tenant)

    try:
        assert await model() == "before"
        servicer.profiles[CHAT] = profile("local", "after")
        # Other kinds and other tenants leave the entry alone.
        await bus.publish(
            [changed(settings_pb2.CHANGE_KIND_SETTINGS), changed(settings_pb2.CHANGE_KIND_MODEL_PROFILE, "other")]
        )
        await asyncio.sleep(1.0)
        assert await model() == "before"
        assert servicer.calls == 1
        await bus.publish([changed(settings_pb2.CHANGE_KIND_MODEL_PROFILE)])
        # The consumer handles the event asynchronously: poll until it has dropped the entry.
        for _ in range(200):
            if await model() == "after":
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("settings.changed did not drop the cached profile")
        assert servicer.calls == 2
    finally:
        await bus.close()
        await gateway.close()


@pytest.mark.redis
async def test_the_cache_can_live_in_redis(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    cache = RedisCache(require_env("SOMA_TEST_REDIS_URL"), f"test-{uuid.uuid4().hex}")
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert servicer.calls == 1
        servicer.profiles[CHAT] = profile("local", "m2")
        await source.forget(TENANT)
        assert (await source.profile(TENANT, CALLER)).model == "m2"
        assert servicer.calls == 2
    finally:
        await cache.delete(profile_key(TENANT))
        await cache.close()
        await source.close()


async def test_a_cache_that_is_down_costs_only_the_call_it_would_have_saved(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = profile("local", "m1")
    cache = RedisCache(f"redis://127.0.0.1:{free_ports(1)[0]}/0", "down", timeout=0.2, retries=0)
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert (await source.profile(TENANT, CALLER)).model == "m1"
        assert servicer.calls == 2
    finally:
        await cache.close()
        await source.close()


def full_profile() -> settings_pb2.ModelProfile:
    found = settings_pb2.ModelProfile(
        name=CHAT,
        provider="vllm",
        model="m1",
        base_url="http://llm.internal:8000",
        temperature=0.25,
        max_tokens=300,
        parameters={"top_p": "0.9", "seed": "7"},
    )
    found.timeout.FromSeconds(45)
    return found


FULL = ModelProfile(
    provider="openai",
    model="m1",
    base_url="http://llm.internal:8000",
    temperature=0.25,
    max_tokens=300,
    timeout=45.0,
    parameters=(("seed", "7"), ("top_p", "0.9")),
)


async def test_the_whole_profile_is_read_cached_and_restored(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    servicer.profiles[CHAT] = full_profile()
    cache = InProcessCache()
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        assert await source.profile(TENANT, CALLER) == FULL
        raw = await cache.get(profile_key(TENANT))
        assert raw is not None and profile_from_json(raw) == FULL
        assert await source.profile(TENANT, CALLER) == FULL
        assert servicer.calls == 1
    finally:
        await source.close()


async def test_an_entry_cached_before_the_profile_had_more_fields_still_loads(served: tuple[Profiles, str]) -> None:
    servicer, target = served
    cache = InProcessCache()
    await cache.set(profile_key(TENANT), b'{"provider": "openai", "model": "old-model"}', ttl=60)
    source = SettingsProfileSource(target, fallback(), cache=cache, ttl=60)
    try:
        assert await source.profile(TENANT, CALLER) == ModelProfile(provider="openai", model="old-model")
        assert servicer.calls == 0
        # An entry that is not a profile is dropped: the settings service answers again.
        servicer.profiles[CHAT] = profile("local", "fresh")
        await cache.set(profile_key(TENANT), b'{"provider": "x", "parameters": [1]}', ttl=60)
        assert (await source.profile(TENANT, CALLER)).model == "fresh"
        assert servicer.calls == 1
    finally:
        await source.close()


def test_profile_fields_map_from_the_settings_contract() -> None:
    assert profile_of(full_profile()) == FULL
    # proto3 has no "unset" for a scalar: a zero temperature, max_tokens or timeout means the defaults.
    bare = profile_of(settings_pb2.ModelProfile(provider="anthropic", model="c", temperature=0.0))
    assert bare == ModelProfile(provider="anthropic", model="c")
    assert profile_of(settings_pb2.ModelProfile(model="m")) == ModelProfile(provider="")
    assert profile_json(ModelProfile(provider="")) == b"{}"
    assert profile_from_json(profile_json(bare)) == bare


# -- the tenant's deployment mode: read with the service's own token, cached, dropped on settings.changed ----------


def service_token(settings: Settings, token: str = "svc-t0k") -> ServiceToken:
    """The SLM service's own token file, as the identity service writes it."""
    path = settings.service_token_path("slm")
    write_secret_file(path, token)
    return ServiceToken(path)


async def test_the_mode_is_read_with_the_services_own_token_and_cached(
    served: tuple[Profiles, str], tmp_path: Path
) -> None:
    servicer, target = served
    servicer.modes[TENANT] = settings_pb2.DEPLOYMENT_MODE_PROD
    clock = Clock()
    modes = SettingsTenantModes(
        target, service_token(Settings(home=tmp_path)), cache=InProcessCache(clock=clock), ttl=60
    )
    try:
        assert [await modes.prod(TENANT) for _ in range(3)] == [True] * 3
        assert await modes.prod("other") is False
        assert servicer.settings_calls == ["Bearer svc-t0k", "Bearer svc-t0k"]
        servicer.modes[TENANT] = settings_pb2.DEPLOYMENT_MODE_DEV
        clock.now += 60  # the TTL is the safety net of a lost event
        assert await modes.prod(TENANT) is False
        servicer.modes[TENANT] = settings_pb2.DEPLOYMENT_MODE_PROD
        await modes.forget(TENANT)
        assert await modes.prod(TENANT) is True
        assert len(servicer.settings_calls) == 4
    finally:
        await modes.close()


async def test_a_mode_that_cannot_be_read_is_unavailable_and_not_cached(
    served: tuple[Profiles, str], tmp_path: Path
) -> None:
    servicer, target = served
    modes = SettingsTenantModes(target, service_token(Settings(home=tmp_path)), cache=InProcessCache(), ttl=60)
    try:
        for failing in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.PERMISSION_DENIED):
            servicer.failing = failing
            with pytest.raises(Unavailable) as caught:
                await modes.prod(TENANT)
            assert caught.value.reason == "SERVICE_UNAVAILABLE" and failing.name in caught.value.message
        servicer.failing = None
        assert await modes.prod(TENANT) is False
        assert len(servicer.settings_calls) == 3
    finally:
        await modes.close()
    # Without its token file the service cannot ask: Unavailable too, and the settings service is not called.
    bare = SettingsTenantModes(target, ServiceToken(tmp_path / "missing.token"), cache=InProcessCache(), ttl=60)
    try:
        with pytest.raises(Unavailable):
            await bare.prod(TENANT)
        assert len(servicer.settings_calls) == 3
    finally:
        await bare.close()


async def test_the_gateway_drops_a_tenants_mode_on_settings_changed(
    served: tuple[Profiles, str], tmp_path: Path
) -> None:
    """A tenant switched to prod loses the local provider once `settings.changed` (kind settings) arrives."""
    servicer, target = served
    settings = Settings(home=tmp_path, mesh_target=target)
    service_token(settings)
    gateway = await SlmGateway.open(settings, SlmSettings(profile_cache_seconds=3600))
    bus = open_bus(settings, client_id="settings")

    async def infer() -> str:
        hi = [Message(Role.USER, "hi")]
        return (await gateway.slm.infer(f"tenants/{TENANT}", hi, Params(), credentials=CALLER)).provider

    try:
        assert await infer() == "local"  # no profile, dev: the default provider answers
        servicer.modes[TENANT] = settings_pb2.DEPLOYMENT_MODE_PROD
        assert await infer() == "local"  # the cached mode, until the event
        payload = settings_pb2.SettingsChanged(
            tenant=TENANT, kind=settings_pb2.CHANGE_KIND_SETTINGS, name=f"tenants/{TENANT}/settings", etag="e"
        )
        event = new_event(
            type="soma.settings.v1.SettingsChanged", source="//settings.soma", tenant=TENANT, payload=payload
        )
        await bus.publish([Record(SETTINGS_TOPIC, event.SerializeToString(), TENANT)])
        for _ in range(200):
            try:
                await infer()
            except FailedPrecondition as refused:
                assert refused.reason == "GUARDRAIL_VIOLATED"
                assert refused.metadata["guardrail"] == "prod-no-local-provider"
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("settings.changed did not drop the cached deployment mode")
        assert len(servicer.settings_calls) == 2
    finally:
        await bus.close()
        await gateway.close()
