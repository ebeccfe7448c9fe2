import { createConnection, createServer, type Server, type Socket } from "node:net";

/** A TCP relay a test controls: it forwards to `target` until cut, then drops every connection. */
export type Relay = {
  port: number;
  /** Ends every relayed connection, and from now on closes each new one as soon as it opens. */
  cut(): void;
  /** Relays new connections again. */
  restore(): void;
  close(): Promise<void>;
};

export async function startRelay(target: { host: string; port: number }, port = 0): Promise<Relay> {
  const open = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the relay has no TCP port");
  const cutAll = () => {
    cut = true;
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: address.port,
    cut: cutAll,
    restore() {
      cut = false;
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
