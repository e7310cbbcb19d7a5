/** Settings and the model-profile editor. A stale etag is shown as a conflict with a reload, never overwritten. */

import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type ModelProfile, type Settings } from "@soma/proto/soma/settings/v1/settings_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { TableHead } from "../components/table";
import { useConsole } from "../lib/console-context";
import { isConflict } from "../lib/errors";
import { can } from "../lib/identity";
import { useAsync } from "../lib/use-async";

export const PROFILE_ROLES = ["chat", "planning", "code", "embedding", "speech-recognition", "speech-synthesis"] as const;
const PROVIDERS = ["local", "openai", "anthropic", "ollama", "vllm", "openai-compatible"] as const;

/** `key=value` lines to a map; names the line that has no `=`. */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split("\n").forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const at = trimmed.indexOf("=");
    if (at <= 0) throw new Error(`attributes line ${i + 1}: expected key=value`);
    out[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  });
  return out;
}

export function Conflict({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <div class="notice conflict" role="alert" data-testid="conflict">
      <p>
        <strong>Conflict:</strong> {what} changed since you loaded it (someone else saved first). Nothing was saved.
        Reload to see the current version, then make your change again.
      </p>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}

export function SettingsView() {
  const { tenant } = useConsole();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Settings
      </h1>
      {tenant ? (
        <>
          <TenantSettings tenant={tenant} />
          <ModelProfiles tenant={tenant} />
        </>
      ) : (
        <Empty>Choose a tenant in Tenant admin first.</Empty>
      )}
    </section>
  );
}

function TenantSettings({ tenant }: { tenant: string }) {
  const { api } = useConsole();
  const name = `tenants/${tenant}/settings`;
  const loaded = useAsync(async (signal) => (await api.settings.getSettings({ name }, { signal })).settings, [name]);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">Tenant settings</h2>
      {loaded.state.status === "loading" && <Loading what="settings" />}
      {loaded.state.status === "error" && <ErrorNotice error={loaded.state.error} onRetry={loaded.reload} />}
      {loaded.state.status === "ready" && loaded.state.value && (
        <SettingsForm
          key={loaded.state.value.etag}
          settings={loaded.state.value}
          onReload={() => (setSaved(false), loaded.reload())}
          onSaving={() => setSaved(false)}
          onSaved={() => (setSaved(true), loaded.reload())}
        />
      )}
      {saved && (
        <p class="notice ok" role="status">
          Settings saved.
        </p>
      )}
    </section>
  );
}

function SettingsForm({
  settings,
  onReload,
  onSaving,
  onSaved,
}: {
  settings: Settings;
  onReload: () => Promise<void>;
  onSaving: () => void;
  onSaved: () => Promise<void>;
}) {
  const { api, identity } = useConsole();
  const [draft, setDraft] = useState({
    displayTimeZone: settings.displayTimeZone,
    dataRetentionDays: String(settings.dataRetentionDays),
    defaultLanguage: settings.defaultLanguage,
    attributes: Object.entries(settings.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  });
  const [failure, setFailure] = useState<unknown>();
  const mayWrite = can(identity, "settings.write");

  const save = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    onSaving();
    try {
      const days = Number(draft.dataRetentionDays || "0");
      if (!Number.isInteger(days)) throw new Error("data retention days: a whole number of days");
      await api.settings.updateSettings({
        settings: {
          name: settings.name,
          displayTimeZone: draft.displayTimeZone.trim(),
          dataRetentionDays: days,
          defaultLanguage: draft.defaultLanguage.trim(),
          attributes: parseAttributes(draft.attributes),
        },
        updateMask: { paths: ["display_time_zone", "data_retention_days", "default_language", "attributes"] },
        etag: settings.etag,
      });
      await onSaved();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <form onSubmit={save} aria-describedby="settings-meta">
      <p id="settings-meta" class="help">
        Version <code>{settings.etag.slice(0, 12) || "defaults"}</code>
        {settings.updateTime ? `, changed ${timestampDate(settings.updateTime).toLocaleString()}` : ", never changed"}.
      </p>
      <label for="tz">Display time zone</label>
      <input id="tz" value={draft.displayTimeZone} placeholder="UTC" onInput={(e) => setDraft({ ...draft, displayTimeZone: e.currentTarget.value })} />
      <label for="retention">Data retention (days, 0 keeps forever)</label>
      <input
        id="retention"
        type="number"
        min={0}
        max={36500}
        value={draft.dataRetentionDays}
        onInput={(e) => setDraft({ ...draft, dataRetentionDays: e.currentTarget.value })}
      />
      <label for="language">Default language</label>
      <input id="language" value={draft.defaultLanguage} placeholder="en" onInput={(e) => setDraft({ ...draft, defaultLanguage: e.currentTarget.value })} />
      <label for="attributes">Attributes (one key=value per line)</label>
      <textarea id="attributes" rows={3} value={draft.attributes} onInput={(e) => setDraft({ ...draft, attributes: e.currentTarget.value })} />
      {mayWrite && (
        <div class="actions">
          <button type="submit" class="primary">
            Save settings
          </button>
        </div>
      )}
      {failure !== undefined &&
        (isConflict(failure) ? (
          <Conflict what="The settings" onReload={() => void onReload()} />
        ) : (
          <ErrorNotice error={failure} title="The settings were not saved" />
        ))}
    </form>
  );
}

function ModelProfiles({ tenant }: { tenant: string }) {
  const { api } = useConsole();
  const parent = `tenants/${tenant}`;
  const profiles = useAsync((signal) => api.settings.listModelProfiles({ parent }, { signal }), [parent]);
  const [role, setRole] = useState<string>("chat");
  const [saved, setSaved] = useState("");
  return (
    <section aria-labelledby="profiles-title">
      <h2 id="profiles-title">Model profiles</h2>
      {profiles.state.status === "loading" && <Loading what="model profiles" />}
      {profiles.state.status === "error" && <ErrorNotice error={profiles.state.error} onRetry={profiles.reload} />}
      {profiles.state.status === "ready" && (
        <>
          {profiles.state.value.modelProfiles.length === 0 ? (
            <Empty>No model profiles: every role uses the mesh's default model.</Empty>
          ) : (
            <table>
              <TableHead caption="Model profiles" columns={["Role", "Provider", "Model", "Endpoint"]} />
              <tbody>
                {profiles.state.value.modelProfiles.map((p) => (
                  <tr key={p.name}>
                    <td>{p.name.split("/").at(-1)}</td>
                    <td>{p.provider}</td>
                    <td>{p.model}</td>
                    <td>{p.baseUrl || "provider default"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <label for="profile-role">Edit the profile of role</label>
          <select id="profile-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {PROFILE_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <ProfileEditor
            key={`${role}:${profiles.state.value.modelProfiles.find((p) => p.name.endsWith(`/${role}`))?.etag ?? ""}`}
            name={`${parent}/modelProfiles/${role}`}
            current={profiles.state.value.modelProfiles.find((p) => p.name === `${parent}/modelProfiles/${role}`)}
            onSaving={() => setSaved("")}
            onChanged={(done) => (setSaved(done), profiles.reload())}
          />
          {saved && (
            <p class="notice ok" role="status">
              {saved}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function ProfileEditor({
  name,
  current,
  onSaving,
  onChanged,
}: {
  name: string;
  current: ModelProfile | undefined;
  onSaving: () => void;
  onChanged: (done: string) => Promise<void>;
}) {
  const { api, identity } = useConsole();
  const [draft, setDraft] = useState({
    provider: current?.provider ?? "local",
    model: current?.model ?? "",
    baseUrl: current?.baseUrl ?? "",
    temperature: String(current?.temperature ?? 0),
    maxTokens: String(current?.maxTokens ?? 0),
  });
  const [failure, setFailure] = useState<unknown>();
  const mayWrite = can(identity, "settings.write");

  const run = async (action: () => Promise<unknown>, done: string) => {
    setFailure(undefined);
    onSaving();
    try {
      await action();
      await onChanged(done);
    } catch (error) {
      setFailure(error);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    void run(
      () =>
        api.settings.updateModelProfile({
          modelProfile: {
            name,
            provider: draft.provider,
            model: draft.model.trim(),
            baseUrl: draft.baseUrl.trim(),
            temperature: Number(draft.temperature || "0"),
            maxTokens: Number(draft.maxTokens || "0"),
          },
          updateMask: { paths: ["provider", "model", "base_url", "temperature", "max_tokens"] },
          etag: current?.etag ?? "",
          allowMissing: !current,
        }),
      "Model profile saved.",
    );
  };

  return (
    <form class="card" onSubmit={save} aria-label={`Model profile ${name.split("/").at(-1)}`}>
      <p class="help">{current ? `Version ${current.etag.slice(0, 12)}` : "This role has no profile yet; saving creates it."}</p>
      <label for="provider">Provider</label>
      <select id="provider" value={draft.provider} onChange={(e) => setDraft({ ...draft, provider: e.currentTarget.value })}>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <label for="model">Model</label>
      <input id="model" required value={draft.model} onInput={(e) => setDraft({ ...draft, model: e.currentTarget.value })} />
      <label for="base-url-profile">Endpoint (empty: the provider's default)</label>
      <input id="base-url-profile" type="url" value={draft.baseUrl} onInput={(e) => setDraft({ ...draft, baseUrl: e.currentTarget.value })} />
      <label for="temperature">Temperature (0 to 2)</label>
      <input id="temperature" type="number" step="0.1" min={0} max={2} value={draft.temperature} onInput={(e) => setDraft({ ...draft, temperature: e.currentTarget.value })} />
      <label for="max-tokens">Max tokens (0: provider default)</label>
      <input id="max-tokens" type="number" min={0} value={draft.maxTokens} onInput={(e) => setDraft({ ...draft, maxTokens: e.currentTarget.value })} />
      {mayWrite && (
        <div class="actions">
          <button type="submit" class="primary">
            Save profile
          </button>
          {current && (
            <button
              type="button"
              class="danger"
              onClick={() => void run(() => api.settings.deleteModelProfile({ name, etag: current.etag }), "Model profile deleted.")}
            >
              Delete profile
            </button>
          )}
        </div>
      )}
      {failure !== undefined &&
        (isConflict(failure) ? (
          <Conflict what="This model profile" onReload={() => void onChanged("")} />
        ) : (
          <ErrorNotice error={failure} title="The model profile was not saved" />
        ))}
    </form>
  );
}
