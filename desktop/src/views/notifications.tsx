/** Notification center: the live stream, the list, ack, and the user's quiet hours. */

import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Notification } from "@soma/proto/soma/notification/v1/notification_pb";
import { type NotificationPreferences, Severity } from "@soma/proto/soma/settings/v1/settings_pb";
import { useEffect, useState } from "preact/hooks";
import { Empty, ErrorNotice, Loading } from "../components/states";
import { useConsole } from "../lib/console-context";
import { isConflict } from "../lib/errors";
import { useAsync } from "../lib/use-async";
import { Conflict } from "./settings";

const severityName = (s: Severity) => (s === Severity.UNSPECIFIED ? "any" : (Severity[s] ?? `severity ${s}`).toLowerCase());

/** Newest first, one entry per name: a streamed notification replaces the listed copy of itself. */
export function mergeNotifications(current: readonly Notification[], incoming: readonly Notification[]): Notification[] {
  const byName = new Map(current.map((n) => [n.name, n]));
  for (const n of incoming) byName.set(n.name, n);
  const time = (n: Notification) => (n.createTime ? timestampDate(n.createTime).getTime() : 0);
  return [...byName.values()].sort((a, b) => time(b) - time(a));
}

export function NotificationsView() {
  const { identity, tenant } = useConsole();
  const user = identity.user;
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        Notifications
      </h1>
      {!user || !tenant ? (
        <Empty>Notifications belong to a tenant's users; this token is {identity.subject}, which has no inbox.</Empty>
      ) : (
        <>
          <Inbox parent={`tenants/${tenant}/users/${user}`} />
          <QuietHours name={`tenants/${tenant}/users/${user}/notificationPreferences`} />
        </>
      )}
    </section>
  );
}

function Inbox({ parent }: { parent: string }) {
  const { api } = useConsole();
  const [items, setItems] = useState<Notification[]>([]);
  const [stream, setStream] = useState<"connecting" | "live" | "ended">("connecting");
  const [streamFailure, setStreamFailure] = useState<unknown>();
  const [failure, setFailure] = useState<unknown>();
  const listed = useAsync(async (signal) => {
    const response = await api.notification.listNotifications({ parent, pageSize: 50 }, { signal });
    setItems((current) => mergeNotifications(current, response.notifications));
    return response.notifications.length;
  }, [parent]);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const live = api.notification.subscribe({ parent }, { signal: controller.signal });
        setStream("live");
        for await (const { notification } of live) {
          if (notification) setItems((current) => mergeNotifications(current, [notification]));
        }
      } catch (error) {
        if (!controller.signal.aborted) setStreamFailure(error);
      } finally {
        if (!controller.signal.aborted) setStream("ended");
      }
    })();
    return () => controller.abort();
  }, [parent]);

  const ack = async (n: Notification) => {
    setFailure(undefined);
    try {
      const { notification } = await api.notification.ackNotification({ name: n.name });
      if (notification) setItems((current) => mergeNotifications(current, [notification]));
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">Inbox</h2>
      <p class="help" role="status" data-testid="stream-state">
        {stream === "live" ? "Live: new notifications appear here as they arrive." : stream === "connecting" ? "Connecting to the live stream…" : "The live stream ended; reload the view to reconnect."}
      </p>
      {streamFailure !== undefined && <ErrorNotice error={streamFailure} title="The live stream failed" />}
      {listed.state.status === "loading" && items.length === 0 && <Loading what="notifications" />}
      {listed.state.status === "error" && <ErrorNotice error={listed.state.error} onRetry={listed.reload} />}
      {listed.state.status !== "loading" && items.length === 0 && listed.state.status !== "error" && <Empty>No notifications.</Empty>}
      {items.length > 0 && (
        <ul class="plain" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.name} class="card" data-notification={n.name} data-subject={n.subject}>
              <p>
                <span class={`badge ${n.severity >= Severity.ERROR ? "bad" : n.severity === Severity.WARNING ? "warn" : "ok"}`}>
                  {severityName(n.severity)}
                </span>{" "}
                <strong>{n.title}</strong>
              </p>
              {n.body && <p>{n.body}</p>}
              <p class="help">
                {n.createTime && timestampDate(n.createTime).toLocaleString()} · {n.topic}
                {n.subject && (
                  <>
                    {" "}
                    · <code>{n.subject}</code>
                  </>
                )}
              </p>
              {n.ackTime ? (
                <p class="help" data-testid="acked">
                  Acknowledged {timestampDate(n.ackTime).toLocaleString()}
                </p>
              ) : (
                <button type="button" onClick={() => void ack(n)} aria-label={`Acknowledge: ${n.title}`}>
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {failure !== undefined && <ErrorNotice error={failure} title="Not acknowledged" />}
    </section>
  );
}

function QuietHours({ name }: { name: string }) {
  const { api } = useConsole();
  const loaded = useAsync(
    async (signal) => (await api.settings.getNotificationPreferences({ name }, { signal })).notificationPreferences,
    [name],
  );
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="quiet-title">
      <h2 id="quiet-title">Quiet hours</h2>
      {loaded.state.status === "loading" && <Loading what="your notification preferences" />}
      {loaded.state.status === "error" && <ErrorNotice error={loaded.state.error} onRetry={loaded.reload} />}
      {loaded.state.status === "ready" && loaded.state.value && (
        <QuietHoursForm
          key={loaded.state.value.etag}
          preferences={loaded.state.value}
          onReload={() => (setSaved(false), loaded.reload())}
          onSaving={() => setSaved(false)}
          onSaved={() => (setSaved(true), loaded.reload())}
        />
      )}
      {saved && (
        <p class="notice ok" role="status">
          Preferences saved.
        </p>
      )}
    </section>
  );
}

function QuietHoursForm({
  preferences,
  onReload,
  onSaving,
  onSaved,
}: {
  preferences: NotificationPreferences;
  onReload: () => Promise<void>;
  onSaving: () => void;
  onSaved: () => Promise<void>;
}) {
  const { api } = useConsole();
  const quiet = preferences.quietHours;
  const [enabled, setEnabled] = useState(Boolean(quiet));
  const [draft, setDraft] = useState({
    timeZone: quiet?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
    start: quiet?.start ?? "22:00",
    end: quiet?.end ?? "07:00",
    minimum: preferences.minimumSeverity,
  });
  const [failure, setFailure] = useState<unknown>();

  const save = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    onSaving();
    try {
      await api.settings.updateNotificationPreferences({
        notificationPreferences: {
          name: preferences.name,
          quietHours: enabled ? { timeZone: draft.timeZone.trim(), start: draft.start, end: draft.end } : undefined,
          minimumSeverity: draft.minimum,
        },
        updateMask: { paths: ["quiet_hours", "minimum_severity"] },
        etag: preferences.etag,
      });
      await onSaved();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <form onSubmit={save}>
      <p class="help">Between the start and the end only urgent notifications (error and critical) are delivered; others are held until the window ends.</p>
      <label class="inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Quiet hours on
      </label>
      <fieldset disabled={!enabled}>
        <legend>Window</legend>
        <label for="quiet-tz">Time zone</label>
        <input id="quiet-tz" value={draft.timeZone} onInput={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })} />
        <label for="quiet-start">From (HH:MM)</label>
        <input id="quiet-start" type="time" value={draft.start} onInput={(e) => setDraft({ ...draft, start: e.currentTarget.value })} />
        <label for="quiet-end">Until (HH:MM)</label>
        <input id="quiet-end" type="time" value={draft.end} onInput={(e) => setDraft({ ...draft, end: e.currentTarget.value })} />
      </fieldset>
      <label for="minimum-severity">Deliver notifications from severity</label>
      <select id="minimum-severity" value={draft.minimum} onChange={(e) => setDraft({ ...draft, minimum: Number(e.currentTarget.value) as Severity })}>
        {[Severity.UNSPECIFIED, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.CRITICAL].map((s) => (
          <option key={s} value={s}>
            {severityName(s)}
          </option>
        ))}
      </select>
      <div class="actions">
        <button type="submit" class="primary">
          Save preferences
        </button>
      </div>
      {failure !== undefined &&
        (isConflict(failure) ? (
          <Conflict what="Your notification preferences" onReload={() => void onReload()} />
        ) : (
          <ErrorNotice error={failure} title="The preferences were not saved" />
        ))}
    </form>
  );
}
