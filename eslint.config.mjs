// ESLint flat config. `office-addin-lint check` uses this file when it sits at
// the project root (otherwise it falls back to its own copy of the same
// "recommended" set), and `npm run lint` passes it the folders to check.
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";

/** Globals of the node scripts and configs written in plain JavaScript. */
const nodeGlobals = {
  __dirname: "readonly",
  __filename: "readonly",
  Buffer: "readonly",
  console: "readonly",
  exports: "writable",
  module: "writable",
  process: "readonly",
  require: "readonly",
  URL: "readonly",
};

export default [
  { ignores: ["dist/**", "lib/**", "coverage/**", "test-artifacts/**", "node_modules/**"] },
  // eslint:recommended, prettier (office-addin-prettier-config) and the Office
  // add-in rules: load before read, sync after load, no sync in loops, ...
  ...officeAddins.configs.recommended,
  {
    // The plugin's recommended set names the TypeScript parser but, through a
    // default-import mismatch, hands ESLint `undefined` (so espree parses and
    // fails on types); office-addin-lint's own config sets it again the same way.
    files: ["**/*.{js,mjs,cjs,ts,cts,mts}"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest" },
  },
  {
    // The TypeScript compiler already reports unknown names (npm run typecheck),
    // and knows the Office, Excel, CustomFunctions, DOM and node globals.
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: { globals: nodeGlobals },
  },
];
