"""SettingsServicer: proto <-> domain for SettingsService, nothing else."""

from __future__ import annotations

from soma.settings.v1 import settings_service_pb2, settings_service_pb2_grpc
from somastack.runtime.context import ServicerContext
from somastack.settings import codec
from somastack.settings.service import SettingsBook

pb = settings_service_pb2


class SettingsServicer(settings_service_pb2_grpc.SettingsServiceServicer):
    """Translates SettingsService calls to the settings use cases."""

    def __init__(self, book: SettingsBook) -> None:
        self._book = book

    async def GetSettings(self, request: pb.GetSettingsRequest, context: ServicerContext) -> pb.GetSettingsResponse:
        view = await self._book.get_settings(request.name)
        return pb.GetSettingsResponse(settings=codec.settings_view_pb(view))

    async def UpdateSettings(
        self, request: pb.UpdateSettingsRequest, context: ServicerContext
    ) -> pb.UpdateSettingsResponse:
        edit = codec.settings_edit(request.settings, request.update_mask)
        view = await self._book.update_settings(request.settings.name, edit, request.etag)
        return pb.UpdateSettingsResponse(settings=codec.settings_view_pb(view))

    async def GetModelProfile(
        self, request: pb.GetModelProfileRequest, context: ServicerContext
    ) -> pb.GetModelProfileResponse:
        view = await self._book.get_profile(request.name)
        return pb.GetModelProfileResponse(model_profile=codec.profile_view_pb(view))

    async def ListModelProfiles(
        self, request: pb.ListModelProfilesRequest, context: ServicerContext
    ) -> pb.ListModelProfilesResponse:
        views = await self._book.list_profiles(request.parent)
        return pb.ListModelProfilesResponse(model_profiles=[codec.profile_view_pb(v) for v in views])

    async def UpdateModelProfile(
        self, request: pb.UpdateModelProfileRequest, context: ServicerContext
    ) -> pb.UpdateModelProfileResponse:
        edit = codec.profile_edit(request.model_profile, request.update_mask)
        view = await self._book.update_profile(
            request.model_profile.name, edit, request.etag, allow_missing=request.allow_missing
        )
        return pb.UpdateModelProfileResponse(model_profile=codec.profile_view_pb(view))

    async def DeleteModelProfile(
        self, request: pb.DeleteModelProfileRequest, context: ServicerContext
    ) -> pb.DeleteModelProfileResponse:
        await self._book.delete_profile(request.name, request.etag)
        return pb.DeleteModelProfileResponse()

    async def GetNotificationPreferences(
        self, request: pb.GetNotificationPreferencesRequest, context: ServicerContext
    ) -> pb.GetNotificationPreferencesResponse:
        view = await self._book.get_preferences(request.name)
        return pb.GetNotificationPreferencesResponse(notification_preferences=codec.preferences_view_pb(view))

    async def UpdateNotificationPreferences(
        self, request: pb.UpdateNotificationPreferencesRequest, context: ServicerContext
    ) -> pb.UpdateNotificationPreferencesResponse:
        edit = codec.preferences_edit(request.notification_preferences, request.update_mask)
        view = await self._book.update_preferences(request.notification_preferences.name, edit, request.etag)
        return pb.UpdateNotificationPreferencesResponse(notification_preferences=codec.preferences_view_pb(view))
