export type Mode = "database" | "jwt" | "jwt-stateless";

export type ModeServer = {
  mode: Mode;
  port: number;
  databaseFile: string;
  env: Record<string, string>;
  /** Specs this project runs; undefined runs them all. */
  testMatch?: string[];
};

export const E2E_SECRET = "e2e-only-secret-not-for-production-0123456789";

/** One server per session mode, all from the same `next build`, each with its own SQLite file. */
export const MODE_SERVERS: ModeServer[] = (
  [
    { mode: "database", port: 3201, env: { AUTH_SESSION_STRATEGY: "database" } },
    { mode: "jwt", port: 3202, env: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "sid" } },
    // Stateless JWT differs only where revocation matters: sign-in, sign-out, sessions.
    {
      mode: "jwt-stateless",
      port: 3203,
      env: { AUTH_SESSION_STRATEGY: "jwt", AUTH_JWT_REVOCATION: "off" },
      testMatch: ["auth-flow.spec.ts", "session-storage.spec.ts", "sessions.spec.ts", "admin.spec.ts", "activity.spec.ts"],
    },
  ] as const
).map(({ mode, port, env, ...rest }) => {
  const databaseFile = `.e2e/${mode}.db`;
  return {
    mode,
    port,
    databaseFile,
    ...("testMatch" in rest ? { testMatch: [...rest.testMatch] } : {}),
    env: {
      ...env,
      DATABASE_URL: `file:./${databaseFile}`,
      PORT: String(port),
      AUTH_SECRET: E2E_SECRET,
      AUTH_BCRYPT_COST: "4",
      SEED_DEMO_USER: "true",
      // Set, so the first person to register is not made admin: tests choose their admins.
      ADMIN_EMAILS: "configured-admin@example.test",
    },
  };
});
