import { readdirSync, readFileSync } from "node:fs";

export type ProcessEntry = { pid: number; ppid: number; pgid: number; comm: string; state: string };

/** Every live (not zombie) process on the machine, from /proc/<pid>/stat. */
export function processTable(): ProcessEntry[] {
  const table: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // comm is in parentheses and may hold spaces; the fields after the last ")" are plain.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const [state, ppid, pgid] = stat.slice(close + 2).split(" ");
      if (state !== "Z") table.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), comm, state: state! });
    } catch {
      // The process ended while we read.
    }
  }
  return table;
}

/**
 * The live processes below `root` (children, grandchildren…) plus any in `groups`, whatever
 * their parent now is: a recognizer leads its own group, so it outlives its parent unless killed.
 *
 * @example
 * processesOf(process.pid).filter((p) => p.comm === "tesseract");
 */
export function processesOf(root: number, groups: number[] = []): ProcessEntry[] {
  const table = processTable();
  const found = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return table.filter((p) => p.pid !== root && (found.has(p.pid) || groups.includes(p.pgid)));
}

/** Polls `check` every 100 ms until it holds, at most `limitMs`; returns whether it held. */
export async function eventually(check: () => boolean, limitMs: number): Promise<boolean> {
  for (const end = Date.now() + limitMs; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}
