"""Operating systems and CPU architectures as release names spell them, with their aliases."""

from __future__ import annotations

from dataclasses import dataclass

from soma_release.errors import ReleaseError

#: Spelling in manifests and artifact names <- the aliases other tools use.
ARCH_ALIASES = {"amd64": ("amd64", "x86_64", "x64"), "arm64": ("arm64", "aarch64")}
OS_ALIASES = {"linux": ("linux",), "darwin": ("darwin", "macos"), "windows": ("windows", "win32")}
#: os / arch of a platform-neutral artifact.
ANY = "any"


def normalize_arch(value: str) -> str:
    """amd64 or arm64 for any of their aliases; ReleaseError otherwise."""
    lowered = value.lower()
    for name, aliases in ARCH_ALIASES.items():
        if lowered in aliases:
            return name
    known = ", ".join(a for aliases in ARCH_ALIASES.values() for a in aliases)
    raise ReleaseError(f"unknown architecture {value!r} (known: {known})")


def normalize_os(value: str) -> str:
    lowered = value.lower()
    for name, aliases in OS_ALIASES.items():
        if lowered in aliases:
            return name
    known = ", ".join(a for aliases in OS_ALIASES.values() for a in aliases)
    raise ReleaseError(f"unknown operating system {value!r} (known: {known})")


@dataclass(frozen=True, order=True)
class Platform:
    os: str
    arch: str

    @classmethod
    def parse(cls, text: str) -> Platform:
        """`linux-amd64`, `linux-x86_64`, `darwin-aarch64`... normalized."""
        os_name, sep, arch = text.partition("-")
        if not sep:
            raise ReleaseError(f"platform {text!r} is not OS-ARCH, e.g. linux-amd64")
        return cls(normalize_os(os_name), normalize_arch(arch))

    def accepts(self, os_name: str, arch: str) -> bool:
        """Whether an artifact built for os/arch (possibly `any`) runs here."""
        return os_name in (self.os, ANY) and arch in (self.arch, ANY)

    def __str__(self) -> str:
        return f"{self.os}-{self.arch}"
