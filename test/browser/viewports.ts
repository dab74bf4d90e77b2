import { join } from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "../../infra/local/config.ts";

/** The two sizes every page is checked at: a laptop and a phone. */
export const viewports = {
  wide: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export type ViewportName = keyof typeof viewports;

export const screenshotFolder = join(projectRoot, "test-results/screenshots");

/** Saves the whole page as test-results/screenshots/<name>-<viewport>.png, for a person to look at. */
export function saveScreenshot(page: Page, name: string, viewport: ViewportName): Promise<Buffer> {
  return page.screenshot({ path: join(screenshotFolder, `${name}-${viewport}.png`), fullPage: true });
}
