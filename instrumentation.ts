export async function register() {
  // NEXT_RUNTIME is set by Next.js itself; the app runs on Node.js only.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startup } = await import("./lib/startup");
    await startup();
  }
}
