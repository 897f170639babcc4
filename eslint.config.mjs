import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // The layers of STYLE.md, held by the linter: data flows app → server/api → server/services → db;
  // server/domain imports nothing of ours but itself; components never reach services or db.
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/services/*", "@/db", "@/db/*"],
              message: "Components take data from the API (components/router-outputs.ts), never from services or the database.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "!@/server/domain", "!@/server/domain/*", "@/db", "@/db/*", "@/app/*", "@/components/*"],
              message: "server/domain is pure: it imports nothing of the app but itself.",
            },
          ],
        },
      ],
    },
  },
  // Services take the types of the API's input schemas as their parameters (one contract, inferred
  // by zod), never a value of the API.
  {
    files: ["server/services/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/api", "@/server/api/*", "!@/server/api/routers", "@/server/http", "@/server/http/*", "@/app/*", "@/components/*"],
              message: "Services know nothing of HTTP, the API, pages or components above them.",
            },
            { group: ["@/server/api/routers/*", "!@/server/api/routers/*.schema"], message: "Services know nothing of the API's routers." },
            {
              group: ["@/server/api/routers/*.schema"],
              allowTypeImports: true,
              message: "Services take only the types of the API's input schemas (import type).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**", "server/**", "db/**", "scripts/**", "tests/**"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
    settings: { "import/ignore": ["node_modules"] },
  },
  globalIgnores([".next/**", "public/sw.js", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
