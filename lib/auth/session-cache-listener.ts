import "server-only";
import { Socket } from "node:net";
import pg from "pg";
import { env } from "@/lib/env";
import {
  clearSessionCache,
  dropCachedSessionsOf,
  dropCachedSessionUnlessSlidTo,
  sessionCacheUsable,
  setSessionCacheListening,
} from "./session-cache";

// PostgreSQL: every instance hears every other's changes to "Session" and "User". The triggers of
// prisma/migrations/postgresql/*_session_cache_notify NOTIFY this channel after each changed row, with
// the user's id, or, for a slide (only `expires`/`lastSeenAt` changed), the session's hash and its new
// values, so that an instance's own slide does not empty its own entry. One dedicated connection per
// instance LISTENs (outside the pool); while it is not connected the cache is bypassed, and it
// reconnects by itself. A heartbeat notices a connection that went silent without closing.

export const SESSION_CACHE_CHANNEL = "auth_modes_session_cache";
const RECONNECT_MS = 1_000;
const HEARTBEAT_MS = 5_000;

type ListenerState = { client: pg.Client | null; connecting: Promise<void> | null; timer: NodeJS.Timeout | null; stopped: boolean };
const globalForListener = globalThis as unknown as { sessionCacheListener?: ListenerState };
const listener = (globalForListener.sessionCacheListener ??= { client: null, connecting: null, timer: null, stopped: false });

/** Applies one notification's payload to the cache: `user:<id>`, `slide:<hash>:<expires ms>:<lastSeenAt ms>` or `all`. */
export function applySessionCacheNotification(payload: string | undefined): void {
  const [kind, ...rest] = (payload ?? "").split(":");
  if (kind === "user" && rest.length === 1 && rest[0]) return dropCachedSessionsOf(rest[0]);
  if (kind === "slide" && rest.length === 3) {
    const [hash, expires, lastSeenAt] = rest;
    if (hash && Number.isFinite(Number(expires)) && Number.isFinite(Number(lastSeenAt))) {
      return dropCachedSessionUnlessSlidTo(hash, Number(expires), Number(lastSeenAt));
    }
  }
  clearSessionCache(); // `all`, or anything not understood: correctness first
}

function lost(client: pg.Client) {
  if (listener.client !== client) return;
  listener.client = null;
  setSessionCacheListening(false);
  client.removeAllListeners("notification");
  client.end().catch(() => undefined);
  scheduleReconnect();
}

function scheduleReconnect() {
  if (listener.stopped || listener.timer) return;
  listener.timer = setTimeout(() => {
    listener.timer = null;
    void connect();
  }, RECONNECT_MS);
  listener.timer.unref();
}

async function connect(): Promise<void> {
  if (listener.client || listener.connecting || listener.stopped) return listener.connecting ?? undefined;
  const client = new pg.Client({
    connectionString: env.DATABASE_URL,
    application_name: "auth-modes-session-cache",
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    // The listener alone does not keep a process (a script, a test) running.
    stream: () => new Socket().unref(),
  });
  client.on("error", () => lost(client));
  client.on("end", () => lost(client));
  client.on("notification", (message) => {
    if (message.channel === SESSION_CACHE_CHANNEL) applySessionCacheNotification(message.payload);
  });
  listener.connecting = (async () => {
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CACHE_CHANNEL}`);
      if (listener.stopped) {
        await client.end();
        return;
      }
      listener.client = client;
      setSessionCacheListening(true);
      heartbeat(client);
    } catch {
      client.end().catch(() => undefined);
      scheduleReconnect();
    } finally {
      listener.connecting = null;
    }
  })();
  return listener.connecting;
}

function heartbeat(client: pg.Client) {
  const timer = setInterval(() => {
    if (listener.client !== client) return clearInterval(timer);
    const answered = client.query("SELECT 1").then(() => true);
    const late = new Promise<false>((resolve) => setTimeout(resolve, HEARTBEAT_MS, false).unref());
    void Promise.race([answered, late])
      .catch(() => false)
      .then((ok) => {
        if (!ok) lost(client);
      });
  }, HEARTBEAT_MS);
  timer.unref();
}

/**
 * Whether the cache may be used on PostgreSQL: starts the listener on first use, and says yes only
 * while it is connected (the first checks go to the database while it connects).
 */
export function postgresSessionCacheUsable(): boolean {
  if (env.AUTH_SESSION_CACHE_TTL_MS === 0) return false;
  if (!listener.client && !listener.connecting && !listener.timer) void connect();
  return sessionCacheUsable(true);
}

/** Starts the listener and resolves once it is connected (or has failed once). For tests and the benchmark. */
export async function startSessionCacheListener(): Promise<boolean> {
  listener.stopped = false;
  await connect();
  return listener.client !== null;
}

/** Stops listening (the cache is bypassed from then on). For tests, the benchmark and shutdown. */
export async function stopSessionCacheListener(): Promise<void> {
  listener.stopped = true;
  if (listener.timer) clearTimeout(listener.timer);
  listener.timer = null;
  await listener.connecting;
  const client = listener.client;
  listener.client = null;
  setSessionCacheListening(false);
  await client?.end().catch(() => undefined);
}
