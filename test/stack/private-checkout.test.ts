import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { type Launch, launchStack, refusesConnections } from "./launcher.ts";

/** Copies this working tree (tracked and new files, as they are now) without its ignored ones. */
function copyWorkingTree(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  for (const file of files.split("\0").filter(Boolean)) {
    if (existsSync(join(projectRoot, file))) cpSync(join(projectRoot, file), join(to, file));
  }
  // The same dependencies, without a second npm ci.
  symlinkSync(join(projectRoot, "node_modules"), join(to, "node_modules"));
}

describe("a checkout inside a private folder", () => {
  const privateFolder = mkdtempSync(join(tmpdir(), "lh-private-"));
  const checkout = join(privateFolder, "lecture-highlights");
  const { LH_DATA_DIR: _elsewhere, ...env } = testStackEnv(testPortOffset() + 600);
  let launch: Launch | undefined;
  afterAll(() => {
    launch?.launcher.kill("SIGINT");
    // As root the cluster lives outside the checkout, behind the .data/postgres link.
    const cluster = join(checkout, ".data/postgres");
    if (existsSync(cluster)) rmSync(realpathSync(cluster), { recursive: true, force: true });
    rmSync(privateFolder, { recursive: true, force: true });
  });

  it("starts with `npm run stack`, reports ready, and stops everything on SIGINT", async () => {
    expect(statSync(privateFolder).mode & 0o077).toBe(0);
    copyWorkingTree(checkout);

    launch = launchStack(checkout, env);
    const { api } = await launch.ready;
    expect((await fetch(`${api}/health/ready`)).status).toBe(200);

    launch.launcher.kill("SIGINT");
    expect((await launch.exited).code).toBe(0);
    for (const port of [env.LH_API_PORT, env.LH_POSTGRES_PORT, env.LH_MEDIA_WORKER_PORT, env.LH_S3_PORT]) {
      expect(await refusesConnections(Number(port))).toBe(true);
    }
    // The launcher left the user's folder as private as it found it.
    expect(statSync(privateFolder).mode & 0o077).toBe(0);
  });
});
