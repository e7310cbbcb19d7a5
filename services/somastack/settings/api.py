"""SettingsServicer: proto <-> domain for SettingsService, nothing else."""

from __future__ import annotations

from soma.settings.v1 import settings_service_pb2, settings_service_pb2_grpc
from somastack.runtime.context import ServicerContext
from somastack.settings.service import SettingsBook

pb = settings_service_pb2


class SettingsServicer(settings_service_pb2_grpc.SettingsServiceServicer):
    """Translates SettingsService calls to the settings use cases."""

    def __init__(self, book: SettingsBook) -> None:
        self._book = book

    async def GetSettings(self, request: pb.GetSettingsRequest, context: ServicerContext) -> pb.GetSettingsResponse:
        return pb.GetSettingsResponse(settings=await self._book.get_settings(request.name))

    async def UpdateSettings(
        self, request: pb.UpdateSettingsRequest, context: ServicerContext
    ) -> pb.UpdateSettingsResponse:
        settings = await self._book.update_settings(request.settings, request.update_mask, request.etag)
        return pb.UpdateSettingsResponse(settings=settings)

    async def GetModelProfile(
        self, request: pb.GetModelProfileRequest, context: ServicerContext
    ) -> pb.GetModelProfileResponse:
        return pb.GetModelProfileResponse(model_profile=await self._book.get_profile(request.name))

    async def ListModelProfiles(
        self, request: pb.ListModelProfilesRequest, context: ServicerContext
    ) -> pb.ListModelProfilesResponse:
        return pb.ListModelProfilesResponse(model_profiles=await self._book.list_profiles(request.parent))

    async def UpdateModelProfile(
        self, request: pb.UpdateModelProfileRequest, context: ServicerContext
    ) -> pb.UpdateModelProfileResponse:
        profile = await self._book.update_profile(
            request.model_profile, request.update_mask, request.etag, allow_missing=request.allow_missing
        )
        return pb.UpdateModelProfileResponse(model_profile=profile)

    async def DeleteModelProfile(
        self, request: pb.DeleteModelProfileRequest, context: ServicerContext
    ) -> pb.DeleteModelProfileResponse:
        await self._book.delete_profile(request.name, request.etag)
        return pb.DeleteModelProfileResponse()

    async def GetNotificationPreferences(
        self, request: pb.GetNotificationPreferencesRequest, context: ServicerContext
    ) -> pb.GetNotificationPreferencesResponse:
        return pb.GetNotificationPreferencesResponse(
            notification_preferences=await self._book.get_preferences(request.name)
        )

    async def UpdateNotificationPreferences(
        self, request: pb.UpdateNotificationPreferencesRequest, context: ServicerContext
    ) -> pb.UpdateNotificationPreferencesResponse:
        preferences = await self._book.update_preferences(
            request.notification_preferences, request.update_mask, request.etag
        )
        return pb.UpdateNotificationPreferencesResponse(notification_preferences=preferences)
