import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "../../infra/local/config.ts";

const axeScript = join(projectRoot, "node_modules/axe-core/axe.min.js");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/**
 * Runs axe-core in the page and returns the serious and critical violations, one line each,
 * so a failing assertion reads as a list of what to fix.
 *
 * @example
 * expect(await seriousAccessibilityIssues(page)).toEqual([]);
 */
export async function seriousAccessibilityIssues(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses inline script.
  await page.evaluate(readFileSync(axeScript, "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}
