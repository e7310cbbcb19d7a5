"""Subscribe streams held by a client process of their own: `python -m tests.integration.subscribers TARGET N`
reads `user token` lines on stdin, opens N Subscribe streams per user through Envoy at TARGET, and prints
`user title` for each notification a stream receives.

A test that holds 1,000 streams in its own process needs this: one gRPC client process stalled its calls beyond
1,024 open at once.
"""

from __future__ import annotations

import asyncio
import sys

import grpc

from soma.notification.v1 import notification_service_pb2 as npb
from soma.notification.v1 import notification_service_pb2_grpc

CHANNELS = 4


async def subscribe(stub: notification_service_pb2_grpc.NotificationServiceStub, user: str, token: str) -> None:
    call = stub.Subscribe(npb.SubscribeRequest(parent=user), metadata=(("authorization", f"Bearer {token}"),))
    async for response in call:
        print(user, response.notification.title, flush=True)


async def main(target: str, per_user: int) -> None:
    pairs = [line.split() for line in sys.stdin.read().splitlines() if line.strip()]
    channels = [grpc.aio.insecure_channel(target) for _ in range(CHANNELS)]
    stubs = [notification_service_pb2_grpc.NotificationServiceStub(c) for c in channels]
    streams = [
        subscribe(stubs[i % CHANNELS], user, token) for i, (user, token) in enumerate(pairs) for _ in range(per_user)
    ]
    await asyncio.gather(*streams)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
