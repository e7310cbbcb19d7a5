"""Error statuses carry bounded text whatever an error quotes, and undecodable bodies become INVALID_ARGUMENT."""

from __future__ import annotations

from google.rpc import error_details_pb2

from soma.identity.v1 import identity_service_pb2
from somastack.platform.errors import DomainError, FieldViolation, InvalidArgument, NotFound
from somastack.platform.limits import MAX_MESSAGE_BYTES
from somastack.runtime.decoding import BODY, Undecodable, tolerant
from somastack.runtime.status import MAX_TEXT, MAX_VIOLATIONS, bounded, to_rpc_status


def _details(status: object) -> list[object]:
    unpacked: list[object] = []
    for holder in status.details:  # type: ignore[attr-defined]
        for kind in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest, error_details_pb2.ResourceInfo):
            if holder.Is(kind.DESCRIPTOR):
                message = kind()
                holder.Unpack(message)
                unpacked.append(message)
    return unpacked


def test_short_text_is_kept_and_long_text_is_cut_and_says_how_much() -> None:
    assert bounded("name") == "name"
    cut = bounded("x" * 5000)
    assert cut.startswith("x" * MAX_TEXT) and cut.endswith(f"({5000 - MAX_TEXT} more characters)")
    assert len(cut) < MAX_TEXT + 40


def test_every_text_of_a_status_is_bounded() -> None:
    huge = "y" * 100_000
    error = InvalidArgument(*(FieldViolation(huge, huge) for _ in range(MAX_VIOLATIONS + 5)))
    error.metadata = {huge: huge}
    status = to_rpc_status(error, domain="soma.test", request_id=huge)
    assert len(status.SerializeToString()) < 64 * 1024
    info, bad = _details(status)
    assert isinstance(info, error_details_pb2.ErrorInfo) and isinstance(bad, error_details_pb2.BadRequest)
    assert all(len(key) < 100 and len(value) < 300 for key, value in info.metadata.items())
    assert len(bad.field_violations) == MAX_VIOLATIONS + 1
    assert bad.field_violations[-1].description == "and 5 more"
    missing = to_rpc_status(NotFound("USER_NOT_FOUND", "user", huge), domain="soma.test", request_id="r")
    resource = _details(missing)[1]
    assert isinstance(resource, error_details_pb2.ResourceInfo) and len(resource.resource_name) < 300
    assert len(missing.message) < MAX_TEXT + 40


def test_an_error_with_short_texts_is_unchanged() -> None:
    error = DomainError("TENANT_MISMATCH", "the token belongs to tenant 'a'", metadata={"field": "name"})
    status = to_rpc_status(error, domain="soma.test", request_id="req-1")
    info = _details(status)[0]
    assert status.message == "the token belongs to tenant 'a'"
    assert isinstance(info, error_details_pb2.ErrorInfo)
    assert dict(info.metadata) == {"field": "name", "requestId": "req-1"}


def test_the_tolerant_deserializer_turns_what_it_cannot_decode_into_an_invalid_argument() -> None:
    decode = tolerant(identity_service_pb2.GetUserRequest.FromString)
    assert decode is not None and tolerant(None) is None
    good = identity_service_pb2.GetUserRequest(name="tenants/a/users/b")
    assert decode(good.SerializeToString()) == good
    for body in (b"\x0a\x05ab", b"\x0a\x02\xff\xfe", b"\xff" * 11):
        refused = decode(body)
        assert isinstance(refused, Undecodable)
        assert refused.empty == identity_service_pb2.GetUserRequest()
        error = refused.error()
        assert [v.field for v in error.violations] == [BODY]
        assert "soma.identity.v1.GetUserRequest" in error.message


def test_a_body_over_the_message_limit_is_refused_unparsed() -> None:
    parsed: list[bytes] = []

    def parse(data: bytes) -> identity_service_pb2.GetUserRequest:
        parsed.append(data)
        return identity_service_pb2.GetUserRequest.FromString(data)

    decode = tolerant(parse)
    assert decode is not None
    at_limit = identity_service_pb2.GetUserRequest(name="n" * (MAX_MESSAGE_BYTES - 8)).SerializeToString()
    assert len(at_limit) <= MAX_MESSAGE_BYTES and decode(at_limit).name.startswith("nnn")
    parsed.clear()
    refused = decode(at_limit + b"\x0a\x01x" * 4)
    assert isinstance(refused, Undecodable) and parsed == []
    assert "over the limit of 4,194,304" in refused.error().violations[0].description
