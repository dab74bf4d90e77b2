import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clusterPlace } from "./postgres-cluster-place.ts";

describe.runIf(process.getuid?.() === 0)("the PostgreSQL cluster's place, as root", () => {
  const privateFolder = mkdtempSync(join(tmpdir(), "lh-place-"));
  const dataDirs = ["a", "b"].map((name) => join(privateFolder, name, ".data"));
  for (const dir of dataDirs) mkdirSync(dir, { recursive: true });
  afterAll(() => {
    for (const dir of dataDirs) rmSync(clusterPlace(dir).dir, { recursive: true, force: true });
    rmSync(privateFolder, { recursive: true, force: true });
  });

  it("is a private folder of the postgres account, one per data folder, linked from the data folder", () => {
    const [first, second] = dataDirs.map((dir) => clusterPlace(dir));

    expect(first!.dir).not.toBe(second!.dir);
    expect(readlinkSync(join(dataDirs[0]!, "postgres"))).toBe(first!.dir);
    const parent = statSync(first!.workDir);
    expect(parent.uid).toBe(first!.owner!.uid);
    expect(parent.mode & 0o777).toBe(0o700);
    // The user's private folder is left as private as it was.
    expect(statSync(privateFolder).mode & 0o077).toBe(0);
  });

  it("keeps the cluster while the link is there, and starts afresh once the data folder lost it", () => {
    const { dir } = clusterPlace(dataDirs[0]!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "PG_VERSION"), "17\n");

    expect(existsSync(join(clusterPlace(dataDirs[0]!).dir, "PG_VERSION"))).toBe(true);

    rmSync(join(dataDirs[0]!, "postgres"));
    expect(existsSync(join(clusterPlace(dataDirs[0]!).dir, "PG_VERSION"))).toBe(false);
  });
});
