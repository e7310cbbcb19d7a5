"""Settings of the notification service (`SOMA_NOTIFICATION_*`, `[notification]` in soma.toml): webhooks, retries."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from somastack.config import SomaSettings, Stage

#: The webhook signing secret outside prod when none is configured; receivers in dev verify with it.
DEV_WEBHOOK_SECRET = "soma-dev-webhook-secret"


class NotificationSettings(SomaSettings):
    """How webhooks are signed and retried, and how often the background loops look for work they were not told of."""

    model_config = SettingsConfigDict(env_prefix="SOMA_NOTIFICATION_")

    #: The HMAC-SHA256 key of `X-Soma-Signature`. Required in stage prod; a fixed dev secret elsewhere.
    webhook_secret: SecretStr | None = None
    #: How long one POST may take.
    webhook_timeout_seconds: float = Field(10.0, gt=0)
    #: Attempts of one delivery before it is given up (kept with its last error).
    webhook_max_attempts: int = Field(8, ge=1, le=50)
    #: Wait after the first failed attempt; doubles per attempt, at most `webhook_max_backoff_seconds`.
    webhook_backoff_seconds: float = Field(1.0, gt=0)
    webhook_max_backoff_seconds: float = Field(600.0, gt=0)
    #: The webhook worker sleeps until the next attempt is due, woken by local commits that queue deliveries; it
    #: reads the database at least this often anyway: how late it sees a delivery another replica queued and left.
    webhook_poll_seconds: float = Field(30.0, gt=0)
    #: The releaser sleeps until the end of the earliest quiet hours, woken by local commits that hold notifications
    #: or make held ones due; it reads the database at least this often anyway (notifications other replicas held).
    release_poll_seconds: float = Field(30.0, gt=0)
    #: How often a Subscribe stream reads the database when no in-process wake-up came (other replicas).
    subscribe_poll_seconds: float = Field(1.0, gt=0)

    def signing_secret(self, stage: Stage) -> bytes:
        """The webhook secret; refuses to run without one in prod (a known dev secret would let anyone sign)."""
        if self.webhook_secret is not None and self.webhook_secret.get_secret_value():
            return self.webhook_secret.get_secret_value().encode()
        if stage is Stage.PROD:
            raise ValueError("stage prod needs SOMA_NOTIFICATION_WEBHOOK_SECRET (the webhook signing key)")
        return DEV_WEBHOOK_SECRET.encode()
