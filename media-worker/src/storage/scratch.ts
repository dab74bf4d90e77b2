import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/**
 * Gives a job its own scratch directory and removes it whatever happens (success, failure,
 * abort): container disks are small and a leftover lecture would fill one.
 *
 * @example
 * await withScratchDir("/tmp/lh", jobId, async (dir) => { ... });
 */
export async function withScratchDir<T>(root: string, jobId: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = join(root, `${jobId}-${process.pid}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Removes the scratch directories of media worker processes that no longer run (a SIGKILL
 * skips `withScratchDir`'s cleanup, and an hour of lecture is gigabytes). Returns their names.
 *
 * @example
 * await removeDeadScratchDirs("/tmp/lh"); // ["0b6f…-4121-1796174091659"]
 */
export async function removeDeadScratchDirs(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const dead = names.filter((name) => {
    const pid = /^[0-9a-f-]{36}-(\d+)-\d+$/.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !existsSync(`/proc/${pid}`);
  });
  await Promise.all(dead.map((name) => rm(join(root, name), { recursive: true, force: true })));
  return dead;
}
