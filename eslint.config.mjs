import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/ban-ts-comment": "error",
      // Modules that import each other make the layering hard to follow (and hide start-up order bugs).
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts (env.X)." },
      ],
    },
  },
  {
    // Where process.env is legitimately read: the env module, tooling configs, scripts and tests.
    files: [
      "lib/env.ts",
      "instrumentation.ts",
      "prisma.config.ts",
      "playwright.config.ts",
      "vitest.config.mts",
      "scripts/**",
      "e2e/**",
      "**/*.test.ts",
      "lib/testing/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Playwright fixtures hand values on through a parameter called `use`; it is not React's hook.
    files: ["e2e/**"],
    rules: {
      "react-hooks/rules-of-hooks": "off",
      // Every browser and API request context goes through the leak guard (e2e/support/leak-guard.ts).
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='newContext']",
          message:
            "Use the newContext / newRequestContext fixtures (e2e/support/fixtures.ts): they register the context with the leak guard.",
        },
      ],
    },
  },
  {
    // The factory itself, and the guard's positive control (which watches its contexts with a guard of its own).
    files: ["e2e/support/fixtures.ts", "e2e/security/leak-guard.spec.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "reports/**", "test-results/**", ".e2e/**"]),
]);
