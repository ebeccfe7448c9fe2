// Preloaded into the server by `npm start`, `npm run dev` and `npm run cluster` (NODE_OPTIONS=--import):
// records each request's connection address in a header of our own, overwriting any copy the client sent,
// so the app can see who connected (lib/request-meta.ts, PEER_ADDRESS_HEADER). `next start` keeps a
// client-supplied X-Forwarded-For as it is and fills that header from the socket only when it is absent,
// which would let any client choose its own address when no proxy is trusted (TRUSTED_PROXY_HOPS=0).
import { Server } from "node:http";

const HEADER = "x-auth-modes-peer-address";
const emit = Server.prototype.emit;

Server.prototype.emit = function emitWithPeerAddress(event, request, ...rest) {
  if (event === "request" && request?.headers) request.headers[HEADER] = request.socket?.remoteAddress ?? "";
  return emit.call(this, event, request, ...rest);
};
