import { describe, expect, it } from "vitest";
import { pgOptionsOf } from "../../src/cluster/pg-options-of.js";
import { LABEL_PG_GROUPS, LABEL_PG_SCOPE } from "../../src/docker/labels.js";

const fallback = { pgScope: "meshproof", pgGroups: { pool: 2 } };
const labels = { [LABEL_PG_SCOPE]: "demo", [LABEL_PG_GROUPS]: JSON.stringify({ workers: 1 }) };

describe("pgOptionsOf", () => {
  it("takes what the user named over the cluster's labels", () => {
    expect(pgOptionsOf(labels, { pgScope: "other", pgGroups: { jobs: 3 } }, fallback)).toEqual({ pgScope: "other", pgGroups: { jobs: 3 } });
  });

  it("takes the labels where the user named nothing, one field at a time", () => {
    expect(pgOptionsOf(labels, {}, fallback)).toEqual({ pgScope: "demo", pgGroups: { workers: 1 } });
    expect(pgOptionsOf(labels, { pgGroups: { jobs: 3 } }, fallback)).toEqual({ pgScope: "demo", pgGroups: { jobs: 3 } });
    expect(pgOptionsOf(labels, { pgScope: undefined }, fallback)).toEqual({ pgScope: "demo", pgGroups: { workers: 1 } });
  });

  it("falls back without labels", () => {
    expect(pgOptionsOf({}, {}, fallback)).toEqual(fallback);
  });
});
