import { fileURLToPath } from "node:url";

/**
 * The package's root folder, where erlang/ and images/ live. This file sits
 * one level below it both as src/package-root.ts and as dist/package-root.js.
 */
export const packageRoot = fileURLToPath(new URL("../", import.meta.url));
