"""SLM use cases: synchronous inference, embeddings, queued inferences with streamed tokens, providers."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from soma.events.v1.topics import SLM_METRICS, SLM_REQUESTS
from somastack.platform import names
from somastack.platform.credentials import Credentials
from somastack.platform.errors import DomainError, FailedPrecondition, InvalidArgument, NotFound, Unavailable, invalid
from somastack.slm import refusal
from somastack.slm.endpoints import Endpoints
from somastack.slm.model import (
    Completion,
    Embeddings,
    Inference,
    Message,
    Meter,
    ModelProfile,
    Params,
    ProviderInfo,
    ProviderKind,
    State,
    Update,
    Usage,
)
from somastack.slm.ports import InferenceRecord, ProfileSource, Provider, TenantModes
from somastack.slm.resilience import CircuitBreaker, ProviderError, RetryPolicy, guarded, unavailable

_log = logging.getLogger(__name__)

#: Topic of queued inference requests, consumed by the worker group.
REQUESTS_TOPIC = SLM_REQUESTS
#: Topic of one metering event per provider call.
METRICS_TOPIC = SLM_METRICS
#: The guardrail that keeps the deterministic local model out of production: the id of the settings service's
#: guardrail of the same rule (settings.model.PROD_NO_LOCAL_PROVIDER), so clients see one rule under one name.
LOCAL_GUARDRAIL = "prod-no-local-provider"
#: The ErrorInfo reason of a call a deployment-mode guardrail refuses.
GUARDRAIL_VIOLATED = "GUARDRAIL_VIOLATED"
#: The settings provider names a tenant's chat profile may use in prod.
REMOTE_PROVIDERS = "openai, anthropic, ollama, vllm or openai-compatible"

MAX_MESSAGES = 256
MAX_CONTENT = 65_536
MAX_TOKENS = 32_768
DEFAULT_MAX_TOKENS = 512
MAX_TEXTS = 256
MAX_TEXT = 32_768
#: The longest timeout a model profile may set (the settings contract's limit).
MAX_TIMEOUT_SECONDS = 600.0


def check_messages(messages: Sequence[Message | None], *, field: str = "messages") -> tuple[Message, ...]:
    """Validates a conversation; `None` stands for a message whose role is unspecified or unknown."""
    if not messages:
        raise invalid(field, "at least one message is required")
    if len(messages) > MAX_MESSAGES:
        raise invalid(field, f"at most {MAX_MESSAGES} messages, got {len(messages)}")
    checked: list[Message] = []
    violations = []
    for i, message in enumerate(messages):
        if message is None:
            violations.append(invalid(f"{field}[{i}].role", "role is required").violations[0])
            continue
        if not message.content.strip():
            violations.append(invalid(f"{field}[{i}].content", "content is required").violations[0])
        elif len(message.content) > MAX_CONTENT:
            violations.append(invalid(f"{field}[{i}].content", f"at most {MAX_CONTENT} characters").violations[0])
        checked.append(message)
    if violations:
        raise InvalidArgument(*violations)
    return tuple(checked)


def check_params(params: Params, *, field: str = "parameters") -> Params:
    """Validates what a request asks for; unset values stay unset (`resolve_params` fills them)."""
    if params.max_tokens and not 1 <= params.max_tokens <= MAX_TOKENS:
        raise invalid(f"{field}.max_tokens", f"must be 1 to {MAX_TOKENS}, got {params.max_tokens}")
    if params.temperature is not None and not 0.0 <= params.temperature <= 2.0:
        raise invalid(f"{field}.temperature", f"must be 0 to 2, got {params.temperature}")
    if len(params.model) > 200:
        raise invalid(f"{field}.model", "at most 200 characters")
    return params


def profile_timeout(profile: ModelProfile | None, *, cap: float = MAX_TIMEOUT_SECONDS) -> float | None:
    """The profile's timeout cut to `cap`; None without one (or with a zero, negative or NaN one)."""
    if profile is None or profile.timeout is None or math.isnan(profile.timeout) or profile.timeout <= 0:
        return None
    return min(profile.timeout, cap)


def resolve_params(params: Params, profile: ModelProfile | None, *, max_timeout: float = MAX_TIMEOUT_SECONDS) -> Params:
    """Checked request `params` as the provider gets them, `profile` being the tenant's when its provider serves.

    What the request sets wins; the profile gives max_tokens and temperature where it left them unset, and its
    endpoint, timeout and extra body fields. The settings service checks a profile's ranges already; should an
    out-of-range value get here anyway, max_tokens above the limit and temperature outside 0 to 2 are clamped,
    a zero or negative max_tokens (0 means unset) and a NaN temperature are ignored.
    """
    max_tokens = params.max_tokens
    temperature = params.temperature
    if profile is None:
        return replace(params, max_tokens=max_tokens or DEFAULT_MAX_TOKENS)
    if not max_tokens and profile.max_tokens > 0:
        max_tokens = min(profile.max_tokens, MAX_TOKENS)
    if temperature is None and profile.temperature is not None and not math.isnan(profile.temperature):
        temperature = min(max(profile.temperature, 0.0), 2.0)
    return replace(
        params,
        max_tokens=max_tokens or DEFAULT_MAX_TOKENS,
        temperature=temperature,
        base_url=profile.base_url,
        timeout=profile_timeout(profile, cap=max_timeout),
        extra=profile.parameters,
    )


def local_refused(tenant: str, provider: str, why: str) -> FailedPrecondition:
    """The answer to a call that would reach the built-in local provider `provider` of a tenant in prod.

    `why` says where prod comes from (the tenant's settings, or the stage of this service). The message says what
    to configure, since the usual cause is a tenant without a chat profile falling back to the default provider.
    """
    profile = f"tenants/{tenant}/modelProfiles/chat"
    return FailedPrecondition(
        GUARDRAIL_VIOLATED,
        f"guardrail {LOCAL_GUARDRAIL!r}: tenant {tenant!r} runs in deployment mode prod ({why}), where the built-in "
        f"local provider {provider!r} (for dev and tests) may not answer. Give the tenant a chat model profile "
        f"({profile}) with a non-local provider ({REMOTE_PROVIDERS}), and name no local provider in requests",
        metadata={"guardrail": LOCAL_GUARDRAIL, "provider": provider, "resource": profile},
    )


class Notifier:
    """Wakes in-process watchers of an inference when its worker makes progress (polling covers other processes)."""

    def __init__(self) -> None:
        self._events: dict[str, set[asyncio.Event]] = {}

    def notify(self, name: str) -> None:
        for event in self._events.get(name, ()):
            event.set()

    async def wait(self, name: str, seconds: float) -> None:
        event = asyncio.Event()
        self._events.setdefault(name, set()).add(event)
        try:
            await asyncio.wait_for(event.wait(), seconds)
        except TimeoutError:
            pass
        finally:
            waiting = self._events.get(name)
            if waiting is not None:
                waiting.discard(event)
                if not waiting:
                    del self._events[name]


@dataclass(frozen=True)
class Route:
    """Who serves a call: the provider, its circuit breaker, and the tenant's profile when its provider serves it."""

    provider: Provider
    breaker: CircuitBreaker
    #: The tenant's profile when it governs the call (its model, defaults, endpoint, timeout), else None.
    profile: ModelProfile | None = None

    def model(self, requested: str) -> str:
        return requested or (self.profile.model if self.profile else "") or self.provider.default_model


@dataclass(frozen=True)
class Guard:
    """Resilience settings applied to every provider."""

    policy: RetryPolicy = field(default_factory=RetryPolicy)
    breaker_threshold: int = 5
    breaker_reset: float = 30.0


class Slm:
    """The SLM use cases over the configured providers."""

    def __init__(
        self,
        providers: Mapping[str, Provider],
        profiles: ProfileSource,
        record: InferenceRecord,
        *,
        prod: bool,
        guard: Guard | None = None,
        max_attempts: int = 3,
        concurrency: int = 8,
        watch_poll: float = 0.1,
        watch_timeout: float = 600.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        on_meter: Callable[[Meter], None] | None = None,
        endpoints: Endpoints | None = None,
        max_timeout: float = MAX_TIMEOUT_SECONDS,
        modes: TenantModes | None = None,
    ) -> None:
        """`prod`: this service runs at stage prod (every tenant is in prod); `modes` tells the tenants in prod on
        a mesh of another stage (None: the stage alone decides)."""
        self._providers = dict(providers)
        # Without `endpoints` no endpoint is known or allowed: a remote provider's profile with a base_url is refused.
        self._endpoints = endpoints or Endpoints()
        self._max_timeout = min(max_timeout, MAX_TIMEOUT_SECONDS)
        self._on_meter = on_meter
        self._profiles = profiles
        self._record = record
        self._prod = prod
        self._modes = modes
        self._guard = guard or Guard()
        self._breakers = {
            name: CircuitBreaker(self._guard.breaker_threshold, self._guard.breaker_reset) for name in self._providers
        }
        # One breaker per tenant endpoint too, so that a tenant's broken server never opens the operator's
        # provider; it lives as long as the endpoint's adapter does.
        self._endpoint_breakers: weakref.WeakKeyDictionary[Provider, CircuitBreaker] = weakref.WeakKeyDictionary()
        self._max_attempts = max_attempts
        self._watch_poll = watch_poll
        self._watch_timeout = watch_timeout
        self._sleep = sleep
        self._clock = clock
        self.notifier = Notifier()
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: dict[str, asyncio.Task[None]] = {}

    # -- provider choice ------------------------------------------------------------------------------------

    async def _choose(self, tenant: str, requested: str, *, field: str, credentials: Credentials | None) -> Route:
        """The route of a call: the provider the request names, else the profile's, at the profile's endpoint.

        The profile is read as the caller (`credentials`); without them, the fallback's profile applies.
        """
        profile = await self._profiles.profile(tenant, credentials)
        name = requested or profile.provider
        if requested and profile.allowed and requested not in profile.allowed:
            raise invalid(field, f"provider {requested!r} is not in the tenant's model profile")
        if name != profile.provider:
            return await self._route(tenant, name, "", requested=requested, field=field)
        route = await self._route(tenant, name, profile.base_url, requested=requested, field=field)
        return replace(route, profile=profile)

    async def _route(self, tenant: str, name: str, base_url: str, *, requested: str, field: str) -> Route:
        """Provider `name` at `base_url` (its configured endpoint when empty, or when base_url names that one).

        Every call reaches its provider through here (sync, embed, submit and the queued run alike), so the
        guardrail that keeps the local provider from tenants in prod lives here and nowhere else.
        """
        provider = self._endpoints.resolve(name, base_url) if base_url else None
        if provider is not None:
            breaker = self._endpoint_breakers.get(provider)
            if breaker is None:
                breaker = CircuitBreaker(self._guard.breaker_threshold, self._guard.breaker_reset)
                self._endpoint_breakers[provider] = breaker
            return Route(provider, breaker)
        provider = self._providers.get(name)
        if provider is None:
            known = ", ".join(sorted(self._providers))
            if requested:
                raise invalid(field, f"unknown provider {name!r}; configured: {known}")
            raise FailedPrecondition(
                "SERVICE_UNAVAILABLE",
                f"the tenant's model profile names provider {name!r}, which is not configured (configured: {known})",
                metadata={"provider": name},
            )
        if provider.kind is ProviderKind.LOCAL:
            why = await self._prod_because(tenant)
            if why:
                raise local_refused(tenant, name, why)
        return Route(provider, self._breakers[name])

    async def _prod_because(self, tenant: str) -> str:
        """Why the tenant is in prod ("" when it is not): this service's stage, or the tenant's settings.

        The tenant's mode is asked only here, for calls the local provider would serve: remote calls cost nothing.
        """
        if self._prod:
            return "the stage of this mesh"
        if self._modes is not None and await self._modes.prod(tenant):
            return "the tenant's settings"
        return ""

    async def providers(self, parent: str, *, credentials: Credentials | None = None) -> list[ProviderInfo]:
        tenant = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        profile = await self._profiles.profile(tenant, credentials)
        has_local = any(p.kind is ProviderKind.LOCAL for p in self._providers.values())
        refuse_local = has_local and bool(await self._prod_because(tenant))
        infos = [
            ProviderInfo(
                name=name,
                kind=p.kind,
                default_model=p.default_model,
                embedding_model=p.embedding_model,
                default=name == profile.provider,
                available=self._breakers[name].state != "open" and not (p.kind is ProviderKind.LOCAL and refuse_local),
            )
            for name, p in self._providers.items()
            if not profile.allowed or name in profile.allowed or name == profile.provider
        ]
        return sorted(infos, key=lambda i: (not i.default, i.name))

    # -- synchronous calls ---------------------------------------------------------------------------------

    def _finish(self, provider: Provider, completion: Completion, latency: float) -> Completion:
        refused, why = refusal.detect(completion.finish, completion.text, completion.refusal_reason)
        return replace(completion, provider=provider.name, latency=latency, refused=refused, refusal_reason=why)

    async def _meter(self, meter: Meter) -> None:
        if self._on_meter is not None:
            self._on_meter(meter)
        try:
            await self._record.meter(meter)
        except Exception:  # metering must never fail the call it measures
            _log.exception("could not queue the slm.metrics event")

    async def infer(
        self,
        parent: str,
        messages: Sequence[Message | None],
        params: Params,
        *,
        credentials: Credentials | None = None,
    ) -> Completion:
        tenant = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        checked = check_messages(messages)
        params = check_params(params)
        route = await self._choose(tenant, params.provider, field="parameters.provider", credentials=credentials)
        provider = route.provider
        model = route.model(params.model)
        params = resolve_params(params, route.profile, max_timeout=self._max_timeout)
        started = time.monotonic()
        try:
            completion = await guarded(
                provider.name,
                lambda: provider.complete(checked, params, model=model),
                breaker=route.breaker,
                policy=self._guard.policy,
                sleep=self._sleep,
            )
        except Unavailable:
            await self._meter(
                Meter(tenant, "infer", provider.name, model, Usage(), time.monotonic() - started, failed=True)
            )
            raise
        completion = self._finish(provider, completion, time.monotonic() - started)
        await self._meter(
            Meter(
                tenant,
                "infer",
                provider.name,
                completion.model,
                completion.usage,
                completion.latency,
                completion.refused,
            )
        )
        return completion

    async def embed(
        self,
        parent: str,
        texts: Sequence[str],
        *,
        model: str,
        provider_name: str,
        credentials: Credentials | None = None,
    ) -> Embeddings:
        tenant = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        if not texts:
            raise invalid("texts", "at least one text is required")
        if len(texts) > MAX_TEXTS:
            raise invalid("texts", f"at most {MAX_TEXTS} texts, got {len(texts)}")
        for i, text in enumerate(texts):
            if not text.strip():
                raise invalid(f"texts[{i}]", "text is required")
            if len(text) > MAX_TEXT:
                raise invalid(f"texts[{i}]", f"at most {MAX_TEXT} characters")
        route = await self._choose(tenant, provider_name, field="provider", credentials=credentials)
        provider = route.provider
        if not provider.embedding_model and not model:
            raise invalid("provider", f"provider {provider.name!r} does not embed")
        chosen = model or (route.profile.embedding_model if route.profile else "") or provider.embedding_model
        timeout = profile_timeout(route.profile, cap=self._max_timeout)
        started = time.monotonic()
        result = await guarded(
            provider.name,
            lambda: provider.embed(texts, model=chosen, request_timeout=timeout),
            breaker=route.breaker,
            policy=self._guard.policy,
            sleep=self._sleep,
        )
        latency = time.monotonic() - started
        await self._meter(Meter(tenant, "embed", provider.name, result.model, result.usage, latency))
        return replace(result, provider=provider.name)

    # -- queued inferences ---------------------------------------------------------------------------------

    async def submit(
        self,
        parent: str,
        messages: Sequence[Message | None],
        params: Params,
        *,
        request_id: str = "",
        credentials: Credentials | None = None,
    ) -> Inference:
        tenant = names.parse(parent, "tenants/{tenant}", field="parent")["tenant"]
        if len(request_id) > 128:
            raise invalid("request_id", "at most 128 characters")
        checked = check_messages(messages, field="inference.messages")
        params = check_params(params, field="inference.parameters")
        # Resolve the provider, model and the profile's part now, as the caller (the worker has no caller's token
        # to read the profile with), and refuse up front what the worker would refuse.
        route = await self._choose(
            tenant, params.provider, field="inference.parameters.provider", credentials=credentials
        )
        params = resolve_params(params, route.profile, max_timeout=self._max_timeout)
        params = replace(params, provider=route.provider.name, model=route.model(params.model))
        now = self._clock()
        inference = Inference(tenant, uuid.uuid4().hex, checked, params, State.QUEUED, now, now, request_id=request_id)
        stored = await self._record.submit(inference, topic=REQUESTS_TOPIC)
        if stored.id != inference.id and stored.messages != checked:
            raise FailedPrecondition(
                "REQUEST_ID_REUSED",
                f"request_id {request_id!r} already queued {stored.name} with another conversation",
                metadata={"resource": stored.name},
            )
        return stored

    def _parse_name(self, name: str) -> tuple[str, str]:
        parts = names.parse(name, "tenants/{tenant}/inferences/{inference}", field="name")
        return parts["tenant"], parts["inference"]

    async def get(self, name: str) -> Inference:
        tenant, inference_id = self._parse_name(name)
        found = await self._record.get(tenant, inference_id)
        if found is None:
            raise NotFound("INFERENCE_NOT_FOUND", "inference", name)
        return found

    async def watch(self, name: str) -> AsyncIterator[Update]:
        """The inference's state, then its tokens and state changes as they happen, ending once it is done."""
        current = await self.get(name)
        tenant, inference_id = self._parse_name(name)
        yield Update(current.state, inference=current)
        seen = 0
        state = current.state
        deadline = time.monotonic() + self._watch_timeout
        while not state.done and time.monotonic() < deadline:
            await self.notifier.wait(name, self._watch_poll)
            tokens = await self._record.tokens(tenant, inference_id, after=seen)
            latest = await self._record.get(tenant, inference_id)
            if latest is None:
                return
            if latest.state is not state and not latest.state.done:
                state = latest.state
                yield Update(state)
            if not tokens and seen and latest.state is State.RUNNING:
                # Fewer tokens than seen means a retry restarted the run; continue from its start.
                restarted = await self._record.tokens(tenant, inference_id, after=0)
                if len(restarted) < seen:
                    seen = 0
                    tokens = restarted
            for token in tokens:
                yield Update(State.RUNNING, token=token)
            seen += len(tokens)
            if latest.state.done:
                # Tokens stored before the final state have been read above, so none are lost.
                rest = await self._record.tokens(tenant, inference_id, after=seen)
                for token in rest:
                    yield Update(State.RUNNING, token=token)
                yield Update(latest.state, inference=latest)
                return

    def dispatch(self, name: str) -> None:
        """Runs a queued inference in the background, retrying it until it succeeds or runs out of attempts.

        The worker's event handler calls this and returns at once: the handler runs inside the consumer's
        inbox transaction, and an inference (seconds, streaming token writes) must neither hold that
        transaction open nor serialise every inference behind one consumer.
        """
        if name in self._tasks:
            return
        task = asyncio.create_task(self._drive(name), name=f"slm-run {name}")
        self._tasks[name] = task
        task.add_done_callback(lambda _: self._tasks.pop(name, None))

    async def resume(self) -> int:
        """Dispatches every unfinished job again (after a restart); returns how many."""
        pending = await self._record.unfinished()
        for name in pending:
            self.dispatch(name)
        return len(pending)

    async def stop(self) -> None:
        """Cancels running inferences; they resume on the next start."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _drive(self, name: str) -> None:
        async with self._slots:
            attempt = 0
            while True:
                try:
                    await self.run(name)
                    return
                except Unavailable as error:
                    await self._sleep(self._guard.policy.delay(attempt, error.retry_after))
                    attempt += 1
                except Exception:
                    _log.exception("inference %s: the run failed unexpectedly", name)
                    return

    async def run(self, name: str) -> None:
        """Runs one attempt of a queued inference; raises Unavailable when a later attempt may succeed."""
        tenant, inference_id = self._parse_name(name)
        claimed = await self._record.claim(tenant, inference_id)
        if claimed is None:
            return  # unknown or already done: a redelivery
        job, attempt = claimed
        self.notifier.notify(name)
        buffer: list[str] = []
        stored = 0
        flushed_at = time.monotonic()
        started = time.monotonic()
        model = job.params.model
        provider_name = job.params.provider
        try:
            # What submit resolved: the provider at the profile's endpoint (allowed again now: the operator may
            # have withdrawn it since), the model, and the profile's defaults in the parameters.
            route = await self._route(
                tenant,
                job.params.provider,
                job.params.base_url,
                requested=job.params.provider,
                field="inference.parameters.provider",
            )
            provider = route.provider
            provider_name = provider.name
            model = route.model(model)
            params = job.params if job.params.max_tokens else replace(job.params, max_tokens=DEFAULT_MAX_TOKENS)
            completion: Completion | None = None
            async for item in self._stream(route, job.messages, params, model):
                if isinstance(item, Completion):
                    completion = item
                    continue
                buffer.append(item)
                # Batches keep the write rate bounded when a model streams fast.
                if len(buffer) >= 16 or time.monotonic() - flushed_at > 0.05:
                    await self._record.append_tokens(tenant, inference_id, stored, buffer)
                    stored += len(buffer)
                    buffer = []
                    flushed_at = time.monotonic()
                    self.notifier.notify(name)
            if buffer:
                await self._record.append_tokens(tenant, inference_id, stored, buffer)
            if completion is None:
                raise unavailable(provider.name, "the stream ended without a final message")
            completion = self._finish(provider, completion, time.monotonic() - started)
        except Unavailable as error:
            if attempt < self._max_attempts:
                self.notifier.notify(name)
                raise  # the consumer redelivers; the next claim restarts the run
            await self._fail(job, str(error), provider_name, model, started)
            return
        except DomainError as error:
            await self._fail(job, error.message, provider_name, model, started)
            return
        await self._record.finish(
            replace(job, state=State.SUCCEEDED, completion=completion, updated_at=self._clock(), error="")
        )
        await self._meter(
            Meter(
                tenant,
                "infer",
                provider.name,
                completion.model,
                completion.usage,
                completion.latency,
                completion.refused,
            )
        )
        self.notifier.notify(name)

    async def _fail(self, job: Inference, error: str, provider: str, model: str, started: float) -> None:
        await self._record.finish(replace(job, state=State.FAILED, error=error, updated_at=self._clock()))
        await self._meter(Meter(job.tenant, "infer", provider, model, Usage(), time.monotonic() - started, failed=True))
        self.notifier.notify(job.name)

    async def _stream(
        self, route: Route, messages: Sequence[Message], params: Params, model: str
    ) -> AsyncIterator[str | Completion]:
        """The provider's stream through the breaker; retried only while no token has been yielded."""
        provider, breaker = route.provider, route.breaker
        policy = self._guard.policy
        attempt = 0
        while True:
            if not breaker.allow():
                raise unavailable(provider.name, "circuit open after repeated failures", breaker.retry_in())
            started = False
            try:
                async for item in provider.stream(messages, params, model=model):
                    if isinstance(item, str):
                        started = True
                    yield item
            except ProviderError as error:
                if not error.retryable:
                    breaker.success()
                    raise unavailable(provider.name, str(error)) from error
                breaker.failure()
                if started or attempt >= policy.max_retries:
                    raise unavailable(provider.name, str(error), error.retry_after) from error
                await self._sleep(policy.delay(attempt, error.retry_after))
                attempt += 1
                continue
            breaker.success()
            return
