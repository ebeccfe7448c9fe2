export type Mode = "database" | "jwt";

export type ModeServer = {
  mode: Mode;
  port: number;
  databaseFile: string;
  env: Record<string, string>;
};

/** One server per session strategy, all from the same `next build`, each with its own SQLite file. */
export const MODE_SERVERS: ModeServer[] = (
  [
    { mode: "database", port: 3201 },
    { mode: "jwt", port: 3202 },
  ] as const
).map(({ mode, port }) => {
  const databaseFile = `.e2e/${mode}.db`;
  return {
    mode,
    port,
    databaseFile,
    env: {
      AUTH_SESSION_STRATEGY: mode,
      DATABASE_URL: `file:./${databaseFile}`,
      PORT: String(port),
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      AUTH_BCRYPT_COST: "4",
      SEED_DEMO_USER: "true",
    },
  };
});
