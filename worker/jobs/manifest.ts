import { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { Bucket } from "../storage/bucket.ts";

/**
 * The result manifest a completed job left in storage, or null when it cannot be read
 * (missing, or not a manifest).
 *
 * @example
 * const manifest = await readManifest(new Bucket(env), job.manifestKey);
 */
export async function readManifest(bucket: Bucket, key: string): Promise<ResultManifest | null> {
  const response = await bucket.fetch(key);
  if (!response.ok) return null;
  const parsed = ResultManifest.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}
