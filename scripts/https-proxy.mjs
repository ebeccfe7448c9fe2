#!/usr/bin/env node
// `npm run https-proxy -- --port 3443 --target 3000`: HTTPS in front of the app, the way a load balancer
// or reverse proxy terminates TLS in production. It forwards every request to http://127.0.0.1:<target>
// with X-Forwarded-Proto: https and the client's address appended to X-Forwarded-For. Start the app with
// AUTH_URL=https://localhost:<port> so its cookies are `__Host-` prefixed and Secure.
// The certificate is self-signed for localhost, made with openssl on first use and kept in --cert-dir
// (default .tls/): browsers will warn; the e2e suite sets ignoreHTTPSErrors. For local testing only.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import { join } from "node:path";
import { fail, log } from "./lib/run.mjs";

function flag(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (!value) fail(`--${name} needs a value`);
  return value;
}

const port = Number(flag("port", "3443"));
const target = Number(flag("target", "3000"));
const certDir = flag("cert-dir", ".tls");
if (!Number.isInteger(port) || !Number.isInteger(target)) fail("--port and --target must be port numbers");

const keyFile = join(certDir, "localhost-key.pem");
const certFile = join(certDir, "localhost-cert.pem");
if (!existsSync(keyFile) || !existsSync(certFile)) {
  mkdirSync(certDir, { recursive: true });
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "30",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  } catch (error) {
    fail(
      `could not create a self-signed certificate with openssl (${error instanceof Error ? error.message.split("\n")[0] : error}); install openssl`,
    );
  }
  log(`created a self-signed certificate for localhost in ${certDir}/`);
}

const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (incoming, outgoing) => {
  const forwardedFor = [incoming.headers["x-forwarded-for"], incoming.socket.remoteAddress].filter(Boolean).join(", ");
  const upstream = httpRequest(
    {
      host: "127.0.0.1",
      port: target,
      method: incoming.method,
      path: incoming.url,
      headers: { ...incoming.headers, "x-forwarded-proto": "https", "x-forwarded-for": forwardedFor },
    },
    (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    },
  );
  upstream.on("error", () => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    outgoing.end("The app behind this HTTPS proxy is not answering.");
  });
  incoming.pipe(upstream);
});

server.listen(port, () => log(`https://localhost:${port} → http://127.0.0.1:${target}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
