import { defineConfig } from "vitest/config";

/*
 * Three projects: `unit` (pure logic, no Docker, seconds), `docker` (real
 * engine, real containers, real Erlang nodes; one file at a time, since the
 * clusters share two cores) and `multihost` (a swarm of docker-in-docker
 * hosts; `npm run test:multihost`, not part of `npm test`).
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
      {
        test: {
          name: "multihost",
          include: ["test/multihost/**/*.multihost.test.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
