import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect, SECRETS_DIR, test } from "./support/fixtures";
import { MODE_SERVERS } from "./support/modes";

// Runs after every other project (playwright.config.ts): each test left the session cookie values it
// received and the passwords it typed in .e2e/secrets; none may appear in any server's output.

const CACHES = {
  database: "live sessions",
  jwt: "live sessions and accepted tokens",
  "jwt-version": "accepted tokens and, on PostgreSQL, users' token versions",
  "jwt-stateless": "accepted tokens",
} as const;

test("no server printed a session cookie value, a password or a password hash during the run", () => {
  const secrets = readdirSync(SECRETS_DIR).flatMap((file) => JSON.parse(readFileSync(`${SECRETS_DIR}/${file}`, "utf8")) as string[]);
  // The run signed in many times: an empty list would mean this test checks nothing.
  expect(secrets.length).toBeGreaterThan(100);
  expect(secrets).toContain("correct horse battery staple");
  for (const server of MODE_SERVERS) {
    expect(existsSync(server.logFile), `${server.project} wrote ${server.logFile}`).toBe(true);
    const output = readFileSync(server.logFile, "utf8");
    expect(output, `${server.project}'s log has the start-up lines`).toContain("[auth-modes] session strategy:");
    // What the instance caches, for the mode it runs (AUTH_SESSION_CACHE_TTL_MS, lib/startup.ts).
    const caches = `[auth-modes] per-instance caches: ${CACHES[server.mode]}${server.mode === "jwt-stateless" ? " (" : ", database rows for"}`;
    expect(
      [caches, "[auth-modes] per-instance caches: off ("].some((line) => output.includes(line)),
      `${server.project}: ${caches}`,
    ).toBe(true);
    expect(output, `a bcrypt hash in ${server.logFile}`).not.toMatch(/\$2[aby]\$\d{2}\$/);
    const leaked = secrets.filter((secret) => output.includes(secret));
    expect(leaked.map((secret) => `${secret.slice(0, 6)}… in ${server.logFile}`)).toEqual([]);
  }
});

test("no server logged an unhandled rejection, an uncaught exception or a failed request during the run", () => {
  for (const server of MODE_SERVERS) {
    const output = readFileSync(server.logFile, "utf8");
    // Next.js marks a request that failed on the server with "⨯"; Node names the other two.
    const failures = output.split("\n").filter((line) => /unhandledRejection|Unhandled Rejection|uncaughtException|⨯/.test(line));
    expect(failures, `${server.logFile}`).toEqual([]);
  }
});
