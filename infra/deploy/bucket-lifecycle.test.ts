import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xmlElements, xmlText } from "../../agents/contracts/s3/xml.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { mediaWorkerS3Env, startTestS3, type TestS3 } from "../../test/support/local-s3.ts";
import { projectRoot } from "../local/config.ts";
import {
  DEFAULT_RETENTION_DAYS,
  lifecycleConfigurationXml,
  putBucketLifecycle,
  retentionDaysFrom,
} from "./bucket-lifecycle.ts";
import { wranglerVar } from "./wrangler-vars.ts";

/** Async, not spawnSync: the S3 server answers in this process. */
const run = promisify(execFile);

describe("lifecycle rules", () => {
  it("expire checkpoints and outputs by the prefixes their keys really have, and abort stale multipart uploads", () => {
    const xml = lifecycleConfigurationXml({ checkpoints: 3, outputs: 90, incompleteUploads: 5 });
    const rules = xmlElements(xml, "Rule").map((rule) => ({
      id: xmlText(rule, "ID"),
      prefix: xmlText(rule, "Prefix") ?? "",
      status: xmlText(rule, "Status"),
      days: Number(xmlText(rule, "Days") ?? xmlText(rule, "DaysAfterInitiation")),
    }));
    expect(rules).toEqual([
      { id: "checkpoints", prefix: "checkpoints/", status: "Enabled", days: 3 },
      { id: "outputs", prefix: "jobs/", status: "Enabled", days: 90 },
      { id: "incomplete-multipart-uploads", prefix: "", status: "Enabled", days: 5 },
    ]);
    const job = crypto.randomUUID();
    const ruleFor = (key: string) => rules.slice(0, 2).find((rule) => key.startsWith(rule.prefix))?.id;
    expect(ruleFor(storageKeys.checkpoint(job, "probe"))).toBe("checkpoints");
    expect(ruleFor(storageKeys.transcriptPiece(job, 3))).toBe("checkpoints");
    expect(ruleFor(storageKeys.speechTrack(job))).toBe("checkpoints");
    expect(ruleFor(storageKeys.output(job, "reel.mp4"))).toBe("outputs");
    expect(ruleFor(storageKeys.manifest(job))).toBe("outputs");
    expect(ruleFor(storageKeys.upload(job, job, "mp4"))).toBeUndefined(); // a user's lecture stays
  });

  it("takes its days from the environment, and refuses what would lose a resumable job's checkpoints", () => {
    expect(retentionDaysFrom({})).toEqual(DEFAULT_RETENTION_DAYS);
    expect(retentionDaysFrom({ CHECKPOINT_RETENTION_DAYS: "14", OUTPUT_RETENTION_DAYS: "30" })).toEqual({
      ...DEFAULT_RETENTION_DAYS,
      checkpoints: 14,
      outputs: 30,
    });
    expect(() => retentionDaysFrom({ CHECKPOINT_RETENTION_DAYS: "1" })).toThrow(
      /CHECKPOINT_RETENTION_DAYS.*at least 2/,
    );
    expect(() => retentionDaysFrom({ OUTPUT_RETENTION_DAYS: "0.5" })).toThrow(/OUTPUT_RETENTION_DAYS/);
    expect(() => retentionDaysFrom({ INCOMPLETE_UPLOAD_RETENTION_DAYS: "soon" })).toThrow(/whole number/);
  });

  it("keep outputs as long as the Worker says they are kept: one OUTPUT_RETENTION_DAYS in wrangler.toml", () => {
    const wranglerToml = readFileSync(join(projectRoot, "wrangler.toml"), "utf8");
    const everyEnvironment = [...wranglerToml.matchAll(/^OUTPUT_RETENTION_DAYS\s*=\s*"([^"]*)"/gm)].map((m) => m[1]);
    expect(everyEnvironment).toEqual(["365", "365", "365"]); // the local stack, staging, production
    expect(retentionDaysFrom({ OUTPUT_RETENTION_DAYS: wranglerVar("OUTPUT_RETENTION_DAYS") })).toEqual(
      DEFAULT_RETENTION_DAYS,
    );
  });
});

// The local S3 server verifies SigV4 but does not implement lifecycle rules: a request it
// accepts as signed reaches the operation and answers NotImplemented; a forged one is refused first.
describe("PutBucketLifecycleConfiguration against the local S3 server", () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(() => s3?.stop());

  const xml = lifecycleConfigurationXml(DEFAULT_RETENTION_DAYS);

  it("is signed: the server accepts the signature and reaches the lifecycle operation", async () => {
    const response = await putBucketLifecycle(s3.s3, xml);
    const body = await response.text();
    expect(xmlText(body, "Code")).toBe("NotImplemented");
    expect(response.status).toBe(501);
  });

  it("is sent by deploy:lifecycle with wrangler.toml's output days, and another value in its environment is refused", async () => {
    const deploy = (outputDays: string) =>
      run(process.execPath, ["--import", "tsx", join(projectRoot, "infra/deploy/apply-lifecycle.ts")], {
        cwd: projectRoot,
        env: { ...process.env, ...mediaWorkerS3Env(s3), OUTPUT_RETENTION_DAYS: outputDays },
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
    const refused = await deploy("30");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("OUTPUT_RETENTION_DAYS is wrangler.toml's (365)");
    // The same value goes on to the bucket (this server then answers that it has no lifecycle rules).
    const sent = await deploy("365");
    expect(sent.code).toBe(1);
    expect(sent.stderr).toContain("PutBucketLifecycleConfiguration on lecture-highlights answered 501");
  });

  it("with a wrong secret is refused as a bad signature", async () => {
    const response = await putBucketLifecycle({ ...s3.s3, secretAccessKey: "not-the-secret" }, xml);
    expect(response.status).toBe(403);
    expect(xmlText(await response.text(), "Code")).toBe("SignatureDoesNotMatch");
  });
});
