"""Constitution settings (`SOMA_CONSTITUTION_*`, `[constitution]` in soma.toml): signers, quorum, dev signer, cache.

Trust decides who may change the rules of the whole platform, so the stages differ:

- dev: without configured signers, a dev signer (id `dev`) is generated once, its
  private key written to `<data dir>/constitution-dev-signer.key` (mode 0600) and
  trusted; the quorum defaults to 1, so documents must be signed with that key.
  `SOMA_CONSTITUTION_QUORUM=0` lets unsigned documents load, in dev only.
- staging and prod: trusted signers must be configured, the quorum must be at least
  1, and no dev signer is ever generated, so an unsigned document never loads.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from somastack.config import Settings, SomaSettings, Stage
from somastack.constitution import signing
from somastack.constitution.signatures import TrustedSigners, decode_public_key

_log = logging.getLogger(__name__)


class ConfigError(ValueError):
    """The constitution settings cannot be used as given."""


class ConstitutionSettings(SomaSettings):
    """The constitution service's own settings, read from `SOMA_CONSTITUTION_*` or `[constitution]` in soma.toml."""

    model_config = SettingsConfigDict(env_prefix="SOMA_CONSTITUTION_")

    #: Signer id -> base64url Ed25519 public key (JSON in the environment).
    trusted_signers: dict[str, str] = Field(default_factory=dict)
    #: A JSON file with more signers in the same form (merged with `trusted_signers`).
    trusted_signers_file: Path | None = None
    #: How many distinct trusted signers must sign (k of n); 1 when unset.
    quorum: int | None = None
    #: Whether dev generates and trusts a signer when none is configured.
    dev_signer: bool = True
    #: Seconds the cached pointer to the active version lives; it is also dropped on `constitution.updated`.
    active_cache_ttl_seconds: float = 60.0


def _read_signers(config: ConstitutionSettings) -> dict[str, str]:
    signers = dict(config.trusted_signers)
    if config.trusted_signers_file is not None:
        try:
            extra = json.loads(config.trusted_signers_file.read_text())
        except (OSError, json.JSONDecodeError) as error:
            raise ConfigError(f"SOMA_CONSTITUTION_TRUSTED_SIGNERS_FILE: {error}") from None
        if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
            raise ConfigError("SOMA_CONSTITUTION_TRUSTED_SIGNERS_FILE must hold a JSON object {signer id: public key}")
        for signer, key in extra.items():
            if signers.get(signer, key) != key:
                raise ConfigError(f"signer {signer!r} has two different keys in the environment and the file")
            signers[signer] = key
    return signers


def dev_key_path(settings: Settings) -> Path:
    """Where the dev stage keeps its signer's private key."""
    return settings.data_dir / signing.DEV_KEY_FILE


def ensure_dev_signer(settings: Settings) -> str:
    """The dev signer's public key, generating and writing its private key on first use."""
    path = dev_key_path(settings)
    if path.exists():
        key = signing.load_private_key(path)
    else:
        key = signing.generate_private_key()
        signing.write_private_key(path, key)
        _log.info("dev constitution signer %r created; its private key is %s", signing.DEV_SIGNER_ID, path)
    return signing.public_key(key)


def trusted_signers(settings: Settings, config: ConstitutionSettings) -> TrustedSigners:
    """The trust of this process, with the stage's guardrails; raises ConfigError when it cannot be used."""
    signers = _read_signers(config)
    dev = settings.stage is Stage.DEV
    if not signers and dev and config.dev_signer:
        signers = {signing.DEV_SIGNER_ID: ensure_dev_signer(settings)}
    quorum = 1 if config.quorum is None else config.quorum
    if not dev and quorum < 1:
        raise ConfigError(f"stage {settings.stage.value} refuses unsigned constitutions: SOMA_CONSTITUTION_QUORUM >= 1")
    if not dev and not signers:
        raise ConfigError(f"stage {settings.stage.value} needs SOMA_CONSTITUTION_TRUSTED_SIGNERS (or its _FILE)")
    keys = {}
    for signer, text in signers.items():
        try:
            keys[signer] = decode_public_key(text)
        except ValueError as error:
            raise ConfigError(f"trusted signer {signer!r}: the public key {error}") from None
    try:
        return TrustedSigners(keys, quorum)
    except ValueError as error:
        raise ConfigError(str(error)) from None
