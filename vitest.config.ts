import { defineConfig } from "vitest/config";

/*
 * Four projects: `unit` (pure logic, no Docker, seconds), then the real-engine
 * tests, `docker` (two files at a time) and after them `docker-alone` (one at
 * a time), and `multihost` (a swarm of docker-in-docker hosts; `npm run
 * test:multihost`, not part of `npm test`).
 *
 * Most real-engine tests spend their time waiting: a partition held for 3
 * ticks, a heal deadline, a restart's backoff. Two of them at a time keep two
 * cores busy without starving a node of its ticks. The files below need the
 * engine or the cores to themselves, for the reason given.
 */
const ENGINE_ALONE: Record<string, string> = {
  attach: "`meshproof down --all` removes every run on the engine",
  cli: "`down --all` removes every run; a 50-node cluster takes both cores",
  "docs-commands": "removes every run it finds before each block",
  "cpu-replace-faults": "counts every run's containers",
  swarm: "counts every run's containers, and joins the engine to a swarm",
  "engine-restarts": "times Docker's restart backoff",
  "layer-times": "measures how long pg takes after the mesh",
  "user-image": "builds three images",
  "erlang-eunit": "builds an image",
  image: "builds images",
  compose: "builds through docker-compose",
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
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        test: {
          name: "docker",
          include: ["test/docker/**/*.docker.test.ts"],
          exclude: alone,
          maxWorkers: 2,
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
