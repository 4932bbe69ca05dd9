// Our own behaviour events (POST /events): what the catalog and recommendations learn from. No
// other tracking exists in the app. Best effort: a lost event never disturbs the learner.
import { api } from "./client";
import type { Schemas } from "./client";

type ClientEvent = Schemas["ClientEvent"];
const DEVICE_KEY = "lectern.device";

function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export function track(event: Omit<ClientEvent, "occurredAt">): void {
  const full = { ...event, occurredAt: new Date().toISOString() } as ClientEvent;
  api
    .POST("/events", {
      body: { events: [full] },
      params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      headers: { "Lectern-Device-Id": deviceId() },
    })
    .catch(() => undefined);
}
