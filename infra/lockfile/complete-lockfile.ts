import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../local/config.ts";

/**
 * The registry our machines reach is a partial mirror: some other platforms' binary packages
 * (biome's and workerd's for macOS, Windows, Android, musl) answer 404, so npm leaves them out
 * of package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This records
 * each missing optional platform package with its `os`/`cpu`/`libc` guard, which is what npm
 * itself would have written: `npm ci` skips such entries on other platforms.
 *
 * Run after every `npm install` (`npm run lockfile:complete`); a test fails while it is needed.
 */
type LockEntry = {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optional?: boolean;
};
type Lockfile = { packages: Record<string, LockEntry> };

const osNames: Record<string, string> = {
  darwin: "darwin",
  win32: "win32",
  windows: "win32",
  linux: "linux",
  android: "android",
  freebsd: "freebsd",
};
const cpuNames: Record<string, string> = { arm64: "arm64", x64: "x64", "64": "x64", ia32: "ia32", arm: "arm" };

/** Reads the platform a binary package is for from its name, e.g. `@biomejs/cli-linux-x64-musl`. */
export function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | null {
  const parts = (name.split("/").pop() ?? "").split("-");
  const os = parts.map((part) => osNames[part]).find(Boolean);
  const cpu = parts.map((part) => cpuNames[part]).find(Boolean);
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu], ...(parts.includes("musl") ? { libc: ["musl"] } : {}) };
}

/** Entries the lockfile lacks: `[path, entry]` for each optional platform package left out. */
export function missingPlatformEntries(lock: Lockfile): [string, LockEntry][] {
  const missing: [string, LockEntry][] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || !entry.optionalDependencies) continue;
    const base = path.slice(0, path.lastIndexOf("node_modules/"));
    for (const [name, range] of Object.entries(entry.optionalDependencies)) {
      const candidates = [`${path}/node_modules/${name}`, `${base}node_modules/${name}`, `node_modules/${name}`];
      if (candidates.some((candidate) => lock.packages[candidate])) continue;
      const platform = platformOf(name);
      if (!platform || !/^\d+\.\d+\.\d+/.test(range))
        throw new Error(`cannot complete ${name}@${range} (from ${path})`);
      missing.push([`${base}node_modules/${name}`, { version: range, ...platform, optional: true }]);
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(projectRoot, "package-lock.json");
  const lock = JSON.parse(readFileSync(file, "utf8")) as Lockfile;
  const missing = missingPlatformEntries(lock);
  for (const [path, entry] of missing) lock.packages[path] = entry;
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(JSON.stringify({ msg: "lockfile completed", added: missing.map(([path]) => path) }));
}
