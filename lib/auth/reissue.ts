import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// proxy.ts re-issues a JWT when it is due (lib/auth/refresh.ts). In stateless mode that is the moment
// the jwt callback reads the user again, so it needs to know: Auth.js runs the callback the same way for
// a plain read, and only the caller knows whether the result becomes a new cookie.
const reissuing = new AsyncLocalStorage<true>();

export function runAsReissue<T>(task: () => Promise<T>): Promise<T> {
  return reissuing.run(true, task);
}

export function isReissue(): boolean {
  return reissuing.getStore() === true;
}
