import { lifecycleConfigurationXml, putBucketLifecycle, retentionDaysFrom } from "./bucket-lifecycle.ts";
import { targetBucket, wranglerVar } from "./wrangler-vars.ts";

/**
 * `npm run deploy:lifecycle`: sets the bucket's lifecycle rules (checkpoints, outputs,
 * unfinished multipart uploads; days from the environment, see bucket-lifecycle.ts, except the
 * outputs': wrangler.toml's `OUTPUT_RETENTION_DAYS`, which the Worker reads too) through the
 * S3 API at `S3_ENDPOINT` with `S3_ACCESS_KEY_ID` / `S3_SECRET_ACCESS_KEY`. Running it again
 * with the same days changes nothing: the configuration is replaced whole.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see README.md, "Deploying")`);
  return value;
}

// The Worker tells users when outputs expire from wrangler.toml's value: the rule must not say otherwise.
const outputDays = wranglerVar("OUTPUT_RETENTION_DAYS");
if (process.env.OUTPUT_RETENTION_DAYS && process.env.OUTPUT_RETENTION_DAYS !== outputDays) {
  console.error(
    `OUTPUT_RETENTION_DAYS is wrangler.toml's (${outputDays}), which the Worker reads too: change it there ` +
      "in every environment and deploy, rather than in this command's environment.",
  );
  process.exit(1);
}
const retention = retentionDaysFrom({ ...process.env, OUTPUT_RETENTION_DAYS: outputDays });
const access = {
  endpoint: required("S3_ENDPOINT"),
  bucket: targetBucket(),
  region: process.env.S3_REGION ?? "auto",
  accessKeyId: required("S3_ACCESS_KEY_ID"),
  secretAccessKey: required("S3_SECRET_ACCESS_KEY"),
};
const response = await putBucketLifecycle(access, lifecycleConfigurationXml(retention));
const answer = await response.text();
if (!response.ok) {
  console.error(`PutBucketLifecycleConfiguration on ${access.bucket} answered ${response.status}: ${answer}`);
  process.exit(1);
}
console.log(JSON.stringify({ bucket: access.bucket, retentionDays: retention }));
