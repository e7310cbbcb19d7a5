"""Writes the event topic constants of soma-proto (Python) and @soma/proto (TypeScript) from a descriptor set.

Run by scripts/codegen.sh. Every message that sets the `(soma.common.v1.event)` option is the payload of the
events on the topic it names; each topic becomes one constant, named after the topic (`constitution.updated` ->
`CONSTITUTION_UPDATED`), in

- `soma/events/v1/topics.py` of gen/python (imports nothing, so any layer may use it), and
- `topics.ts` of gen/ts (re-exported by its `index.ts`),

each with `TOPIC_PAYLOAD_TYPES`, the full name of the payload message of every topic. scripts/contracts-check
reads the same declarations (`declared_topics`) to refuse a renamed topic or a changed payload type.

Output depends only on the descriptor set: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

#: The message option that names a payload's topic, and the file that declares it.
EVENT_OPTION = "soma.common.v1.event"
EVENT_OPTION_FILE = "soma/common/v1/event.proto"
#: Lower-case words joined by `.`, `_` or `-`; the event bus accepts at most 249 characters.
_TOPIC = re.compile(r"^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$")
_MAX_TOPIC = 249


class TopicError(Exception):
    """A topic declaration the generator refuses; the message names the payload message."""


@dataclass(frozen=True)
class Topic:
    """One declared topic: its name, the full name of its payload message, and the file that declares it."""

    name: str
    payload: str
    file: str

    @property
    def constant(self) -> str:
        """The name of the generated constant: `constitution.updated` -> `CONSTITUTION_UPDATED`."""
        return re.sub(r"[._-]", "_", self.name).upper()


def _declarations(descriptor_set: descriptor_pb2.FileDescriptorSet) -> Iterator[tuple[str, str, str]]:
    """(file, payload message, topic) of every Soma message that sets `(soma.common.v1.event)`.

    The option is read through a descriptor pool of the set itself, so the generator needs no generated code
    of the contracts it generates. A set without the option's file (an older release) declares no topic.
    """
    files = {file.name for file in descriptor_set.file}
    if EVENT_OPTION_FILE not in files:
        return
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_set.file:
        pool.Add(file)
    message_factory.GetMessageClassesForFiles([EVENT_OPTION_FILE], pool)  # registers the extension
    # The stubs type extensions as generated-code descriptors; a pool's are plain field descriptors.
    event: Any = pool.FindExtensionByName(EVENT_OPTION)
    options_type = message_factory.GetMessageClass(pool.FindMessageTypeByName("google.protobuf.MessageOptions"))
    for file in descriptor_set.file:
        if not file.name.startswith("soma/"):
            continue
        for name, message in _walk(file.package, file.message_type):
            options: Message = options_type.FromString(message.options.SerializeToString())
            if options.HasExtension(event):
                yield file.name, name, options.Extensions[event].topic


def _walk(
    scope: str, messages: Iterable[descriptor_pb2.DescriptorProto]
) -> Iterator[tuple[str, descriptor_pb2.DescriptorProto]]:
    for message in messages:
        name = f"{scope}.{message.name}"
        yield name, message
        yield from _walk(name, message.nested_type)


def declared_topics(descriptor_set: descriptor_pb2.FileDescriptorSet) -> list[Topic]:
    """Every topic the Soma files of the descriptor set declare, sorted by name.

    Raises:
        TopicError: a topic is empty or malformed, declared by two messages, or two topics share a constant name.
    """
    topics: dict[str, Topic] = {}
    for file, payload, name in _declarations(descriptor_set):
        if not _TOPIC.match(name) or len(name) > _MAX_TOPIC:
            raise TopicError(
                f"{payload}: ({EVENT_OPTION}) topic {name!r} is not lower-case words joined by '.', '_' or '-' "
                f"(at most {_MAX_TOPIC} characters)"
            )
        if name in topics:
            raise TopicError(
                f"{payload}: topic {name!r} is already the topic of {topics[name].payload}; one payload per topic"
            )
        topics[name] = Topic(name, payload, file)
    constants: dict[str, str] = {}
    for topic in topics.values():
        if topic.constant in constants:
            raise TopicError(f"topics {constants[topic.constant]!r} and {topic.name!r} both make {topic.constant}")
        constants[topic.constant] = topic.name
    return sorted(topics.values(), key=lambda t: t.name)


def python_module(topics: list[Topic]) -> str:
    lines = [
        '"""Topics of the Soma event bus, declared in the contracts by `(soma.common.v1.event)` on each payload.\n',
        "\n",
        "Generated by scripts/codegen.sh (scripts/gen_topics.py); do not edit: change the contracts.\n",
        '"""\n',
        "\n",
        "from collections.abc import Mapping\n",
        "from typing import Final\n",
    ]
    for topic in topics:
        lines.append(f"\n#: Events carrying `{topic.payload}`.\n")
        lines.append(f'{topic.constant}: Final = "{topic.name}"\n')
    lines.append("\n#: The full name of the payload message of every topic.\n")
    lines.append("TOPIC_PAYLOAD_TYPES: Final[Mapping[str, str]] = {\n")
    lines.extend(f'    {topic.constant}: "{topic.payload}",\n' for topic in topics)
    lines.append("}\n")
    return "".join(lines)


def typescript_module(topics: list[Topic]) -> str:
    lines = [
        "// @generated by scripts/gen_topics.py from the contracts' (soma.common.v1.event) options.\n",
        "// Do not edit: change the contracts and run scripts/codegen.sh.\n",
    ]
    for topic in topics:
        lines.append(f"\n/** Topic of the events carrying `{topic.payload}`. */\n")
        lines.append(f'export const {topic.constant} = "{topic.name}";\n')
    lines.append("\n/** The full name of the payload message of every topic. */\n")
    lines.append("export const TOPIC_PAYLOAD_TYPES = {\n")
    lines.extend(f'  [{topic.constant}]: "{topic.payload}",\n' for topic in topics)
    lines.append("} as const;\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--descriptor-set", required=True, type=Path)
    parser.add_argument("--python-out", required=True, type=Path, help="the Python module to write")
    parser.add_argument("--ts-out", required=True, type=Path, help="the TypeScript module to write")
    args = parser.parse_args(argv)
    descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(args.descriptor_set.read_bytes())
    try:
        topics = declared_topics(descriptor_set)
    except TopicError as error:
        print(f"gen_topics: {error}", file=sys.stderr)
        return 1
    for path, text in ((args.python_out, python_module(topics)), (args.ts_out, typescript_module(topics))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
