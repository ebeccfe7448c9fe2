import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "../lib/request-meta";

describe("scripts/lib/peer-address.mjs (the server preload)", () => {
  it("records the connection's address on every request, overwriting a copy the client sent", async () => {
    await import("./lib/peer-address.mjs");
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((incoming, outgoing) => {
      seen.push(incoming.headers);
      outgoing.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const send = (headers: Record<string, string>) =>
      new Promise<void>((resolve, reject) =>
        request({ host: "127.0.0.1", port, headers }, (response) => response.resume().on("end", resolve))
          .on("error", reject)
          .end(),
      );
    await send({ [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.67" });
    await send({});
    server.close();
    expect(seen.map((headers) => headers[PEER_ADDRESS_HEADER])).toEqual(["127.0.0.1", "127.0.0.1"]);
    expect(seen[0]?.["x-forwarded-for"]).toBe("203.0.113.67");
  });
});
