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
  const parsed = ResultManifest.safeParse(await bucket.readJson(key));
  return parsed.success ? parsed.data : null;
}
