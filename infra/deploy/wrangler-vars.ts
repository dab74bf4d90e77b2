import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../local/config.ts";

/**
 * A variable of wrangler.toml's top-level `[vars]` (the first `NAME = "value"` line, as the
 * environments' sections come after it), so the deploy commands and the Worker read one value.
 *
 * @example
 * wranglerVar("OUTPUT_RETENTION_DAYS"); // "365"
 */
export function wranglerVar(name: string): string | undefined {
  const wranglerToml = readFileSync(join(projectRoot, "wrangler.toml"), "utf8");
  return new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m").exec(wranglerToml)?.[1];
}

/**
 * The bucket a deploy command configures: `S3_BUCKET` from the environment, else the top level
 * of wrangler.toml (the production bucket's name). Staging passes its own.
 *
 * @example
 * targetBucket({ S3_BUCKET: "lecture-highlights-staging" }); // "lecture-highlights-staging"
 */
export function targetBucket(env: NodeJS.ProcessEnv = process.env): string {
  const bucket = env.S3_BUCKET ?? wranglerVar("S3_BUCKET");
  if (!bucket) throw new Error("No S3_BUCKET in wrangler.toml or the environment");
  return bucket;
}
