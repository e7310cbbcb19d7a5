"""The training lock: one holder, renewable lease, expiry, release only by the holder."""

import pytest

from somastack.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from tests.unit.identity.conftest import World

LOCK = "tenants/acme/trainingLock"


async def test_one_holder_at_a_time_until_the_lease_expires(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    bob, eve = world.principal("acme", "bob"), world.principal("acme", "eve")
    lock, now = await world.training.start(bob, LOCK, 60, "fine-tune")
    assert lock.held_at(now) and lock.holder == bob.subject and lock.expires_at == now + 60
    with pytest.raises(FailedPrecondition) as caught:
        await world.training.start(eve, LOCK, 60, "")
    assert caught.value.reason == "TRAINING_LOCK_HELD"
    assert caught.value.metadata["holder"] == bob.subject
    world.clock.now += 61
    lock, now = await world.training.start(eve, LOCK, 60, "")
    assert lock.holder == eve.subject


async def test_the_holder_renews_and_releases(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    bob, eve = world.principal("acme", "bob"), world.principal("acme", "eve")
    first, _ = await world.training.start(bob, LOCK, 60, "")
    world.clock.now += 30
    renewed, _ = await world.training.start(bob, LOCK, 60, "")
    assert renewed.acquired_at == first.acquired_at and renewed.expires_at == world.clock.now + 60
    with pytest.raises(FailedPrecondition) as caught:
        await world.training.stop(eve, LOCK)
    assert caught.value.reason == "TRAINING_LOCK_NOT_HELD"
    released, now = await world.training.stop(bob, LOCK)
    assert not released.held_at(now)
    await world.training.start(eve, LOCK, 0, "")


async def test_bad_leases_and_unknown_tenants(world: World) -> None:
    await world.directory.create_tenant("acme", "Acme")
    bob = world.principal("acme", "bob")
    with pytest.raises(InvalidArgument):
        await world.training.start(bob, LOCK, 10**6, "")
    with pytest.raises(NotFound):
        await world.training.start(bob, "tenants/nope/trainingLock", 60, "")
    with pytest.raises(InvalidArgument):
        await world.training.start(bob, "tenants/acme/lock", 60, "")
