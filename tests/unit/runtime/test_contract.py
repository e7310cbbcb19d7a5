"""The runtime reads authorization and validation rules from the descriptors."""

from soma.identity.v1 import identity_pb2
from soma.identity.v1 import identity_service_pb2 as pb
from somastack.registry import mesh_services
from somastack.runtime.contract import capability_catalogue, method_contracts

CONTRACTS = method_contracts(mesh_services())


def contract(method: str):  # type: ignore[no-untyped-def]
    return CONTRACTS[f"/soma.identity.v1.IdentityService/{method}"]


def test_capabilities_and_public_rpcs_come_from_the_method_option() -> None:
    assert contract("GetUser").capability == "identity.users.read"
    assert not contract("GetUser").public
    assert contract("GetJwks").public
    assert CONTRACTS["/soma.meta.v1.ContractService/GetContractInfo"].public


def test_tenant_fields_come_from_http_path_variables() -> None:
    assert contract("GetUser").tenant_fields == ("name",)
    assert contract("UpdateMembership").tenant_fields == ("membership.name",)
    assert contract("IssueToken").tenant_fields == ("user",)
    assert contract("ListTenants").tenant_fields == ()


def test_required_fields_are_reported_by_path() -> None:
    missing = contract("CreateTenant").required.violations(pb.CreateTenantRequest())
    assert [v.field for v in missing] == ["tenant_id", "tenant"]
    nested = contract("CreateTenant").required.violations(
        pb.CreateTenantRequest(tenant_id="acme", tenant=identity_pb2.Tenant())
    )
    assert [v.field for v in nested] == ["tenant.display_name"]
    enum_zero = contract("UpdateMembership").required.violations(
        pb.UpdateMembershipRequest(membership=identity_pb2.Membership(name="tenants/acme/memberships/bob"))
    )
    assert [v.field for v in enum_zero] == ["membership.role"]


def test_a_complete_request_has_no_violations() -> None:
    request = pb.GetUserRequest(name="tenants/acme/users/bob")
    assert contract("GetUser").required.violations(request) == []


def test_the_catalogue_holds_every_declared_capability() -> None:
    catalogue = capability_catalogue()
    assert {"identity.users.read", "platform.tenants.write", "training.lock"} <= catalogue
    assert all(c for c in catalogue)
