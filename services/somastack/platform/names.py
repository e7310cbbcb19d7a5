"""Resource names (`tenants/{tenant}/users/{user}`): parsing and validation shared by every service."""

from __future__ import annotations

import re

from somastack.platform.errors import invalid

TENANT_ID = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
CHILD_ID = re.compile(r"^[a-z0-9][a-z0-9.-]{0,62}$")

#: The tenant claim of a platform operator's token: it may address every tenant.
ANY_TENANT = "*"


def tenant_of(name: str) -> str | None:
    """The tenant id a resource name belongs to, or None if it names no tenant."""
    if not name.startswith("tenants/"):
        return None
    tenant = name[8:].split("/", 1)[0]
    return tenant or None


def parse(name: str, pattern: str, *, field: str) -> dict[str, str]:
    """Parses `name` against a pattern such as `tenants/{tenant}/users/{user}`.

    Returns the variables; raises InvalidArgument naming `field` when it does not match.
    """
    want = pattern.split("/")
    got = name.split("/")
    if len(got) != len(want):
        raise invalid(field, f"must look like {pattern!r}, got {name!r}")
    values: dict[str, str] = {}
    for w, g in zip(want, got, strict=True):
        if w.startswith("{"):
            key = w[1:-1]
            rule = TENANT_ID if key == "tenant" else CHILD_ID
            if not rule.match(g):
                raise invalid(field, f"{key} id {g!r} is malformed in {name!r}")
            values[key] = g
        elif w != g:
            raise invalid(field, f"must look like {pattern!r}, got {name!r}")
    return values


def check_id(value: str, *, field: str, tenant: bool = False) -> str:
    """Validates a new resource id, raising InvalidArgument naming `field`."""
    rule = TENANT_ID if tenant else CHILD_ID
    if not rule.match(value):
        what = (
            "3 to 40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
            if tenant
            else "1 to 63 lowercase letters, digits, dots and hyphens, starting with a letter or digit"
        )
        raise invalid(field, f"{value!r} is not a valid id: use {what}")
    return value
