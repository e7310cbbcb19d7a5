from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ErrorReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ERROR_REASON_UNSPECIFIED: _ClassVar[ErrorReason]
    ERROR_REASON_FIELD_INVALID: _ClassVar[ErrorReason]
    ERROR_REASON_TOKEN_MISSING: _ClassVar[ErrorReason]
    ERROR_REASON_TOKEN_EXPIRED: _ClassVar[ErrorReason]
    ERROR_REASON_TOKEN_INVALID: _ClassVar[ErrorReason]
    ERROR_REASON_CAPABILITY_MISSING: _ClassVar[ErrorReason]
    ERROR_REASON_TENANT_MISMATCH: _ClassVar[ErrorReason]
    ERROR_REASON_TENANT_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_TENANT_EXISTS: _ClassVar[ErrorReason]
    ERROR_REASON_USER_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_USER_EXISTS: _ClassVar[ErrorReason]
    ERROR_REASON_MEMBERSHIP_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_ETAG_MISMATCH: _ClassVar[ErrorReason]
    ERROR_REASON_GRANT_NOT_ALLOWED: _ClassVar[ErrorReason]
    ERROR_REASON_USER_DISABLED: _ClassVar[ErrorReason]
    ERROR_REASON_TRAINING_LOCK_HELD: _ClassVar[ErrorReason]
    ERROR_REASON_TRAINING_LOCK_NOT_HELD: _ClassVar[ErrorReason]
    ERROR_REASON_CONTRACT_VERSION_UNSUPPORTED: _ClassVar[ErrorReason]
    ERROR_REASON_SERVICE_UNAVAILABLE: _ClassVar[ErrorReason]
    ERROR_REASON_INTERNAL: _ClassVar[ErrorReason]
    ERROR_REASON_LAST_OWNER: _ClassVar[ErrorReason]
    ERROR_REASON_MEMORY_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_REQUEST_ID_REUSED: _ClassVar[ErrorReason]
    ERROR_REASON_CONSTITUTION_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_CONSTITUTION_SIGNATURE_INVALID: _ClassVar[ErrorReason]
    ERROR_REASON_CONSTITUTION_QUORUM_NOT_MET: _ClassVar[ErrorReason]
    ERROR_REASON_CONSTITUTION_VERSION_EXISTS: _ClassVar[ErrorReason]
    ERROR_REASON_CONSTITUTION_CHECKSUM_MISMATCH: _ClassVar[ErrorReason]
    ERROR_REASON_INFERENCE_NOT_FOUND: _ClassVar[ErrorReason]
    ERROR_REASON_PROVIDER_NOT_ALLOWED: _ClassVar[ErrorReason]
    ERROR_REASON_GUARDRAIL_VIOLATED: _ClassVar[ErrorReason]
    ERROR_REASON_MODEL_PROFILE_NOT_FOUND: _ClassVar[ErrorReason]
ERROR_REASON_UNSPECIFIED: ErrorReason
ERROR_REASON_FIELD_INVALID: ErrorReason
ERROR_REASON_TOKEN_MISSING: ErrorReason
ERROR_REASON_TOKEN_EXPIRED: ErrorReason
ERROR_REASON_TOKEN_INVALID: ErrorReason
ERROR_REASON_CAPABILITY_MISSING: ErrorReason
ERROR_REASON_TENANT_MISMATCH: ErrorReason
ERROR_REASON_TENANT_NOT_FOUND: ErrorReason
ERROR_REASON_TENANT_EXISTS: ErrorReason
ERROR_REASON_USER_NOT_FOUND: ErrorReason
ERROR_REASON_USER_EXISTS: ErrorReason
ERROR_REASON_MEMBERSHIP_NOT_FOUND: ErrorReason
ERROR_REASON_ETAG_MISMATCH: ErrorReason
ERROR_REASON_GRANT_NOT_ALLOWED: ErrorReason
ERROR_REASON_USER_DISABLED: ErrorReason
ERROR_REASON_TRAINING_LOCK_HELD: ErrorReason
ERROR_REASON_TRAINING_LOCK_NOT_HELD: ErrorReason
ERROR_REASON_CONTRACT_VERSION_UNSUPPORTED: ErrorReason
ERROR_REASON_SERVICE_UNAVAILABLE: ErrorReason
ERROR_REASON_INTERNAL: ErrorReason
ERROR_REASON_LAST_OWNER: ErrorReason
ERROR_REASON_MEMORY_NOT_FOUND: ErrorReason
ERROR_REASON_REQUEST_ID_REUSED: ErrorReason
ERROR_REASON_CONSTITUTION_NOT_FOUND: ErrorReason
ERROR_REASON_CONSTITUTION_SIGNATURE_INVALID: ErrorReason
ERROR_REASON_CONSTITUTION_QUORUM_NOT_MET: ErrorReason
ERROR_REASON_CONSTITUTION_VERSION_EXISTS: ErrorReason
ERROR_REASON_CONSTITUTION_CHECKSUM_MISMATCH: ErrorReason
ERROR_REASON_INFERENCE_NOT_FOUND: ErrorReason
ERROR_REASON_PROVIDER_NOT_ALLOWED: ErrorReason
ERROR_REASON_GUARDRAIL_VIOLATED: ErrorReason
ERROR_REASON_MODEL_PROFILE_NOT_FOUND: ErrorReason

class PageRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...
