/** Tenant admin: tenants (platform operators), users, memberships and their capabilities, tokens. */

import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Membership, Role, type User, UserState } from "@soma/proto/soma/identity/v1/identity_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { isConflict } from "../lib/errors";
import { can } from "../lib/identity";
import { useAsync } from "../lib/use-async";

const ROLES = [Role.MEMBER, Role.ADMIN, Role.OWNER] as const;
const roleName = (role: Role) => Role[role] ?? `role ${role}`;

export function AdminView() {
  const { identity, tenant } = useConsole();
  // Creating a user also creates their membership: the memberships list reads again when users change.
  const [usersChanged, setUsersChanged] = useState(0);
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Tenant admin
      </h1>
      {identity.tenant === "*" && <Tenants />}
      {tenant ? (
        <>
          <Users tenant={tenant} onChanged={() => setUsersChanged((n) => n + 1)} />
          <Memberships tenant={tenant} version={usersChanged} />
        </>
      ) : (
        <Empty>Choose or create a tenant above to manage its users.</Empty>
      )}
    </section>
  );
}

function Tenants() {
  const { api, tenant, setTenant, identity } = useConsole();
  const tenants = useAsync((signal) => api.identity.listTenants({ pageSize: 100 }, { signal }), []);
  const [id, setId] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await api.identity.createTenant({ tenantId: id.trim(), tenant: { displayName: displayName.trim() } });
      setTenant(id.trim());
      setId("");
      setDisplayName("");
      await tenants.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="tenants-title">
      <h2 id="tenants-title">Tenants</h2>
      {tenants.state.status === "loading" && <Loading what="tenants" />}
      {tenants.state.status === "error" && <ErrorNotice error={tenants.state.error} onRetry={tenants.reload} />}
      {tenants.state.status === "ready" &&
        (tenants.state.value.tenants.length === 0 ? (
          <Empty>No tenants yet: create the first one below.</Empty>
        ) : (
          <table>
            <TableHead caption="Tenants" columns={["Tenant", "Name", "Created"]} actions />
            <tbody>
              {tenants.state.value.tenants.map((t) => {
                const tid = t.name.replace(/^tenants\//, "");
                return (
                  <tr key={t.name}>
                    <td>
                      <code>{tid}</code>
                    </td>
                    <td>{t.displayName}</td>
                    <td>{t.createTime ? timestampDate(t.createTime).toLocaleString() : "—"}</td>
                    <td>
                      {tid === tenant ? (
                        <span class="badge ok">in view</span>
                      ) : (
                        <button type="button" onClick={() => setTenant(tid)} aria-label={`Open tenant ${tid}`}>
                          Open
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      {can(identity, "platform.tenants.write") && (
        <form onSubmit={create} aria-labelledby="new-tenant-title">
          <h3 id="new-tenant-title">New tenant</h3>
          <label for="tenant-id">Tenant id</label>
          <input id="tenant-id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
          <label for="tenant-name">Display name</label>
          <input id="tenant-name" required value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Create tenant
            </button>
          </div>
          {failure !== undefined && <ErrorNotice error={failure} title="The tenant was not created" />}
        </form>
      )}
    </section>
  );
}

function Users({ tenant, onChanged }: { tenant: string; onChanged: () => void }) {
  const { api, identity } = useConsole();
  const parent = `tenants/${tenant}`;
  const users = useAsync((signal) => api.identity.listUsers({ parent, pageSize: 100 }, { signal }), [parent]);
  const [failure, setFailure] = useState<unknown>();
  const [issued, setIssued] = useState<{ user: string; token: string } | undefined>();
  const [form, setForm] = useState({ id: "", displayName: "", email: "", role: Role.MEMBER });
  const mayWrite = can(identity, "identity.users.write");

  const create = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await api.identity.createUser({
        parent,
        userId: form.id.trim(),
        user: { displayName: form.displayName.trim(), email: form.email.trim() },
        role: form.role,
      });
      setForm({ id: "", displayName: "", email: "", role: Role.MEMBER });
      await users.reload();
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };

  const act = async (run: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await run();
      await users.reload();
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users of {tenant}</h2>
      {users.state.status === "loading" && <Loading what="users" />}
      {users.state.status === "error" && <ErrorNotice error={users.state.error} onRetry={users.reload} />}
      {users.state.status === "ready" &&
        (users.state.value.users.length === 0 ? (
          <Empty>No users in this tenant yet.</Empty>
        ) : (
          <table>
            <TableHead caption="Users" columns={["User", "Name", "Email", "State"]} actions />
            <tbody>
              {users.state.value.users.map((u: User) => {
                const uid = u.name.split("/").at(-1) ?? u.name;
                return (
                  <tr key={u.name} data-user={uid}>
                    <td>
                      <code>{uid}</code>
                    </td>
                    <td>{u.displayName}</td>
                    <td>{u.email}</td>
                    <td>
                      <span class={`badge ${u.state === UserState.ACTIVE ? "ok" : "bad"}`}>
                        {UserState[u.state]?.toLowerCase()}
                      </span>
                    </td>
                    <td>
                      <div class="actions">
                      {can(identity, "identity.tokens.issue") && (
                        <button
                          type="button"
                          aria-label={`Issue a token for ${uid}`}
                          onClick={() =>
                            act(async () => {
                              const response = await api.identity.issueToken({ user: u.name });
                              setIssued({ user: uid, token: response.accessToken });
                            })
                          }
                        >
                          Issue token
                        </button>
                      )}
                      {mayWrite && u.state === UserState.ACTIVE && (
                        <button
                          type="button"
                          class="danger"
                          aria-label={`Disable ${uid}`}
                          onClick={() => confirm(`Disable ${uid}?`) && act(() => api.identity.disableUser({ name: u.name }))}
                        >
                          Disable
                        </button>
                      )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      {issued && (
        <div class="notice ok" role="status">
          <label for="issued-token">Token for {issued.user} (copy it now; it is not shown again)</label>
          <textarea id="issued-token" class="token-output" rows={3} readOnly value={issued.token} data-user={issued.user} />
        </div>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {mayWrite && (
        <form onSubmit={create} aria-labelledby="new-user-title">
          <h3 id="new-user-title">New user</h3>
          <label for="user-id">User id</label>
          <input id="user-id" required value={form.id} onInput={(e) => setForm({ ...form, id: e.currentTarget.value })} />
          <label for="user-name">Display name</label>
          <input id="user-name" value={form.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
          <label for="user-email">Email</label>
          <input id="user-email" type="email" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
          <label for="user-role">Role</label>
          <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: Number(e.currentTarget.value) as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r).toLowerCase()}
              </option>
            ))}
          </select>
          <div class="actions">
            <button type="submit" class="primary">
              Create user
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Memberships({ tenant, version }: { tenant: string; version: number }) {
  const { api } = useConsole();
  const parent = `tenants/${tenant}`;
  const memberships = useAsync((signal) => api.identity.listMemberships({ parent, pageSize: 100 }, { signal }), [parent, version]);
  return (
    <section aria-labelledby="memberships-title">
      <h2 id="memberships-title">Memberships and capabilities</h2>
      {memberships.state.status === "loading" && <Loading what="memberships" />}
      {memberships.state.status === "error" && <ErrorNotice error={memberships.state.error} onRetry={memberships.reload} />}
      {memberships.state.status === "ready" &&
        (memberships.state.value.memberships.length === 0 ? (
          <Empty>No memberships yet: every user created here gets one.</Empty>
        ) : (
          <div class="grid">
            {memberships.state.value.memberships.map((m) => (
              <MembershipEditor key={`${m.name}:${m.etag}`} membership={m} onSaved={memberships.reload} />
            ))}
          </div>
        ))}
    </section>
  );
}

function MembershipEditor({ membership, onSaved }: { membership: Membership; onSaved: () => Promise<void> }) {
  const { api, identity } = useConsole();
  const uid = membership.name.split("/").at(-1) ?? membership.name;
  const [role, setRole] = useState(membership.role);
  const [extras, setExtras] = useState(membership.extraCapabilities.join(", "));
  const [failure, setFailure] = useState<unknown>();
  const mayWrite = can(identity, "identity.memberships.write");

  const save = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      await api.identity.updateMembership({
        membership: {
          name: membership.name,
          role,
          extraCapabilities: extras.split(/[,\s]+/).filter(Boolean),
        },
        etag: membership.etag,
      });
      await onSaved();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <form class="card" onSubmit={save} aria-label={`Membership of ${uid}`} data-membership={uid}>
      <h3>
        <code>{uid}</code> · {roleName(membership.role).toLowerCase()}
      </h3>
      <details>
        <summary>{membership.capabilities.length} capabilities in effect</summary>
        <ul>
          {membership.capabilities.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      </details>
      {mayWrite && (
        <>
          <label for={`role-${uid}`}>Role</label>
          <select id={`role-${uid}`} value={role} onChange={(e) => setRole(Number(e.currentTarget.value) as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r).toLowerCase()}
              </option>
            ))}
          </select>
          <label for={`extras-${uid}`}>Extra capabilities (comma-separated)</label>
          <input id={`extras-${uid}`} value={extras} onInput={(e) => setExtras(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit">Save membership</button>
          </div>
        </>
      )}
      {failure !== undefined &&
        (isConflict(failure) ? (
          <div class="notice conflict" role="alert">
            This membership changed since you opened it; nothing was saved.{" "}
            <button type="button" onClick={() => void onSaved()}>
              Reload
            </button>
          </div>
        ) : (
          <ErrorNotice error={failure} title="The membership was not saved" />
        ))}
    </form>
  );
}
