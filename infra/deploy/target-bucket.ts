import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../local/config.ts";

/**
 * The bucket a deploy command configures: `S3_BUCKET` from the environment, else the top level
 * of wrangler.toml (the production bucket's name). Staging passes its own.
 *
 * @example
 * targetBucket({ S3_BUCKET: "lecture-highlights-staging" }); // "lecture-highlights-staging"
 */
export function targetBucket(env: NodeJS.ProcessEnv = process.env): string {
  const wranglerToml = readFileSync(join(projectRoot, "wrangler.toml"), "utf8");
  const bucket = env.S3_BUCKET ?? /^S3_BUCKET\s*=\s*"([^"]+)"/m.exec(wranglerToml)?.[1];
  if (!bucket) throw new Error("No S3_BUCKET in wrangler.toml or the environment");
  return bucket;
}
