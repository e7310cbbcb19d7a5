"""The notification service: per-user notifications from events, filtered by preferences, streamed, webhooked."""
