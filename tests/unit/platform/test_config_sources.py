"""One configuration story: every settings class reads init > env > soma.toml > default, in the same way.

docs/operations.md lists every setting of every class, and each listed setting can be set from soma.toml.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import types
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
from pydantic import SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

import somastack
from somastack.config import (
    CONFIG_FILE,
    Settings,
    SomaSettings,
    env_name,
    explain,
    settings_classes,
    toml_key,
    toml_table,
    unknown_toml_keys,
)
from somastack.memory.config import MemorySettings
from somastack.memory.store_config import StoreSettings
from tests.conftest import REPO

OPERATIONS = REPO / "docs" / "operations.md"

#: Settings a validator ties to another: the companion values that make an example of the first one valid.
COMPANIONS: dict[str, dict[str, Any]] = {
    "SOMA_MEMORY_EMBEDDER": {"embedder_url": "http://127.0.0.1:8000", "embedder_provider": "local"},
    "SOMA_MEMORY_STORE": {"somabrain_url": "http://127.0.0.1:9696"},
    "SOMA_SLM_ENDPOINT_KEYS": {"allowed_base_urls": "https://llm.example.test"},
    "SOMA_ENVOY_TLS_CERT": {"envoy_tls_key": "/srv/soma-example.key"},
    "SOMA_ENVOY_TLS_KEY": {"envoy_tls_cert": "/srv/soma-example.pem"},
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory of its own (where soma.toml is read) and no SOMA_* variable from outside."""
    for name in list(os.environ):
        if name.startswith("SOMA_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def settings_classes_in_the_package() -> set[type[BaseSettings]]:
    """Every BaseSettings subclass defined in somastack, found by importing all of its modules."""
    for module in pkgutil.walk_packages(somastack.__path__, "somastack."):
        if module.name.endswith("__main__") or ".migrations" in module.name:
            continue
        importlib.import_module(module.name)
    return {cls for cls in _subclasses(BaseSettings) if cls.__module__.startswith("somastack.")}


def documented() -> dict[str, str]:
    """Environment variable -> soma.toml key, from the tables of docs/operations.md's Configuration section."""
    text = OPERATIONS.read_text()
    start = text.index("\n## Configuration\n")
    section = text[start : text.index("\n## ", start + 1)]
    rows = re.findall(r"^\| `(SOMA_[A-Z0-9_]+)` \| `([a-z0-9_.]+)` \|", section, re.MULTILINE)
    names = [env for env, _ in rows]
    assert len(names) == len(set(names)), "a setting is listed twice"
    return dict(rows)


def every_setting() -> list[tuple[type[SomaSettings], str]]:
    return [(cls, field) for cls in settings_classes() for field in cls.model_fields]


def test_every_settings_class_derives_from_the_one_base_and_is_listed() -> None:
    found = settings_classes_in_the_package()
    assert found == {SomaSettings, *settings_classes()}, "list a new settings class in config.SETTINGS_CLASSES"
    base_sources = SomaSettings.settings_customise_sources.__func__  # type: ignore[attr-defined]
    for cls in settings_classes():
        # The same source order for all: no class customises its own.
        assert cls.settings_customise_sources.__func__ is base_sources, cls
        prefix = cls.model_config.get("env_prefix", "")
        assert re.fullmatch(r"SOMA_([A-Z]+_)?", prefix), cls
        assert cls.model_config.get("frozen") is True and cls.model_config.get("extra") == "ignore", cls
        assert cls.model_config.get("toml_file") == CONFIG_FILE, cls


def test_classes_sharing_a_table_share_no_setting() -> None:
    # One variable (and one soma.toml key) must mean one setting.
    seen: dict[str, type] = {}
    for cls, field in every_setting():
        name = env_name(cls, field)
        assert name not in seen, f"{name} is a setting of both {seen[name].__name__} and {cls.__name__}"
        seen[name] = cls
    assert toml_table(Settings) is None
    assert toml_table(MemorySettings) == toml_table(StoreSettings) == "memory"


def test_operations_doc_lists_every_setting_with_its_soma_toml_key() -> None:
    listed = documented()
    expected = {env_name(cls, field): toml_key(cls, field) for cls, field in every_setting()}
    assert sorted(set(expected) - set(listed)) == [], "settings missing from docs/operations.md"
    assert sorted(set(listed) - set(expected)) == [], "docs/operations.md lists settings that do not exist"
    assert listed == expected


def _plain(annotation: Any) -> Any:
    """The annotation without `| None`."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _default(info: FieldInfo) -> Any:
    return info.default_factory() if info.default_factory is not None else info.default  # type: ignore[call-arg]


def candidates(info: FieldInfo) -> list[Any]:
    """TOML values to try for a field, each different from its default; the first the class accepts is used."""
    kind, default = _plain(info.annotation), _default(info)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [member.value for member in kind if member != default]
    if kind is bool:
        return [not default] if default is not None else [True]
    if kind is int:
        base = default if default is not None else 0
        return [base + 1, base - 1, 1, 2]
    if kind is float:
        base = default if default is not None else 0.0
        return [base + 0.5, base / 2, 0.5]
    if kind in (str, SecretStr):
        return ["https://llm.example.test", "config", "example-value"]
    if kind is Path:
        return ["/srv/soma-example"]
    if get_origin(kind) is tuple:
        return [["^https://example\\.test$"]]
    if get_origin(kind) is dict:
        return [{"https://llm.example.test": "example-value"}]
    raise AssertionError(f"no example for {info.annotation}: teach candidates() this type")


def toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value)  # strings, numbers and booleans are written alike in JSON and TOML


def write_toml(cls: type[SomaSettings], values: dict[str, Any]) -> None:
    table = toml_table(cls)
    lines = [f"[{table}]"] if table else []
    lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
    CONFIG_FILE.write_text("\n".join(lines) + "\n")


def comparable(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("cls", "field"),
    [pytest.param(cls, field, id=env_name(cls, field)) for cls, field in every_setting()],
)
def test_each_documented_setting_can_be_set_from_soma_toml(workdir: Path, cls: type[SomaSettings], field: str) -> None:
    name = env_name(cls, field)
    assert name in documented()
    default = comparable(_default(cls.model_fields[field]))
    refused = []
    for value in candidates(cls.model_fields[field]):
        write_toml(cls, {**COMPANIONS.get(name, {}), field: value})
        try:
            _, resolved = explain(cls)
        except ValidationError as exc:
            refused.append(f"{value!r}: {exc.errors()[0]['msg']}")
            continue
        setting = next(r for r in resolved if r.field == field)
        assert setting.source == "soma.toml"
        assert comparable(setting.value) == value != default
        assert setting.toml_key == toml_key(cls, field) and setting.env == name
        return
    pytest.fail(f"{name}: no example value was accepted ({'; '.join(refused)}); add one to COMPANIONS")


def test_sources_in_order_init_then_env_then_soma_toml_then_default(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    CONFIG_FILE.write_text(
        'port_base = 21000\nenvoy_port = 21100\nlog_level = "DEBUG"\n'
        "[memory]\nembedder_batch_size = 7\nrecall_candidates = 60\nreplay_batch_size = 9\n"
    )
    monkeypatch.setenv("SOMA_PORT_BASE", "22000")
    monkeypatch.setenv("SOMA_ENVOY_PORT", "22100")
    monkeypatch.setenv("SOMA_MEMORY_EMBEDDER_BATCH_SIZE", "8")
    settings, resolved = explain(Settings, envoy_port=23100)
    source = {r.field: r.source for r in resolved}
    assert isinstance(settings, Settings)
    assert (settings.envoy_port, source["envoy_port"]) == (23100, "init")
    assert (settings.port_base, source["port_base"]) == (22000, "env")
    assert (settings.log_level, source["log_level"]) == ("DEBUG", "soma.toml")
    assert (settings.host, source["host"]) == ("127.0.0.1", "default")
    # The domains read the same way, from their own table.
    memory = MemorySettings()
    assert (memory.embedder_batch_size, memory.recall_candidates, memory.dimensions) == (8, 60, 384)
    assert StoreSettings().replay_batch_size == 9
    assert Settings().port_base == 22000


def test_an_alias_of_the_environment_counts_as_env(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    CONFIG_FILE.write_text('stage = "prod"\n')
    monkeypatch.setenv("SOMA_CHANNEL", "staging")
    settings, resolved = explain(Settings)
    assert settings.stage.value == "staging"  # type: ignore[attr-defined]
    assert next(r for r in resolved if r.field == "stage").source == "env"


def test_a_domain_name_that_is_no_table_is_refused(workdir: Path) -> None:
    CONFIG_FILE.write_text('memory = "openai"\n')
    with pytest.raises(ValueError, match=r"\[memory\]"):
        MemorySettings()


def test_keys_no_setting_reads_are_found(workdir: Path) -> None:
    CONFIG_FILE.write_text(
        'port_base = 21000\nembedder = "openai"\n[memory]\nport_base = 1\ndimensions = 64\n[nope]\nx = 1\n'
    )
    assert unknown_toml_keys(settings_classes()) == ["embedder", "memory.port_base", "nope"]
    CONFIG_FILE.unlink()
    assert unknown_toml_keys(settings_classes()) == []
