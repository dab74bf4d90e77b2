import { mkdir, rm } from "node:fs/promises";
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
