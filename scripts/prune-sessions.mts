// `npm run sessions:prune`: deletes every session past its idle expiry or absolute lifetime, recording a
// session.expired event for each, sign-in throttle records whose failures have aged out, and API sign-ins
// (refresh-token families) that expired or were revoked. Safe to run at any time and as often as you like (cron, a CI job).
import { pruneApiFamilies } from "../lib/api/prune";
import { pruneExpiredSessions } from "../lib/auth/prune";
import { pruneSignInThrottle } from "../lib/auth/throttle";
import { EnvError, getEnv } from "../lib/env";

try {
  const env = getEnv();
  console.log(`[sessions:prune] looking for expired sessions in ${env.DATABASE_URL.split("?")[0]}…`);
  const result = await pruneExpiredSessions(new Date(), (done) => console.log(`[sessions:prune] …${done} removed so far`));
  const total = result.idle + result.absolute;
  console.log(
    total
      ? `[sessions:prune] removed ${total} expired session${total === 1 ? "" : "s"} (${result.idle} idle, ${result.absolute} past the absolute lifetime)`
      : "[sessions:prune] nothing to remove: no session has expired",
  );
  const throttles = await pruneSignInThrottle();
  console.log(`[sessions:prune] removed ${throttles} sign-in throttle record${throttles === 1 ? "" : "s"} whose failures have aged out`);
  const api = await pruneApiFamilies();
  console.log(
    `[sessions:prune] removed ${api.expired + api.revoked} API sign-in${api.expired + api.revoked === 1 ? "" : "s"} (${api.expired} past the absolute lifetime, ${api.revoked} revoked) with their refresh tokens`,
  );
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`[sessions:prune] ${error.message}`);
  process.exitCode = 1;
}
