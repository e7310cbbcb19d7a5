"""`soma config`: the effective configuration of every settings class, where each value came from, secrets masked."""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import SecretStr, ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from somastack.config import (
    CONFIG_FILE,
    Resolved,
    SomaSettings,
    explain,
    settings_classes,
    toml_table,
    unknown_toml_keys,
)

MASK = "********"
#: A setting whose name holds one of these words is masked even when it is no SecretStr.
SECRET_WORDS = frozenset({"key", "keys", "token", "tokens", "password", "passwords", "secret", "secrets"})
_STYLE = {"init": "magenta", "env": "cyan", "soma.toml": "green", "default": "dim"}
_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@]*:[^/@]*@", re.IGNORECASE)


def is_masked(setting: Resolved) -> bool:
    """Whether `setting` prints masked: a SecretStr, or a name with a secret word, unless unset or a number.

    Numbers and booleans stay readable (`token_ttl_seconds` is a duration, not a credential).
    """
    if setting.value is None:
        return False
    if setting.secret or isinstance(setting.value, SecretStr):
        return True
    if isinstance(setting.value, bool | int | float):
        return False
    return bool(SECRET_WORDS & set(setting.field.split("_")))


def _without_password(text: str) -> str:
    """A URL with its password masked (`postgresql://soma:********@db/soma`); other text as given."""
    if not _URL_PASSWORD.match(text):
        return text
    parts = urlsplit(text)
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:{MASK}@{host}").geturl()


def shown(setting: Resolved) -> str:
    """The value as `soma config` prints it."""
    value = setting.value
    if value is None:
        return "unset"
    if is_masked(setting):
        return MASK
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _without_password(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list | dict):
        return json.dumps(value, default=str)
    return str(value)


def table_of(settings_cls: type[SomaSettings], resolved: list[Resolved], changed_only: bool) -> Table:
    table_name = toml_table(settings_cls)
    where = f"[{table_name}]" if table_name else "top level"
    prefix = settings_cls.model_config.get("env_prefix", "")
    title = escape(f"{settings_cls.__name__}: {prefix}*, soma.toml {where}")
    table = Table(title=title, title_justify="left")
    for column in ("setting", "soma.toml", "value", "source"):
        table.add_column(column, overflow="fold")
    for setting in resolved:
        if changed_only and setting.source == "default":
            continue
        source = Text(setting.source, style=_STYLE[setting.source])
        value = Text(shown(setting), style="dim" if setting.value is None else "")
        table.add_row(setting.env, setting.toml_key, value, source)
    return table


def show(console: Console, errors: Console, *, changed_only: bool = False) -> int:
    """Prints every settings class's effective configuration; returns 2 when one is not valid, else 0."""
    path = CONFIG_FILE.resolve()
    read = "read" if path.is_file() else "not found: defaults and environment only"
    console.print(f"soma.toml: {path} ({read})")
    console.print("sources, strongest first: init > env > soma.toml > default")
    status = 0
    classes = settings_classes()
    unknown = unknown_toml_keys(classes)
    if unknown:
        names = ", ".join(unknown)
        errors.print(f"[yellow]warning:[/yellow] soma.toml has keys no setting reads: {escape(names)}")
    for settings_cls in classes:
        try:
            _, resolved = explain(settings_cls)
        except ValidationError as exc:
            errors.print(f"[red]invalid configuration ({settings_cls.__name__}):[/red] {exc}")
            status = 2
            continue
        console.print(table_of(settings_cls, resolved, changed_only))
    return status
