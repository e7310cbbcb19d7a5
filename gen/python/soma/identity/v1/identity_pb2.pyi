import datetime

from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from soma.common.v1 import event_pb2 as _event_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UserState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_STATE_UNSPECIFIED: _ClassVar[UserState]
    USER_STATE_ACTIVE: _ClassVar[UserState]
    USER_STATE_DISABLED: _ClassVar[UserState]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_MEMBER: _ClassVar[Role]
    ROLE_ADMIN: _ClassVar[Role]
    ROLE_OWNER: _ClassVar[Role]

class RevocationCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REVOCATION_CAUSE_UNSPECIFIED: _ClassVar[RevocationCause]
    REVOCATION_CAUSE_USER_DISABLED: _ClassVar[RevocationCause]
    REVOCATION_CAUSE_MEMBERSHIP_LOWERED: _ClassVar[RevocationCause]
    REVOCATION_CAUSE_SIGNED_OUT: _ClassVar[RevocationCause]
    REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED: _ClassVar[RevocationCause]

class UserClaimMatch(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_CLAIM_MATCH_UNSPECIFIED: _ClassVar[UserClaimMatch]
    USER_CLAIM_MATCH_EMAIL: _ClassVar[UserClaimMatch]
    USER_CLAIM_MATCH_USER_ID: _ClassVar[UserClaimMatch]

class SignInMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIGN_IN_METHOD_UNSPECIFIED: _ClassVar[SignInMethod]
    SIGN_IN_METHOD_PASSWORD: _ClassVar[SignInMethod]
    SIGN_IN_METHOD_PASSWORD_TOTP: _ClassVar[SignInMethod]
    SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE: _ClassVar[SignInMethod]
    SIGN_IN_METHOD_OIDC: _ClassVar[SignInMethod]

class TotpState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOTP_STATE_UNSPECIFIED: _ClassVar[TotpState]
    TOTP_STATE_NONE: _ClassVar[TotpState]
    TOTP_STATE_PENDING: _ClassVar[TotpState]
    TOTP_STATE_CONFIRMED: _ClassVar[TotpState]
USER_STATE_UNSPECIFIED: UserState
USER_STATE_ACTIVE: UserState
USER_STATE_DISABLED: UserState
ROLE_UNSPECIFIED: Role
ROLE_MEMBER: Role
ROLE_ADMIN: Role
ROLE_OWNER: Role
REVOCATION_CAUSE_UNSPECIFIED: RevocationCause
REVOCATION_CAUSE_USER_DISABLED: RevocationCause
REVOCATION_CAUSE_MEMBERSHIP_LOWERED: RevocationCause
REVOCATION_CAUSE_SIGNED_OUT: RevocationCause
REVOCATION_CAUSE_SIGN_IN_SESSION_ENDED: RevocationCause
USER_CLAIM_MATCH_UNSPECIFIED: UserClaimMatch
USER_CLAIM_MATCH_EMAIL: UserClaimMatch
USER_CLAIM_MATCH_USER_ID: UserClaimMatch
SIGN_IN_METHOD_UNSPECIFIED: SignInMethod
SIGN_IN_METHOD_PASSWORD: SignInMethod
SIGN_IN_METHOD_PASSWORD_TOTP: SignInMethod
SIGN_IN_METHOD_PASSWORD_RECOVERY_CODE: SignInMethod
SIGN_IN_METHOD_OIDC: SignInMethod
TOTP_STATE_UNSPECIFIED: TotpState
TOTP_STATE_NONE: TotpState
TOTP_STATE_PENDING: TotpState
TOTP_STATE_CONFIRMED: TotpState

class Tenant(_message.Message):
    __slots__ = ("name", "display_name", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class User(_message.Message):
    __slots__ = ("name", "display_name", "email", "state", "create_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    email: str
    state: UserState
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., email: _Optional[str] = ..., state: _Optional[_Union[UserState, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Membership(_message.Message):
    __slots__ = ("name", "user", "role", "extra_capabilities", "capabilities", "etag", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    EXTRA_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    user: str
    role: Role
    extra_capabilities: _containers.RepeatedScalarFieldContainer[str]
    capabilities: _containers.RepeatedScalarFieldContainer[str]
    etag: str
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., user: _Optional[str] = ..., role: _Optional[_Union[Role, str]] = ..., extra_capabilities: _Optional[_Iterable[str]] = ..., capabilities: _Optional[_Iterable[str]] = ..., etag: _Optional[str] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class JsonWebKey(_message.Message):
    __slots__ = ("kty", "crv", "x", "kid", "alg", "use")
    KTY_FIELD_NUMBER: _ClassVar[int]
    CRV_FIELD_NUMBER: _ClassVar[int]
    X_FIELD_NUMBER: _ClassVar[int]
    KID_FIELD_NUMBER: _ClassVar[int]
    ALG_FIELD_NUMBER: _ClassVar[int]
    USE_FIELD_NUMBER: _ClassVar[int]
    kty: str
    crv: str
    x: str
    kid: str
    alg: str
    use: str
    def __init__(self, kty: _Optional[str] = ..., crv: _Optional[str] = ..., x: _Optional[str] = ..., kid: _Optional[str] = ..., alg: _Optional[str] = ..., use: _Optional[str] = ...) -> None: ...

class TrainingLock(_message.Message):
    __slots__ = ("name", "held", "holder", "acquire_time", "expire_time", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    HOLDER_FIELD_NUMBER: _ClassVar[int]
    ACQUIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    held: bool
    holder: str
    acquire_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    reason: str
    def __init__(self, name: _Optional[str] = ..., held: _Optional[bool] = ..., holder: _Optional[str] = ..., acquire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class TokenRevocation(_message.Message):
    __slots__ = ("tenant", "subject", "not_before", "cause", "sign_in_session")
    TENANT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    SIGN_IN_SESSION_FIELD_NUMBER: _ClassVar[int]
    tenant: str
    subject: str
    not_before: _timestamp_pb2.Timestamp
    cause: RevocationCause
    sign_in_session: str
    def __init__(self, tenant: _Optional[str] = ..., subject: _Optional[str] = ..., not_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cause: _Optional[_Union[RevocationCause, str]] = ..., sign_in_session: _Optional[str] = ...) -> None: ...

class TokensRevoked(_message.Message):
    __slots__ = ("revocation",)
    REVOCATION_FIELD_NUMBER: _ClassVar[int]
    revocation: TokenRevocation
    def __init__(self, revocation: _Optional[_Union[TokenRevocation, _Mapping]] = ...) -> None: ...

class OidcProvider(_message.Message):
    __slots__ = ("name", "issuer", "audience", "jwks_url", "user_claim", "user_claim_match", "auto_provision", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    JWKS_URL_FIELD_NUMBER: _ClassVar[int]
    USER_CLAIM_FIELD_NUMBER: _ClassVar[int]
    USER_CLAIM_MATCH_FIELD_NUMBER: _ClassVar[int]
    AUTO_PROVISION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    issuer: str
    audience: str
    jwks_url: str
    user_claim: str
    user_claim_match: UserClaimMatch
    auto_provision: bool
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., issuer: _Optional[str] = ..., audience: _Optional[str] = ..., jwks_url: _Optional[str] = ..., user_claim: _Optional[str] = ..., user_claim_match: _Optional[_Union[UserClaimMatch, str]] = ..., auto_provision: _Optional[bool] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SignInSession(_message.Message):
    __slots__ = ("name", "method", "user_agent", "create_time", "last_refresh_time", "expire_time", "current")
    NAME_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_REFRESH_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    method: SignInMethod
    user_agent: str
    create_time: _timestamp_pb2.Timestamp
    last_refresh_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    current: bool
    def __init__(self, name: _Optional[str] = ..., method: _Optional[_Union[SignInMethod, str]] = ..., user_agent: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_refresh_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., current: _Optional[bool] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("name", "password_set", "password_update_time", "totp_state", "recovery_codes_left")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_SET_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    TOTP_STATE_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_CODES_LEFT_FIELD_NUMBER: _ClassVar[int]
    name: str
    password_set: bool
    password_update_time: _timestamp_pb2.Timestamp
    totp_state: TotpState
    recovery_codes_left: int
    def __init__(self, name: _Optional[str] = ..., password_set: _Optional[bool] = ..., password_update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., totp_state: _Optional[_Union[TotpState, str]] = ..., recovery_codes_left: _Optional[int] = ...) -> None: ...

class SignInOptions(_message.Message):
    __slots__ = ("name", "password", "single_sign_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    SINGLE_SIGN_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    password: bool
    single_sign_on: SingleSignOn
    def __init__(self, name: _Optional[str] = ..., password: _Optional[bool] = ..., single_sign_on: _Optional[_Union[SingleSignOn, _Mapping]] = ...) -> None: ...

class SingleSignOn(_message.Message):
    __slots__ = ("issuer", "client_id")
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    issuer: str
    client_id: str
    def __init__(self, issuer: _Optional[str] = ..., client_id: _Optional[str] = ...) -> None: ...
