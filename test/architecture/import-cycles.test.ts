import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";

const run = promisify(execFile);

/** Every folder of our own code; type-only imports count, since they tie the layers as tightly. */
const sourceFolders = ["worker", "agents", "media-worker", "db", "infra", "test"];

/** The import cycles madge finds, each as the list of files going round it. */
async function findImportCycles(): Promise<string[][]> {
  const { stdout } = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      join(projectRoot, "test/architecture/madge-typescript.ts"),
      join(projectRoot, "node_modules/madge/bin/cli.js"),
      "--circular",
      "--json",
      "--no-spinner",
      "--extensions",
      "ts",
      ...sourceFolders,
    ],
    // madge exits 1 when it finds a cycle; its JSON on stdout is the answer either way.
    { cwd: projectRoot, maxBuffer: 16 * 2 ** 20 },
  ).catch((error: { stdout?: string }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  return JSON.parse(stdout) as string[][];
}

describe("the module graph", () => {
  it("has no import cycle: a lower layer never imports a higher one", async () => {
    const cycles = await findImportCycles();
    expect(cycles.map((files) => [...files, files[0]].join(" → "))).toEqual([]);
  });
});
