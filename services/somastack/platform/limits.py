"""Size limits of a call, declared once for Envoy and the services, so that what passes one never fails at the other.

A request message is at most `MAX_MESSAGE_BYTES`. The one place that enforces it is the service's request decoder
(runtime/decoding.py), before the message is parsed, with INVALID_ARGUMENT on field `request`: Envoy's transcoder
streams a REST body into its gRPC message rather than buffering it (its `max_request_body_size` does not apply
then), so a gRPC call and the same call over REST meet the same limit and get the same answer. Every field has
its own, much smaller bound in its domain's validation (a prompt, a memory's text, a principle), answered
INVALID_ARGUMENT on that field.

Envoy refuses request headers beyond `MAX_REQUEST_HEADERS_KB` (HTTP 431); a service accepts metadata up to
`SERVICE_MAX_METADATA_BYTES`, room for everything Envoy forwards (it adds headers of its own, and a transcoded
REST call carries its path twice: `:path` and `x-envoy-original-path`). A long value therefore reaches the service,
which answers it on its merits (INVALID_ARGUMENT for a name that is no name), instead of gRPC's metadata limit
answering RESOURCE_EXHAUSTED (HTTP 429), which clients retry although it can never succeed.
"""

from __future__ import annotations

#: Largest request message a service decodes (gRPC's own default); a larger one is INVALID_ARGUMENT.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
#: gRPC's receive limit: a message above it is refused by gRPC itself (RESOURCE_EXHAUSTED, no details) before it is
#: read whole; up to it, the decoder answers with the typed error above.
HARD_MESSAGE_BYTES = 2 * MAX_MESSAGE_BYTES
#: Request headers Envoy accepts, in KiB (Envoy's own default, stated here so that the services can follow it).
MAX_REQUEST_HEADERS_KB = 60
#: Metadata a service accepts, in bytes: twice Envoy's limit, for the headers Envoy adds and the path it repeats.
SERVICE_MAX_METADATA_BYTES = 2 * MAX_REQUEST_HEADERS_KB * 1024 + 8 * 1024
#: Server streams one caller may hold open at one service process (default of `SOMA_MAX_STREAMS_PER_CALLER`).
MAX_STREAMS_PER_CALLER = 64

#: Requests per second each caller (the token's actor, else its subject) may make at one service, sustained, and
#: the burst it may make at once: the defaults of `SOMA_RATE_LIMIT_CALLER_RPS` and `_BURST` (0 turns it off).
RATE_LIMIT_CALLER_RPS = 200.0
RATE_LIMIT_CALLER_BURST = 400
#: The same for all the callers of one tenant together (`SOMA_RATE_LIMIT_TENANT_RPS`, `_BURST`).
RATE_LIMIT_TENANT_RPS = 1000.0
RATE_LIMIT_TENANT_BURST = 2000
#: The same for the public RPCs (sign-in, keys, contract info), which have no caller yet, per network address
#: (`SOMA_RATE_LIMIT_ADDRESS_RPS`, `_BURST`): sign-in is the surface of password guessing.
RATE_LIMIT_ADDRESS_RPS = 20.0
RATE_LIMIT_ADDRESS_BURST = 60
