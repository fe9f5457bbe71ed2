/** Imported first by index.ts: publish the runtime before any function is associated. */
import { publishRuntime } from "./runtime-bridge";

publishRuntime(
  typeof CustomFunctions !== "undefined" && typeof CustomFunctions.associate === "function"
);
