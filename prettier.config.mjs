// One formatter for the whole tree (`npm run format`; `npm run lint` checks it). Imports are sorted
// (node built-ins, packages, then `@/` paths and relative ones) and Tailwind classes put in their
// canonical order, as dub and create-t3-app do.
/** @type {import("prettier").Config} */
const config = {
  printWidth: 140,
  plugins: ["@ianvs/prettier-plugin-sort-imports", "prettier-plugin-tailwindcss"],
  importOrder: ["<BUILTIN_MODULES>", "<THIRD_PARTY_MODULES>", "^@/(.*)$", "^[.]"],
  importOrderTypeScriptVersion: "5.9.3",
  tailwindStylesheet: "./app/globals.css",
};

export default config;
