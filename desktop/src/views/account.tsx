/** Account & security: the signed-in user's password, second factor (TOTP with recovery codes) and signed-in devices. */

import { timestampDate } from "@bufbuild/protobuf/wkt";
import { SignInMethod, TotpState } from "@soma/proto/soma/identity/v1/identity_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { useAsync } from "../lib/use-async";

const METHODS: Record<number, string> = {
  [SignInMethod.PASSWORD]: "Password",
  [SignInMethod.PASSWORD_TOTP]: "Password and authentication code",
  [SignInMethod.PASSWORD_RECOVERY_CODE]: "Password and recovery code",
  [SignInMethod.OIDC]: "Single sign-on",
};

export function AccountView() {
  const { identity } = useConsole();
  const [version, setVersion] = useState(0);
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Account &amp; security
      </h1>
      {identity.user ? (
        <>
          <AccountState user={identity.subject} version={version} />
          <ChangePassword user={identity.subject} />
          <TwoFactor user={identity.subject} onChanged={() => setVersion((n) => n + 1)} />
          <Devices user={identity.subject} />
        </>
      ) : (
        <Empty>This token's subject ({identity.subject}) is not a user: it has no account to manage here.</Empty>
      )}
    </section>
  );
}

function AccountState({ user, version }: { user: string; version: number }) {
  const { api } = useConsole();
  const account = useAsync((signal) => api.identity.getAccount({ name: `${user}/account` }, { signal }), [user, version]);
  if (account.state.status === "loading") return <Loading what="your account" />;
  if (account.state.status === "error") return <ErrorNotice error={account.state.error} onRetry={account.reload} />;
  const state = account.state.value.account;
  const totp = state?.totpState ?? TotpState.NONE;
  return (
    <dl class="facts" data-testid="account-state">
      <dt>Password</dt>
      <dd>
        {state?.passwordSet
          ? `set${state.passwordUpdateTime ? `, changed ${timestampDate(state.passwordUpdateTime).toLocaleString()}` : ""}`
          : "not set"}
      </dd>
      <dt>Two-factor authentication</dt>
      <dd data-testid="totp-state">
        {totp === TotpState.CONFIRMED ? `on (${state?.recoveryCodesLeft ?? 0} recovery codes left)` : totp === TotpState.PENDING ? "enrolment not confirmed" : "off"}
      </dd>
    </dl>
  );
}

function ChangePassword({ user }: { user: string }) {
  const { api } = useConsole();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [result, setResult] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setResult(undefined);
    setDone(false);
    try {
      await api.identity.changePassword({ user, currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent("");
      setNext("");
    } catch (error) {
      setResult(error);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <label for="current-password">Current password</label>
      <input id="current-password" type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
      <label for="new-password">New password (12 characters or more)</label>
      <input id="new-password" type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
      {result !== undefined && <ErrorNotice error={result} title="The password was not changed" />}
      {done && (
        <p class="notice ok" role="status">
          Password changed. Your other devices were signed out.
        </p>
      )}
      <div class="actions">
        <button type="submit">Change password</button>
      </div>
    </form>
  );
}

function TwoFactor({ user, onChanged }: { user: string; onChanged: () => void }) {
  const { api } = useConsole();
  const [enrolment, setEnrolment] = useState<{ uri: string; secret: string } | undefined>();
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>();

  const enrol = async () => {
    setFailure(undefined);
    try {
      const answer = await api.identity.enrollTotp({ user });
      setEnrolment({ uri: answer.otpauthUri, secret: answer.secret });
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  const confirm = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      const answer = await api.identity.confirmTotp({ user, code: code.trim() });
      setCodes(answer.recoveryCodes);
      setEnrolment(undefined);
      setCode("");
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <div aria-labelledby="totp-title">
      <h2 id="totp-title">Two-factor authentication</h2>
      {!enrolment && codes.length === 0 && (
        <div class="actions">
          <button type="button" onClick={enrol}>
            Set up an authenticator app
          </button>
        </div>
      )}
      {enrolment && (
        <form onSubmit={confirm}>
          <p>
            Add this account to your authenticator app: open <a href={enrolment.uri}>the otpauth link</a> on your phone,
            or type the key by hand.
          </p>
          <p>
            Key: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <label for="totp-code">Code shown by the app</label>
          <input id="totp-code" inputMode="numeric" autocomplete="one-time-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" class="primary">
              Turn on two-factor authentication
            </button>
          </div>
        </form>
      )}
      {codes.length > 0 && (
        <div class="notice ok" role="status">
          <p>Two-factor authentication is on. Keep these recovery codes somewhere safe: each works once, and they are shown only now.</p>
          <ul class="plain recovery-codes" aria-label="Recovery codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <a download="somastack-recovery-codes.txt" href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join("\n")}\n`)}`}>
            Download the recovery codes
          </a>
        </div>
      )}
      {failure !== undefined && <ErrorNotice error={failure} title="Two-factor authentication" />}
    </div>
  );
}

function Devices({ user }: { user: string }) {
  const { api, signOut } = useConsole();
  const sessions = useAsync((signal) => api.identity.listSignInSessions({ parent: user, pageSize: 100 }, { signal }), [user]);
  const [failure, setFailure] = useState<unknown>();

  const revoke = async (name: string, current: boolean) => {
    setFailure(undefined);
    try {
      await api.identity.revokeSignInSession({ name });
      if (current) signOut();
      else await sessions.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <div aria-labelledby="devices-title">
      <h2 id="devices-title">Signed-in devices</h2>
      {sessions.state.status === "loading" && <Loading what="your devices" />}
      {sessions.state.status === "error" && <ErrorNotice error={sessions.state.error} onRetry={sessions.reload} />}
      {sessions.state.status === "ready" && sessions.state.value.signInSessions.length === 0 && (
        <Empty>No device is signed in with a password or single sign-on.</Empty>
      )}
      {sessions.state.status === "ready" && sessions.state.value.signInSessions.length > 0 && (
        <table data-testid="devices">
          <TableHead caption="Signed-in devices" columns={["Device", "Signed in with", "Signed in", "Last active"]} actions />
          <tbody>
            {sessions.state.value.signInSessions.map((s) => (
              <tr key={s.name} data-session={s.name} data-current={s.current ? "true" : undefined}>
                <td>
                  {s.userAgent || "unknown client"}
                  {s.current && <strong> (this device)</strong>}
                </td>
                <td>{METHODS[s.method] ?? "unknown"}</td>
                <td>{s.createTime ? timestampDate(s.createTime).toLocaleString() : ""}</td>
                <td>{s.lastRefreshTime ? timestampDate(s.lastRefreshTime).toLocaleString() : "—"}</td>
                <td>
                  <button type="button" onClick={() => revoke(s.name, s.current)}>
                    {s.current ? "Sign out this device" : "Sign out"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure !== undefined && <ErrorNotice error={failure} title="The device was not signed out" />}
    </div>
  );
}
