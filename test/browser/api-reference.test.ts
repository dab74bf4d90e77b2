import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, type ViewportName, viewports } from "./viewports.ts";

const redoclyCli = join(projectRoot, "node_modules/@redocly/cli/bin/cli.js");

type LintReport = {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; location: Array<{ pointer: string }> }>;
};

/** The published API document and its reference page, as a user and a linter see them. */
describe("the API reference", () => {
  const suite = browserStack(900);
  const { stack } = suite;

  it("passes Redocly's recommended rules with no error", async () => {
    const document = await (await fetch(`${stack.apiUrl}/openapi.json`)).text();
    const file = join(mkdtempSync(join(tmpdir(), "lh-openapi-")), "openapi.json");
    writeFileSync(file, document);
    const lint = await promisify(execFile)(process.execPath, [redoclyCli, "lint", file, "--format=json"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    }).catch((failure: { stdout: string }) => failure);
    const report = JSON.parse(lint.stdout) as LintReport;
    expect(report.totals.errors).toBe(0);
    // What remains are true statements: health probes have no client error, and the
    // WebSocket's success is 101 Switching Protocols.
    const warnings = report.problems.map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`);
    expect(warnings.sort()).toEqual([
      "operation-2xx-response #/paths/~1v1~1jobs~1{id}~1events/get/responses",
      "operation-4xx-response #/paths/~1health/get/responses",
      "operation-4xx-response #/paths/~1health~1ready/get/responses",
    ]);
  });

  for (const viewport of Object.keys(viewports) as ViewportName[]) {
    it(`renders at ${viewport} size with every outside request blocked`, async () => {
      const context = await suite.browser.newContext({ viewport: viewports[viewport] });
      const outside: string[] = [];
      const origin = new URL(stack.apiUrl).origin;
      await context.route("**/*", (route) => {
        if (new URL(route.request().url()).origin === origin) return route.continue();
        outside.push(route.request().url());
        return route.abort("internetdisconnected");
      });
      const page = await context.newPage();
      await page.goto(`${stack.apiUrl}/docs`);
      await page.getByRole("heading", { name: "Lecture Highlights API" }).first().waitFor({ timeout: 30_000 });
      await page.getByText("Turns lecture recordings into highlights.").first().waitFor();
      await saveScreenshot(page, "docs", viewport);
      expect(outside).toEqual([]);
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
      await context.close();
    });
  }
});
