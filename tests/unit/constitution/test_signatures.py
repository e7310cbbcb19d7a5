"""Signatures and quorum: k of n trusted signers, forged and misplaced signatures, and the trust configuration."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from somastack.config import Settings, Stage
from somastack.constitution import signing
from somastack.constitution.config import ConfigError, ConstitutionSettings, dev_key_path, trusted_signers
from somastack.constitution.model import Signature
from somastack.constitution.signatures import SIGNING_PREFIX, TrustedSigners, signing_message

CHECKSUM = "ab" * 32
OTHER = "cd" * 32


def keys(*names: str) -> dict[str, Ed25519PrivateKey]:
    return {name: Ed25519PrivateKey.generate() for name in names}


def trust(private: dict[str, Ed25519PrivateKey], quorum: int) -> TrustedSigners:
    return TrustedSigners({name: key.public_key() for name, key in private.items()}, quorum)


def sig(key: Ed25519PrivateKey, signer: str, checksum: str = CHECKSUM) -> Signature:
    made = signing.sign(checksum, key, signer)
    return Signature(made.signer_id, made.signature)


def test_the_signed_message_is_the_prefixed_hex_checksum() -> None:
    assert signing_message(CHECKSUM) == SIGNING_PREFIX + CHECKSUM.encode()
    with pytest.raises(ValueError):
        signing_message("AB" * 32)


def test_k_of_n_trusted_signers_meet_the_quorum() -> None:
    private = keys("alice", "bob", "carol")
    signers = trust(private, 2)
    one = signers.check(CHECKSUM, [sig(private["alice"], "alice")])
    assert (one.have, one.need, one.met) == (1, 2, False)
    two = signers.check(CHECKSUM, [sig(private["carol"], "carol"), sig(private["alice"], "alice")])
    assert two.met and two.signers == ("alice", "carol") and not two.invalid


def test_untrusted_signers_never_count() -> None:
    private = keys("alice")
    mallory = Ed25519PrivateKey.generate()
    report = trust(private, 1).check(CHECKSUM, [sig(mallory, "mallory")])
    assert not report.met and report.untrusted == ("mallory",) and not report.invalid


def test_a_forged_or_misplaced_signature_of_a_trusted_signer_is_invalid() -> None:
    private = keys("alice", "bob")
    forged = sig(Ed25519PrivateKey.generate(), "alice")  # claims alice, signed by someone else
    other_document = sig(private["bob"], "bob", OTHER)  # bob's real signature, of another checksum
    report = trust(private, 1).check(CHECKSUM, [forged, other_document, Signature("bob", b"short")])
    assert [(field, signer) for field, signer, _ in report.invalid] == [
        ("signatures[0].signature", "alice"),
        ("signatures[1].signature", "bob"),
    ]
    assert [v.field for v in report.malformed] == ["signatures[2].signer_id"]  # bob signed twice
    assert not report.met


def test_a_raw_signature_over_the_checksum_without_the_prefix_does_not_verify() -> None:
    private = keys("alice")
    bare = Signature("alice", private["alice"].sign(CHECKSUM.encode()))
    assert trust(private, 1).check(CHECKSUM, [bare]).invalid


def test_quorum_zero_accepts_an_unsigned_document() -> None:
    assert trust({}, 0).check(CHECKSUM, []).met


def test_a_quorum_above_the_signer_count_is_refused() -> None:
    with pytest.raises(ValueError, match="quorum of 3"):
        trust(keys("a", "b"), 3)


# -- configuration ----------------------------------------------------------------------------


def test_dev_without_signers_creates_and_trusts_a_dev_signer(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, stage=Stage.DEV)
    signers = trusted_signers(settings, ConstitutionSettings())
    path = dev_key_path(settings)
    assert path == tmp_path / "dev" / "constitution-dev-signer.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(signers.keys) == ["dev"] and signers.quorum == 1
    key = signing.load_private_key(path)
    assert signers.check(CHECKSUM, [sig(key, "dev")]).met
    # A restart keeps the same key.
    again = trusted_signers(settings, ConstitutionSettings())
    assert again.check(CHECKSUM, [sig(key, "dev")]).met


def test_signers_come_from_the_environment_and_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    private = keys("alice", "bob")
    public = {name: signing.public_key(key) for name, key in private.items()}
    file = tmp_path / "signers.json"
    file.write_text(json.dumps({"bob": public["bob"]}))
    monkeypatch.setenv("SOMA_CONSTITUTION_TRUSTED_SIGNERS", json.dumps({"alice": public["alice"]}))
    monkeypatch.setenv("SOMA_CONSTITUTION_TRUSTED_SIGNERS_FILE", str(file))
    monkeypatch.setenv("SOMA_CONSTITUTION_QUORUM", "2")
    settings = Settings(home=tmp_path, stage=Stage.STAGING)
    signers = trusted_signers(settings, ConstitutionSettings())
    assert sorted(signers.keys) == ["alice", "bob"] and signers.quorum == 2
    assert not dev_key_path(settings).exists()


@pytest.mark.parametrize(
    ("stage", "config", "message"),
    [
        (Stage.PROD, {}, "needs SOMA_CONSTITUTION_TRUSTED_SIGNERS"),
        (Stage.STAGING, {"quorum": 0, "trusted_signers": {"a": "x" * 43}}, "refuses unsigned"),
        (Stage.DEV, {"dev_signer": False}, "quorum of 1"),
        (Stage.DEV, {"trusted_signers": {"a": "not-a-key"}}, "trusted signer 'a'"),
        (Stage.DEV, {"trusted_signers": {"Bad Id": "x" * 43}}, "malformed"),
    ],
)
def test_unusable_trust_is_refused_at_start(
    tmp_path: Path, stage: Stage, config: dict[str, object], message: str
) -> None:
    url = {"database_url": "postgresql://x/y"} if stage is Stage.PROD else {}
    settings = Settings(home=tmp_path, stage=stage, **url)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=message):
        trusted_signers(settings, ConstitutionSettings(**config))  # type: ignore[arg-type]


def test_dev_may_accept_unsigned_documents_with_quorum_zero(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, stage=Stage.DEV)
    signers = trusted_signers(settings, ConstitutionSettings(quorum=0))
    assert signers.check(CHECKSUM, []).met
