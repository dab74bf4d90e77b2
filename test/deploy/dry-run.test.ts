import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";
import { buildWebApp } from "../../infra/web/build-web.ts";

const run = promisify(execFile);

describe("wrangler deploy --dry-run", () => {
  const outdir = mkdtempSync(join(tmpdir(), "lh-deploy-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("bundles the Worker with every binding wrangler.toml declares", async () => {
    await buildWebApp(); // the [assets] directory must exist
    const { stdout } = await run(
      process.execPath,
      [join(projectRoot, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", outdir],
      {
        cwd: projectRoot,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
      },
    );
    expect(existsSync(join(outdir, "index.js"))).toBe(true);
    expect(statSync(join(outdir, "index.js")).size).toBeGreaterThan(10_000);
    for (const binding of ["JOBS_QUEUE", "JOBS_DLQ", "WEBHOOKS_QUEUE", "JOB_ROOM", "ASSETS"])
      expect(stdout).toContain(binding);
  });
});
