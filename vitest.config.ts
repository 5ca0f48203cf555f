import { defineConfig } from "vitest/config";

/*
 * Four projects: `unit` (pure logic, no Docker, seconds) and `docker` (real
 * engine, real containers, real Erlang nodes) share a pool of four files at a
 * time; after them `docker-alone` runs one file at a time; `multihost` (a
 * swarm of docker-in-docker hosts) is `npm run test:multihost`, not part of
 * `npm test`.
 *
 * Most real-engine tests spend their time waiting: a partition held for 3
 * ticks, a heal deadline, a restart's backoff. Several at a time keep the
 * cores busy; a file counts only its own runs' resources. The files below
 * need the engine or the cores to themselves, for the reason given.
 */
const ENGINE_ALONE: Record<string, string> = {
  compose: "`meshproof down --all` removes every run on the engine",
  "cli-refusals": "counts every run's containers and networks: nothing started",
  "docs-commands": "removes every run it finds before each block",
  scale: "a 50-node cluster takes both cores",
  "layer-times": "measures how long pg takes after the mesh",
  "erlang-eunit": "builds an image",
  image: "builds images",
};
const alone = Object.keys(ENGINE_ALONE).map((name) => `test/docker/${name}.docker.test.ts`);

const realEngine = {
  globalSetup: ["test/docker/global-setup.ts"],
  testTimeout: 300_000,
  hookTimeout: 900_000,
};

export default defineConfig({
  test: {
    projects: [
      // in the real-engine files' group (so the same number of workers): its files come last and fill the pool's tail
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], maxWorkers: 4, sequence: { groupOrder: 1 } } },
      {
        test: {
          name: "docker",
          include: ["test/docker/**/*.docker.test.ts"],
          exclude: alone,
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
          ...realEngine,
        },
      },
      {
        test: {
          name: "docker-alone",
          include: alone,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          ...realEngine,
        },
      },
      {
        test: {
          name: "multihost",
          include: ["test/multihost/**/*.multihost.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 3 },
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
