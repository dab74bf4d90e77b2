import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Where each running subprocess group of `runCommand` is written down, one file per group
 * (named by its id, holding the command). Recognizers lead their own group so a cancel kills
 * all of them; the price is that a SIGKILLed media worker no longer takes them down with it,
 * so the next start reads this folder and kills what is left (`killOrphanGroups`).
 */
let ledger: string | null = null;

/**
 * Starts writing down process groups in `dir` (the media worker's scratch root).
 *
 * @example
 * recordProcessGroupsIn(join(config.SCRATCH_DIR, "process-groups"));
 */
export function recordProcessGroupsIn(dir: string): void {
  mkdirSync(dir, { recursive: true });
  ledger = dir;
}

export function groupStarted(pgid: number, command: string): void {
  if (ledger) writeFileSync(join(ledger, String(pgid)), command);
}

export function groupEnded(pgid: number): void {
  if (ledger) rmSync(join(ledger, String(pgid)), { force: true });
}

/**
 * Kills every group written down in `dir` whose leader still runs the recorded command (a
 * reused id running something else is left alone), and clears the folder. Returns the ids killed.
 *
 * @example
 * const killed = killOrphanGroups(join(scratchRoot, "process-groups")); // [41234]
 */
export function killOrphanGroups(dir: string): number[] {
  const killed: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return killed;
  }
  for (const name of entries) {
    const pgid = Number(name);
    const command = readFileSync(join(dir, name), "utf8");
    rmSync(join(dir, name), { force: true });
    if (!Number.isInteger(pgid) || pgid <= 1 || !leaderRuns(pgid, command)) continue;
    try {
      process.kill(-pgid, "SIGKILL");
      killed.push(pgid);
    } catch {
      // Gone between the check and the kill.
    }
  }
  return killed;
}

function leaderRuns(pid: number, command: string): boolean {
  try {
    // comm holds at most 15 characters of the executable's name.
    const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    return comm.length > 0 && command.split("/").at(-1)!.startsWith(comm);
  } catch {
    return false;
  }
}
