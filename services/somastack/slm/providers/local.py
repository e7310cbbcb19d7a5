"""The built-in local provider: a deterministic stand-in model for development and tests, no network."""

from __future__ import annotations

import asyncio
import hashlib
import math
from collections.abc import AsyncIterator, Sequence

from somastack.slm.model import Completion, Embeddings, Finish, Message, Params, ProviderKind, Role, Usage

#: A prompt holding this marker makes the local model refuse, so refusal handling can be exercised end to end.
REFUSE_MARKER = "#refuse"
REFUSAL = "I'm sorry, but I can't help with that."


def _words(text: str) -> list[str]:
    return text.split()


class LocalProvider:
    """Answers `echo: <last user message>`, word by word; embeds by feature hashing. Same input, same output."""

    kind = ProviderKind.LOCAL

    def __init__(
        self,
        name: str = "local",
        *,
        model: str = "soma-local-1",
        embedding_model: str = "soma-local-embed-1",
        dimensions: int = 64,
        token_delay: float = 0.0,
    ) -> None:
        self.name = name
        self.default_model = model
        self.embedding_model = embedding_model
        self.dimensions = dimensions
        self.token_delay = token_delay

    def _answer(self, messages: Sequence[Message], params: Params) -> tuple[list[str], Finish, int]:
        prompt_tokens = sum(len(_words(m.content)) for m in messages)
        last = next((m.content for m in reversed(messages) if m.role is Role.USER), "")
        if REFUSE_MARKER in last:
            return _words(REFUSAL), Finish.STOP, prompt_tokens
        words = ["echo:", *_words(last)]
        if len(words) > params.max_tokens:
            return words[: params.max_tokens], Finish.LENGTH, prompt_tokens
        return words, Finish.STOP, prompt_tokens

    async def complete(self, messages: Sequence[Message], params: Params, *, model: str) -> Completion:
        words, finish, prompt = self._answer(messages, params)
        return Completion(" ".join(words), finish, Usage(prompt, len(words)), model or self.default_model)

    async def stream(
        self, messages: Sequence[Message], params: Params, *, model: str
    ) -> AsyncIterator[str | Completion]:
        words, finish, prompt = self._answer(messages, params)
        for i, word in enumerate(words):
            if self.token_delay:
                await asyncio.sleep(self.token_delay)
            yield word if i == 0 else " " + word
        yield Completion(" ".join(words), finish, Usage(prompt, len(words)), model or self.default_model)

    async def embed(self, texts: Sequence[str], *, model: str, request_timeout: float | None = None) -> Embeddings:
        vectors = [self._vector(text) for text in texts]
        tokens = sum(len(_words(t)) for t in texts)
        return Embeddings(vectors, model or self.embedding_model, Usage(tokens, 0))

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for word in _words(text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dimensions
            vector[slot] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    async def close(self) -> None:
        return None
