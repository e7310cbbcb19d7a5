"""Adapters of the notification service's ports."""
