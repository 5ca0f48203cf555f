import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../src/checks/layer.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { meshproofCli } from "./harness.js";

/* A real run's report.html, opened from disk in the machine's Chromium (nothing downloaded) with every address but file:// cut off. */

const SCREENSHOT = join("test-artifacts", "report.png");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const meshproof = meshproofCli(240_000);

describe("meshproof report", () => {
  it("builds report.html from a run: one lane per node and per layer, one shaded region per fault, and nothing loaded from anywhere", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-html-"));
    const run = await meshproof("run", "--nodes", "3", "--faults", "kill,pause", "--count", "2", "--seed", "4", "--report", dir);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, "report.json"), "utf8")));
    // every run writes it; `meshproof report` builds it again
    const written = await readFile(join(dir, "report.html"), "utf8");
    expect(run.stderr).toContain(`${dir}/report.html`);

    const built = await meshproof("report", dir);
    expect(built.exitCode, built.stderr).toBe(0);
    const path = built.stdout.trim();
    expect(path).toBe(join(dir, "report.html"));
    expect(await readFile(path, "utf8")).toBe(written);

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const attempts: string[] = [];
      await page.route(
        (url) => url.protocol !== "file:",
        (route) => {
          attempts.push(route.request().url());
          return route.abort();
        },
      );
      // the page's Content-Security-Policy stops a load before it is a request: a violation is an attempt too
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) attempts.push(message.text());
      });
      await page.goto(pathToFileURL(path).href);

      const lanes = await page.locator("[data-lane]").evaluateAll((els) => els.map((el) => el.getAttribute("data-lane")));
      expect(lanes).toEqual(report.nodes.map((n) => n.name));
      const faults = await page.locator("[data-fault]").evaluateAll((els) => els.map((el) => el.getAttribute("data-fault")));
      expect(faults).toEqual(report.iterations.map((it) => String(it.index)));
      expect(await page.locator("[data-failed-check]").count()).toBe(0);
      // a lane per layer with its verdict over the run, and in each a bar per iteration with the layer's verdict there
      const layerLanes = await page.locator("[data-layer]").evaluateAll((els) => els.map((el) => [el.getAttribute("data-layer"), el.getAttribute("data-verdict")]));
      expect(layerLanes).toEqual(LAYERS.map((layer) => [layer, report.layers[layer].verdict]));
      const meshBars = await page.locator(`[data-layer="mesh"] [data-iteration]`).evaluateAll((els) => els.map((el) => el.getAttribute("data-verdict")));
      expect(meshBars).toEqual(report.iterations.map((it) => it.layers.mesh.verdict));
      expect(await page.locator(".verdict").first().textContent()).toBe("pass");

      await mkdir("test-artifacts", { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(attempts).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("exits 2 naming the file when the directory has no report, or one that is not a meshproof report", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meshproof-html-"));
    const missing = await meshproof("report", dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, "report.json")}: cannot read it (no such file)`);

    await writeFile(join(dir, "report.json"), JSON.stringify({ verdict: "pass" }));
    const wrong = await meshproof("report", dir);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain(`${join(dir, "report.json")}: not a meshproof report: meshproofVersion:`);
  });
});
