import { defineConfig } from "vitest/config";

/*
 * Two projects: `unit` (pure logic, no Docker, seconds) and `docker` (real
 * engine, real containers, real Erlang nodes; one file at a time, since the
 * clusters share two cores).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        test: {
          name: "docker",
          include: ["test/docker/**/*.docker.test.ts"],
          globalSetup: ["test/docker/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
