"""Resource names and paging tokens."""

import pytest

from somastack.platform import names, paging
from somastack.platform.errors import InvalidArgument


def test_parse_returns_the_variables() -> None:
    assert names.parse("tenants/acme/users/bob", "tenants/{tenant}/users/{user}", field="name") == {
        "tenant": "acme",
        "user": "bob",
    }


@pytest.mark.parametrize(
    "value",
    [
        "",
        "tenants/acme",
        "tenants/acme/users/",
        "tenants/ACME/users/bob",
        "tenants/acme/groups/bob",
        "tenants/acme/users/bob/extra",
        "tenants/a/users/bob",
        "tenants/acme/users/-bob",
    ],
)
def test_parse_rejects_malformed_names_naming_the_field(value: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        names.parse(value, "tenants/{tenant}/users/{user}", field="name")
    assert caught.value.violations[0].field == "name"
    assert caught.value.reason == "FIELD_INVALID"


def test_tenant_of() -> None:
    assert names.tenant_of("tenants/acme/users/bob") == "acme"
    assert names.tenant_of("tenants/acme") == "acme"
    assert names.tenant_of("users/bob") is None
    assert names.tenant_of("tenants/") is None


@pytest.mark.parametrize("tenant_id", ["ab", "a" * 41, "1acme", "acme-", "Acme", "ac_me"])
def test_bad_tenant_ids(tenant_id: str) -> None:
    with pytest.raises(InvalidArgument):
        names.check_id(tenant_id, field="tenant_id", tenant=True)


def test_page_tokens_round_trip_and_reject_forgeries() -> None:
    assert paging.decode_token(paging.encode_token("bob")) == "bob"
    assert paging.decode_token("") == ""
    with pytest.raises(InvalidArgument) as caught:
        paging.decode_token("not-a-token!")
    assert caught.value.violations[0].field == "page_token"


def test_page_size_defaults_caps_and_rejects_negatives() -> None:
    assert paging.page_size(0) == 50
    assert paging.page_size(10_000) == 500
    with pytest.raises(InvalidArgument):
        paging.page_size(-1)
    assert paging.next_token(["a", "b", "c"], 2) == paging.encode_token("b")
    assert paging.next_token(["a", "b"], 2) == ""
