import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Live descendants of `rootPid` grouped by command name, read from /proc (Linux: the container
 * and these machines). ffmpeg, pocketsphinx and tesseract run as children or grandchildren
 * (process groups of their own), so the walk follows parent ids down the whole tree.
 *
 * @example
 * childProcessesByCommand(process.pid) // Map { "ffmpeg" => 2, "pocketsphinx_co" => 2 }
 */
export function childProcessesByCommand(rootPid: number): Map<string, number> {
  const parents = new Map<number, { ppid: number; command: string }>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return new Map();
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (command) state ppid …": the command may hold spaces and parentheses.
      const close = stat.lastIndexOf(")");
      const command = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      parents.set(Number(pid), { ppid, command });
    } catch {
      // The process ended while we looked.
    }
  }
  const counts = new Map<string, number>();
  for (const [pid, { command }] of parents) {
    for (let ancestor = parents.get(pid)?.ppid; ancestor && ancestor > 1; ancestor = parents.get(ancestor)?.ppid) {
      if (ancestor === rootPid) {
        counts.set(command, (counts.get(command) ?? 0) + 1);
        break;
      }
    }
  }
  return counts;
}

/** Bytes of the files under `dir`, 0 when it does not exist. */
export function folderBytes(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const stats = statSync(path);
      total += stats.isDirectory() ? folderBytes(path) : stats.size;
    } catch {
      // Removed while we looked.
    }
  }
  return total;
}
