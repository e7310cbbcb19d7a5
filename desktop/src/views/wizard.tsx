/** The deployment-mode wizard: choose a mode, see each guardrail it brings and what blocks it, apply, see what is in force. */

import { DeploymentMode, type ModelProfile, type Settings } from "@soma/proto/soma/settings/v1/settings_pb";
import { useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { useConsole } from "../lib/console-context";
import { isConflict, reasonOf } from "../lib/errors";
import { can } from "../lib/identity";
import { useAsync } from "../lib/use-async";
import { Conflict } from "./settings";

interface ModeInfo {
  readonly mode: DeploymentMode;
  readonly label: string;
  readonly summary: string;
}

export const MODES: readonly ModeInfo[] = [
  { mode: DeploymentMode.UNSPECIFIED, label: "Follow the mesh", summary: "The tenant runs under the stage the mesh itself runs in (SOMA_STAGE)." },
  { mode: DeploymentMode.DEV, label: "Development", summary: "No guardrails: any model provider, including the built-in local one." },
  { mode: DeploymentMode.STAGING, label: "Staging", summary: "Production-like; guardrails are reported but not enforced, so you can see what production would refuse." },
  { mode: DeploymentMode.PROD, label: "Production", summary: "Every guardrail is enforced: the settings service refuses changes that break one." },
];

/**
 * What each guardrail means for the person switching modes, by the id the settings service reports
 * (docs/settings.md, "Deployment mode and guardrails"). The service's own description is shown next to it, so a
 * guardrail added to the service later still shows, with its description only.
 */
export const GUARDRAIL_HELP: Readonly<Record<string, string>> = {
  "prod-no-local-provider":
    "The built-in local model is deterministic and for development only. Production refuses a model profile on provider local, and refuses to switch to production while one exists: move those roles to a real provider first.",
  "prod-signed-constitution":
    "Production runs only under a constitution signed by enough trusted signers. The constitution service enforces it when a document is loaded; the settings service reports it.",
  "prod-stage-locks-mode":
    "The mesh itself runs in production, so tenants cannot switch to a weaker mode.",
};

/** The guardrails a switch to `mode` would bring, and the profiles that would break an enforced one. */
export function preflight(mode: DeploymentMode, profiles: readonly ModelProfile[]): { guardrails: string[]; blockers: ModelProfile[] } {
  if (mode !== DeploymentMode.PROD) return { guardrails: [], blockers: [] };
  return { guardrails: ["prod-no-local-provider", "prod-signed-constitution"], blockers: profiles.filter((p) => p.provider === "local") };
}

const STEPS = ["Choose a mode", "Check the guardrails", "Apply"] as const;

export function WizardView() {
  const { tenant } = useConsole();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Deployment mode
      </h1>
      {tenant ? <Wizard tenant={tenant} /> : <Empty>Choose a tenant in Tenant admin first.</Empty>}
    </section>
  );
}

function Wizard({ tenant }: { tenant: string }) {
  const { api, identity } = useConsole();
  const loaded = useAsync(
    async (signal) => {
      const [settings, profiles] = await Promise.all([
        api.settings.getSettings({ name: `tenants/${tenant}/settings` }, { signal }),
        api.settings.listModelProfiles({ parent: `tenants/${tenant}` }, { signal }),
      ]);
      return { settings: settings.settings, profiles: profiles.modelProfiles };
    },
    [tenant],
  );
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<DeploymentMode | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [applied, setApplied] = useState<Settings | undefined>();
  const go = (next: number) => {
    setFailure(undefined);
    setStep(next);
  };

  if (loaded.state.status === "loading") return <Loading what="the tenant's settings" />;
  if (loaded.state.status === "error") return <ErrorNotice error={loaded.state.error} onRetry={loaded.reload} />;
  const { settings, profiles } = loaded.state.value;
  if (!settings) return <Empty>The settings service returned no settings.</Empty>;
  const chosen = mode ?? settings.deploymentMode;
  const check = preflight(chosen, profiles);

  const apply = async () => {
    setFailure(undefined);
    try {
      const { settings: now } = await api.settings.updateSettings({
        settings: { name: settings.name, deploymentMode: chosen },
        updateMask: { paths: ["deployment_mode"] },
        etag: settings.etag,
      });
      setApplied(now);
      await loaded.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const restart = () => {
    go(0);
    setApplied(undefined);
    void loaded.reload();
  };

  return (
    <>
      <ol class="wizard-steps" aria-label="Wizard steps">
        {STEPS.map((title, i) => (
          <li key={title} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {title}
          </li>
        ))}
      </ol>
      <p class="help">
        In force now: <strong>{MODES.find((m) => m.mode === settings.effectiveMode)?.label ?? "?"}</strong>
        {settings.deploymentMode === DeploymentMode.UNSPECIFIED && " (following the mesh)"}.
      </p>

      {step === 0 && (
        <fieldset>
          <legend>Mode for tenant {tenant}</legend>
          {MODES.map((m) => (
            <label class="inline mode-choice" key={m.mode}>
              <input type="radio" name="mode" value={m.mode} checked={chosen === m.mode} onChange={() => setMode(m.mode)} />
              <span>
                <strong>{m.label}</strong> — {m.summary}
              </span>
            </label>
          ))}
          <div class="actions">
            <button type="button" class="primary" onClick={() => go(1)}>
              Next: check the guardrails
            </button>
          </div>
        </fieldset>
      )}

      {step === 1 && (
        <section aria-labelledby="check-title">
          <h2 id="check-title">Guardrails of {MODES.find((m) => m.mode === chosen)?.label}</h2>
          {check.guardrails.length === 0 ? (
            <Empty>
              {chosen === DeploymentMode.STAGING
                ? "Staging enforces nothing; the settings service reports what production would refuse."
                : "No guardrails apply in this mode (the mesh's own stage may still add one)."}
            </Empty>
          ) : (
            <ul>
              {check.guardrails.map((id) => (
                <li key={id}>
                  <code>{id}</code>: {GUARDRAIL_HELP[id]}
                </li>
              ))}
            </ul>
          )}
          {check.blockers.length > 0 && (
            <div class="notice conflict" role="alert">
              <p>
                These model profiles use the local provider, so the switch would be refused (prod-no-local-provider):
              </p>
              <ul>
                {check.blockers.map((p) => (
                  <li key={p.name}>
                    <code>{p.name.split("/").at(-1)}</code> → {p.provider}/{p.model} (change it in <a href="#/settings">Settings</a>)
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="actions">
            <button type="button" onClick={() => go(0)}>
              Back
            </button>
            <button type="button" class="primary" onClick={() => go(2)}>
              Next: apply
            </button>
          </div>
        </section>
      )}

      {step === 2 && (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title">Apply</h2>
          {!applied && (
            <>
              <p>
                Switch tenant {tenant} to <strong>{MODES.find((m) => m.mode === chosen)?.label}</strong>?
              </p>
              <div class="actions">
                <button type="button" onClick={() => go(1)}>
                  Back
                </button>
                {can(identity, "settings.write") ? (
                  <button type="button" class="primary" onClick={() => void apply()}>
                    Apply the mode
                  </button>
                ) : (
                  <span class="help">Switching takes settings.write.</span>
                )}
              </div>
            </>
          )}
          {failure !== undefined &&
            (isConflict(failure) ? (
              <Conflict what="The tenant's settings" onReload={restart} />
            ) : (
              <ErrorNotice
                error={failure}
                title={reasonOf(failure) === "GUARDRAIL_VIOLATED" ? "A guardrail refused the switch" : "The mode was not changed"}
              />
            ))}
          {applied && (
            <div class="notice ok" role="status" data-testid="applied">
              <p>
                Now in force: <strong>{MODES.find((m) => m.mode === applied.effectiveMode)?.label}</strong>.
              </p>
              {applied.guardrails.length === 0 ? (
                <p>No guardrails are in force.</p>
              ) : (
                <ul>
                  {applied.guardrails.map((g) => (
                    <li key={g.id}>
                      <code>{g.id}</code> ({g.enforced ? "enforced" : "informational"}): {g.description}
                      {GUARDRAIL_HELP[g.id] && <div class="help">{GUARDRAIL_HELP[g.id]}</div>}
                    </li>
                  ))}
                </ul>
              )}
              <button type="button" onClick={restart}>
                Start over
              </button>
            </div>
          )}
        </section>
      )}

      <h2>Guardrails in force now</h2>
      {settings.guardrails.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul>
          {settings.guardrails.map((g) => (
            <li key={g.id}>
              <code>{g.id}</code> ({g.enforced ? "enforced" : "informational"}): {g.description}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
