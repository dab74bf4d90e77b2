import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { escapeXml } from "../../agents/contracts/s3/xml.ts";
import { retentionPrefixes } from "../../agents/contracts/storage-keys.ts";

/** How many days objects live after they were written; the bucket deletes them then. */
export type RetentionDays = { checkpoints: number; outputs: number; incompleteUploads: number };

/**
 * Checkpoints serve only a resumed attempt, and a job lives at most a day in the queue
 * (`JOB_QUEUE_TIMEOUT_SECONDS`) plus its attempts: a week leaves room for an outage. Outputs are
 * what users came for. Unfinished multipart uploads keep R2's own default of 7 days, which a
 * lifecycle configuration replaces and so must restate.
 */
export const DEFAULT_RETENTION_DAYS: RetentionDays = { checkpoints: 7, outputs: 365, incompleteUploads: 7 };

/** Below two days a job resumed after a day-long wait for capacity could find its checkpoints gone. */
const MIN_CHECKPOINT_DAYS = 2;

function days(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of days, at least ${min} (got "${raw}")`);
  return value;
}

/**
 * The retention of `npm run deploy:lifecycle`, from `CHECKPOINT_RETENTION_DAYS`,
 * `OUTPUT_RETENTION_DAYS` and `INCOMPLETE_UPLOAD_RETENTION_DAYS` where set.
 *
 * @example
 * retentionDaysFrom({ OUTPUT_RETENTION_DAYS: "90" }); // { checkpoints: 7, outputs: 90, incompleteUploads: 7 }
 */
export function retentionDaysFrom(env: NodeJS.ProcessEnv): RetentionDays {
  const d = DEFAULT_RETENTION_DAYS;
  return {
    checkpoints: days(env, "CHECKPOINT_RETENTION_DAYS", d.checkpoints, MIN_CHECKPOINT_DAYS),
    outputs: days(env, "OUTPUT_RETENTION_DAYS", d.outputs),
    incompleteUploads: days(env, "INCOMPLETE_UPLOAD_RETENTION_DAYS", d.incompleteUploads),
  };
}

function rule(id: string, prefix: string, action: string): string {
  return (
    `<Rule><ID>${escapeXml(id)}</ID><Filter><Prefix>${escapeXml(prefix)}</Prefix></Filter>` +
    `<Status>Enabled</Status>${action}</Rule>`
  );
}

/**
 * The S3 `PutBucketLifecycleConfiguration` document: checkpoints and outputs expire by their
 * key prefixes (agents/contracts/storage-keys.ts), unfinished multipart uploads are aborted
 * bucket-wide. Uploaded lectures (`uploads/`) have no rule: they are the users' own files.
 *
 * @example
 * lifecycleConfigurationXml({ checkpoints: 7, outputs: 365, incompleteUploads: 7 });
 * // '<?xml …?><LifecycleConfiguration …><Rule><ID>checkpoints</ID><Filter><Prefix>checkpoints/</Prefix>…'
 */
export function lifecycleConfigurationXml(retention: RetentionDays): string {
  const expire = (daysAfter: number) => `<Expiration><Days>${daysAfter}</Days></Expiration>`;
  const rules = [
    rule("checkpoints", retentionPrefixes.checkpoints, expire(retention.checkpoints)),
    rule("outputs", retentionPrefixes.outputs, expire(retention.outputs)),
    rule(
      "incomplete-multipart-uploads",
      "",
      `<AbortIncompleteMultipartUpload><DaysAfterInitiation>${retention.incompleteUploads}</DaysAfterInitiation></AbortIncompleteMultipartUpload>`,
    ),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${rules.join("")}</LifecycleConfiguration>`
  );
}

export type BucketAccess = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * Replaces the bucket's lifecycle configuration with `xml` over the S3 API (R2 accepts it with an
 * Admin Read & Write token), SigV4-signed, with the `Content-MD5` S3 requires for this call.
 * Answers the response; the caller decides what a failure means.
 *
 * @example
 * const response = await putBucketLifecycle(access, lifecycleConfigurationXml(DEFAULT_RETENTION_DAYS));
 */
export function putBucketLifecycle(access: BucketAccess, xml: string): Promise<Response> {
  const client = new AwsClient({
    accessKeyId: access.accessKeyId,
    secretAccessKey: access.secretAccessKey,
    service: "s3",
    region: access.region,
    // A person runs this and can run it again: a few tries, not aws4fetch's ten with backoff.
    retries: 2,
  });
  const url = `${access.endpoint.replace(/\/$/, "")}/${encodeURIComponent(access.bucket)}?lifecycle`;
  return client.fetch(url, {
    method: "PUT",
    body: xml,
    headers: {
      "content-type": "application/xml",
      "content-md5": createHash("md5").update(xml).digest("base64"),
    },
  });
}
