/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or WebAssembly database drivers are loaded by Node.js at run time, not bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql"],
};

module.exports = nextConfig;
