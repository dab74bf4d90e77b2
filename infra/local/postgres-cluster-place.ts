import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { StartupFailure } from "./startup-failure.ts";

export type ClusterOwner = { uid: number; gid: number };

/**
 * Where the PostgreSQL cluster of one data folder lives. `workDir` holds the password file
 * while initdb runs and is the servers' working directory: both must be reachable by `owner`.
 */
export type ClusterPlace = { dir: string; workDir: string; owner: ClusterOwner | null };

/**
 * An ordinary user's cluster is `<data>/postgres`. As root, PostgreSQL runs as Debian's
 * `postgres` account, which cannot enter a checkout in a private folder (root's home, a
 * `mktemp -d`), and loosening the user's folders is not ours to do. So root's cluster lives in
 * `<postgres home>/lecture-highlights/<hash of the data folder>` (0700, owned by `postgres`),
 * and `<data>/postgres` is a link to it: one cluster per data folder, so two checkouts and two
 * test port offsets never share one, and deleting the data folder still starts from nothing.
 *
 * @example
 * clusterPlace("/root/lecture-highlights/.data").dir;
 * // "/var/lib/postgresql/lecture-highlights/3f2a9c0d1e4b5a67"
 */
export function clusterPlace(dataDir: string): ClusterPlace {
  const local = join(dataDir, "postgres");
  if (process.getuid?.() !== 0) return { dir: local, workDir: dataDir, owner: null };
  const account = postgresAccount();
  const base = join(account.home, "lecture-highlights");
  if (mkdirSync(base, { recursive: true, mode: 0o700 })) chownSync(base, account.uid, account.gid);
  assertOwnedDirectory(base, account.uid);
  const dir = join(base, createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 16));
  if (linkTarget(local) !== dir) {
    // No link yet means a new (or deleted) data folder: whatever cluster sat there is stale.
    rmSync(dir, { recursive: true, force: true });
    rmSync(local, { recursive: true, force: true });
    symlinkSync(dir, local);
  }
  return { dir, workDir: base, owner: { uid: account.uid, gid: account.gid } };
}

function linkTarget(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

function postgresAccount(): ClusterOwner & { home: string } {
  let entry: string[];
  try {
    entry = execFileSync("getent", ["passwd", "postgres"], { encoding: "utf8" }).trim().split(":");
  } catch {
    throw new StartupFailure(
      "postgres",
      'PostgreSQL refuses to run as root and there is no "postgres" account',
      "apt-get install postgresql (it creates the account), or run as an ordinary user",
    );
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]), home: entry[5]! };
}

/** Refuses a folder someone else could have planted (a link, or owned by another account). */
function assertOwnedDirectory(dir: string, uid: number): void {
  const stat = lstatSync(dir);
  if (stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0) return;
  throw new StartupFailure(
    "postgres",
    `${dir} is not a private folder of the postgres account`,
    `remove ${dir} (the launcher recreates it, mode 0700, owned by postgres)`,
  );
}
