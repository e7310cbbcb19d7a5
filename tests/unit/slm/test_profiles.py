"""Model profile sources: configuration, and the settings service's provider names."""

from __future__ import annotations

from somastack.slm.adapters.settings_profiles import SettingsProfileSource, provider_name
from somastack.slm.config import SlmSettings
from somastack.slm.profiles import ConfigProfileSource


def test_settings_provider_names_map_to_the_adapter_that_speaks_them() -> None:
    assert [provider_name(p) for p in ("ollama", "vllm", "openai-compatible", "OpenAI", "anthropic", "local")] == [
        "openai",
        "openai",
        "openai",
        "openai",
        "anthropic",
        "local",
    ]


async def test_without_a_caller_the_settings_source_falls_back_to_configuration() -> None:
    # The worker has no caller's token: it runs what submit resolved, so the fallback answers and no call is made.
    source = SettingsProfileSource("127.0.0.1:1", ConfigProfileSource(SlmSettings(default_provider="anthropic")))
    profile = await source.profile("acme")
    await source.close()
    assert profile.provider == "anthropic"
