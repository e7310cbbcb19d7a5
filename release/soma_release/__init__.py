"""SomaStack release tooling: signed v1 release manifests, deterministic release builds, bundle packaging.

Start with `soma_release.manifest` (read and verify manifests) and `soma_release.keys`
(Ed25519 signing keys and trusted public keys).
"""
