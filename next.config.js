/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // proxy.ts sees requests as the browser sent them: by default Next.js removes the router's headers
  // (RSC, Next-Router-Prefetch, …) and the `_rsc` parameter before the proxy runs, and the proxy must
  // tell a prefetch from a navigation so that prefetches never slide (re-issue) the session cookie.
  skipProxyUrlNormalize: true,
  // Native or WebAssembly database drivers are loaded by Node.js at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql"],
};

module.exports = nextConfig;
