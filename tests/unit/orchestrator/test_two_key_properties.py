"""Property: whatever tokens people issue, impersonate with and whatever roles they change, no one person ever
satisfies a two-key gate alone.

Each example is a sequence of moves by the people of one tenant and the platform operator, played against the
real identity use cases (tokens verified by the runtime's verifier, so the `act` claim is read as services read
it) and the real session use cases. The test keeps the ground truth the services cannot see: which person holds
each token. An approval that succeeds must come from another person than the one who started the session.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from somastack.config import Settings
from somastack.identity.adapters.sql_store import SqlIdentityStore
from somastack.identity.directory import Directory
from somastack.identity.model import Role
from somastack.identity.roles import Capabilities
from somastack.identity.tokens import TokenService
from somastack.orchestrator.adapters.sql_store import SqlSessionStore
from somastack.orchestrator.model import Credentials, Decision, State
from somastack.orchestrator.service import Draft, Orchestrator
from somastack.platform.db import create_engine
from somastack.platform.errors import DomainError
from somastack.platform.migrations import upgrade_async
from somastack.platform.principal import Principal
from somastack.platform.sealing import Sealer
from somastack.runtime.auth import TokenVerifier
from somastack.runtime.contract import capability_catalogue
from tests.unit.orchestrator.test_service import FakeMesh

OPERATOR = "platform/admin"
USERS = ("olga", "ada", "bob", "max")
START_ROLES = {"olga": Role.OWNER, "ada": Role.ADMIN, "bob": Role.ADMIN, "max": Role.MEMBER}
PEOPLE = (OPERATOR, *USERS)
#: Which token a move uses: one person and one of the tokens that person holds. The operator, the one person who
#: may impersonate and so the one who could hold tokens of several subjects, moves about half the time.
PERSON = st.one_of(st.just(0), st.integers(min_value=0, max_value=len(PEOPLE) - 1))
TOKEN = st.tuples(PERSON, st.integers(min_value=0, max_value=7))
MOVES = st.lists(
    st.one_of(
        st.tuples(st.just("self"), TOKEN),
        st.tuples(st.just("impersonate"), TOKEN, st.sampled_from(USERS)),
        st.tuples(st.just("role"), TOKEN, st.sampled_from(USERS), st.sampled_from(list(Role))),
        st.tuples(st.just("start"), TOKEN),
        st.tuples(st.just("approve"), TOKEN, st.integers(min_value=0, max_value=3)),
    ),
    min_size=1,
    max_size=16,
)


@dataclass
class Held:
    """A token and the person who really holds it."""

    holder: str
    token: str


@dataclass
class World:
    tokens: TokenService
    directory: Directory
    verifier: TokenVerifier
    orchestrator: Orchestrator
    catalogue: frozenset[str]
    engines: list[Any]
    tenants: Iterator[int] = field(default_factory=itertools.count)


async def open_world(home: Path) -> World:
    config = Settings(home=home)
    await upgrade_async(config, "identity")
    await upgrade_async(config, "orchestrator")
    identity_engine = create_engine(config, "identity")
    sessions_engine = create_engine(config, "orchestrator")
    store = SqlIdentityStore(identity_engine, sealer=Sealer.ephemeral())
    catalogue = capability_catalogue()
    directory = Directory(store, Capabilities(catalogue))
    tokens = TokenService(
        store, directory, issuer="soma-identity", audience="soma", default_ttl=600, max_ttl=3600, verify_window=3600
    )
    await tokens.ensure_key()
    mesh = FakeMesh()
    mesh.decisions["session.start"] = Decision.REQUIRE_APPROVAL
    orchestrator = Orchestrator(SqlSessionStore(sessions_engine), mesh, mesh, mesh, mesh, mesh, poll_seconds=0.05)
    verifier = TokenVerifier(tokens, issuer="soma-identity", audience="soma")
    return World(tokens, directory, verifier, orchestrator, catalogue, [identity_engine, sessions_engine])


async def people(world: World) -> tuple[str, list[Held]]:
    """A new tenant with its four people, each holding a token of their own, and the operator's token."""
    tenant = f"tenant-{next(world.tenants)}"
    operator = Principal(OPERATOR, "*", world.catalogue, 0.0)
    await world.directory.create_tenant(tenant, tenant)
    held = [Held(OPERATOR, world.tokens.issue_platform_token(world.catalogue, 600).token)]
    for user in USERS:
        await world.directory.create_user(
            operator, f"tenants/{tenant}", user, display_name="", email="", role=START_ROLES[user]
        )
        # Their own token, as signing in gives it: issued to themselves.
        own = Principal(f"tenants/{tenant}/users/{user}", tenant, world.catalogue, 0.0)
        held.append(Held(own.subject, (await world.tokens.issue(own, own.subject, [], 600)).token))
    return tenant, held


def allowed(principal: Principal, tenant: str, capability: str) -> bool:
    """What the runtime checks before a use case runs: the RPC's capability and the tenant."""
    return principal.can(capability) and principal.tenant in ("*", tenant)


def pick(held: list[Held], token: tuple[int, int]) -> Held:
    """One of the tokens the chosen person holds (everyone holds one at least)."""
    person = PEOPLE[token[0]]
    mine = [h for h in held if h.holder.endswith(person)]
    return mine[token[1] % len(mine)]


async def play(world: World, moves: list[tuple[Any, ...]]) -> None:
    tenant, held = await people(world)
    pending: list[tuple[str, str]] = []  # (session name, the person who started it)
    for move in moves:
        using = pick(held, move[1])
        principal = await world.verifier.verify(using.token)
        credentials = Credentials(f"Bearer {using.token}", "", "test", principal.subject, actor=principal.actor or "")
        try:
            if move[0] in ("self", "impersonate") and allowed(principal, tenant, "identity.tokens.issue"):
                user = principal.subject if move[0] == "self" else f"tenants/{tenant}/users/{move[2]}"
                if user.startswith("tenants/"):
                    issued = await world.tokens.issue(principal, user, [], 600)
                    held.append(Held(using.holder, issued.token))
            elif move[0] == "role" and allowed(principal, tenant, "identity.memberships.write"):
                name = f"tenants/{tenant}/memberships/{move[2]}"
                await world.directory.update_membership(principal, name, role=move[3], extras=(), etag="")
            elif move[0] == "start" and allowed(principal, tenant, "sessions.start"):
                session = await world.orchestrator.start(f"tenants/{tenant}", Draft("wipe the archive"), credentials)
                assert session.state is State.PENDING_APPROVAL
                pending.append((session.name, using.holder))
            elif move[0] == "approve" and pending and allowed(principal, tenant, "sessions.approve"):
                name, starter = pending[move[2] % len(pending)]
                await world.orchestrator.approve(name, True, "", credentials)
                assert using.holder != starter, f"{using.holder} turned both keys of {name}"
                pending.remove((name, starter))
        except DomainError:
            continue  # refused: exactly what a gate is for


def test_no_sequence_lets_one_person_turn_both_keys(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    world = loop.run_until_complete(open_world(tmp_path))
    try:

        @settings(
            max_examples=60,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(moves=MOVES)
        def check(moves: list[tuple[Any, ...]]) -> None:
            loop.run_until_complete(play(world, moves))

        check()
    finally:
        loop.run_until_complete(world.orchestrator.close())
        for engine in world.engines:
            loop.run_until_complete(engine.dispose())
        loop.close()
