// The account SEED_DEMO_USER seeds (lib/users.ts DEMO_USER), as a user would type it.
export const DEMO = { name: "Demo User", email: "demo@example.com", password: "demo-password-1234" } as const;
