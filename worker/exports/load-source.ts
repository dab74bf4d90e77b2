import type { Database } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { completedManifest, sourceUpload } from "../jobs/results.ts";
import type { JobRow } from "../jobs/snapshot.ts";
import { Bucket } from "../storage/bucket.ts";
import type { ExportSource } from "./source.ts";

/**
 * What a completed job's exports are made from: its manifest's chapters and highlights, its
 * name and its upload's file name. Fails like the results do (409, 410, 502).
 *
 * @example
 * exportFormats.json.render(await loadExportSource(env, db, job));
 */
export async function loadExportSource(env: Env, db: Database, job: JobRow): Promise<ExportSource> {
  const manifest = await completedManifest(new Bucket(env), job);
  const upload = await sourceUpload(db, job);
  return {
    name: job.name,
    sourceFilename: upload?.filename ?? job.name,
    durationSeconds: manifest.durationSeconds,
    frameRate: manifest.frameRate ?? null,
    chapters: manifest.chapters,
    highlights: manifest.highlights,
  };
}
