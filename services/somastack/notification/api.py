"""NotificationServicer: proto <-> domain for NotificationService, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator

from soma.notification.v1 import notification_service_pb2, notification_service_pb2_grpc
from somastack.notification.codec import notification_pb
from somastack.notification.service import Notifier
from somastack.runtime.context import ServicerContext

pb = notification_service_pb2


class NotificationServicer(notification_service_pb2_grpc.NotificationServiceServicer):
    """Translates NotificationService calls to the notification use cases."""

    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier

    async def ListNotifications(
        self, request: pb.ListNotificationsRequest, context: ServicerContext
    ) -> pb.ListNotificationsResponse:
        page, token = await self._notifier.list(
            request.parent,
            size=request.page_size,
            token=request.page_token,
            unacked_only=request.unacked_only,
            minimum_severity=request.minimum_severity,
        )
        return pb.ListNotificationsResponse(notifications=[notification_pb(n) for n in page], next_page_token=token)

    async def Subscribe(
        self, request: pb.SubscribeRequest, context: ServicerContext
    ) -> AsyncIterator[pb.SubscribeResponse]:
        async for notification in self._notifier.subscribe(request.parent):
            yield pb.SubscribeResponse(notification=notification_pb(notification))

    async def AckNotification(
        self, request: pb.AckNotificationRequest, context: ServicerContext
    ) -> pb.AckNotificationResponse:
        return pb.AckNotificationResponse(notification=notification_pb(await self._notifier.ack(request.name)))
