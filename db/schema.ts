import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { type JobOptionChoices, type JobOptions, jobStatuses, type StageStates } from "../agents/contracts/job.ts";
import { organizationRoles } from "../worker/auth/roles.ts";
import type { OutboxEffect } from "../worker/outbox/effect.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
const at = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Lower-cased and trimmed before it is stored; unique. */
  email: text("email").notNull().unique(),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`: the format carries its own parameters. */
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Who owns jobs, uploads, API keys and webhook endpoints. Every user has a personal one (its
 * `personalUserId`, and the same id as the user: the account secrets encrypted for the user's
 * id before organizations existed still decrypt); team organizations have none.
 */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  personalUserId: uuid("personal_user_id")
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Secret that signs per-job webhooks, encrypted at rest (AES-GCM with the server's key). */
  webhookSecretEncrypted: text("webhook_secret_encrypted"),
  /** When the current secret was created or last rotated (null for secrets older than the column). */
  webhookSecretCreatedAt: at("webhook_secret_created_at"),
  /** After a rotation the old secret keeps signing beside the new one until this time. */
  webhookPreviousSecretEncrypted: text("webhook_previous_secret_encrypted"),
  webhookPreviousSecretExpiresAt: at("webhook_previous_secret_expires_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The organization a row belongs to; deleting the organization deletes it. */
const organizationId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const organizationRole = pgEnum("organization_role", organizationRoles);

export const memberships = pgTable(
  "memberships",
  {
    organizationId: organizationId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: organizationRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** An invitation to join with a role: single use, expiring; only the token's SHA-256 is stored. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Lower-cased and trimmed: only the account with this email can accept. */
    email: text("email").notNull(),
    role: organizationRole("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: at("expires_at").notNull(),
    acceptedAt: at("accepted_at"),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_organization_idx").on(t.organizationId, t.createdAt)],
);

/** Rotating refresh tokens: one row per issued token, chained by family for reuse detection. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull(),
    /** SHA-256 of the token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
    revokedAt: at("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("refresh_tokens_family_idx").on(t.familyId),
    // The cron prunes by age (worker/scheduled/prune-expired.ts): each sweep reads the oldest first.
    index("refresh_tokens_expires_idx").on(t.expiresAt),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Who created it; the organization owns it. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in listings so a user can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    scopes: text("scopes").array().notNull(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("api_keys_organization_idx").on(t.organizationId)],
);

export const uploadStatus = pgEnum("upload_status", ["pending", "completed", "aborted", "expired"]);

export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Who created it; the organization owns it. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    objectKey: text("object_key").notNull().unique(),
    status: uploadStatus("status").notNull().default("pending"),
    /** Set for multipart uploads: the storage's upload id and the fixed part size. */
    multipartUploadId: text("multipart_upload_id"),
    partSize: integer("part_size"),
    partCount: integer("part_count"),
    expiresAt: at("expires_at").notNull(),
    completedAt: at("completed_at"),
    /** The object's ETag when the upload completed: a job reads only that object, not a replacement. */
    objectEtag: text("object_etag"),
    createdAt: createdAt(),
  },
  (t) => [
    index("uploads_organization_idx").on(t.organizationId, t.createdAt),
    index("uploads_expiry_idx").on(t.status, t.expiresAt),
  ],
);

export const jobStatus = pgEnum("job_status", jobStatuses);

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Who created it; the organization owns it. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id),
    status: jobStatus("status").notNull().default("queued"),
    /** What people call the lecture: the upload's file name without its extension, editable. */
    name: text("name").notNull(),
    /** Known once the job completes: the lecture's length and a picture to show it by. */
    durationSeconds: real("duration_seconds"),
    posterKey: text("poster_key"),
    /**
     * What the job's AI calls cost in USD (the manifest's `stats.costUsd`), stored at completion
     * so usage sums it in SQL; null until then and for jobs that never completed.
     */
    aiCostUsd: doublePrecision("ai_cost_usd"),
    options: jsonb("options").$type<JobOptions>().notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    webhookUrl: text("webhook_url"),
    stage: text("stage"),
    progress: real("progress").notNull().default(0),
    stages: jsonb("stages").$type<StageStates>().notNull().default({}),
    attempt: integer("attempt").notNull().default(1),
    maxAttempts: integer("max_attempts").notNull().default(3),
    /** When the queue last accepted a message for the current attempt (the outbox sends it). */
    enqueuedAt: at("enqueued_at"),
    /** When the current wait for a free media worker began; null while the job is not waiting. */
    capacityWaitSince: at("capacity_wait_since"),
    /** Busy answers in the current wait: a queue message of an earlier round is a stale copy. */
    capacityRound: integer("capacity_round").notNull().default(0),
    leaseExpiresAt: at("lease_expires_at"),
    /** Highest event seq applied for the current attempt; older or repeated reports change nothing. */
    lastEventSeq: integer("last_event_seq").notNull().default(-1),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /**
     * The result manifest in storage: the one copy of a job's results (highlights, chapters,
     * reel, transcripts, stats), which the results route and the webhooks read. Nothing copies
     * it into rows: a copy is one more place to disagree, and nothing queries across jobs.
     */
    manifestKey: text("manifest_key"),
    /** Set once a finished job's webhook deliveries are written; the cron sweeps finished jobs without it. */
    startedAt: at("started_at"),
    finishedAt: at("finished_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Also serves usage: an organization's jobs started within a range of months (worker/usage/).
    index("jobs_organization_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("jobs_lease_idx").on(t.status, t.leaseExpiresAt),
    index("jobs_capacity_wait_idx")
      .on(t.capacityWaitSince)
      .where(sql`${t.status} = 'queued' and ${t.capacityWaitSince} is not null`),
  ],
);

/**
 * Public links to a job's results for people without an account. The token is only ever shown
 * to its creator: the row keeps its SHA-256. Revoking deletes the row, and so does deleting the
 * job (the cascade), so a link works exactly while its row is here and unexpired.
 */
export const jobShares = pgTable(
  "job_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: at("expires_at").notNull(),
    /** Who made the link: a public link of a team's job is someone's decision. Null once they are gone. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("job_shares_job_idx").on(t.jobId, t.createdAt)],
);

/**
 * Side effects of a committed state change (room updates, queue sends, webhook deliveries,
 * cancels sent to the media worker), written in the same transaction as the change, performed
 * right after the commit and by the cron for whatever is left. A row is deleted once done.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    effect: jsonb("effect").$type<OutboxEffect>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Not before: a drain claims a row by moving this forward, a failure by backing off. */
    availableAt: at("available_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_available_idx").on(t.availableAt)],
);

/**
 * Every report a media worker made, as it made it: the dedupe key (job, attempt, seq) and the
 * audit trail of a run. A `completed` payload holds the manifest it announced; that is the
 * record of what was reported, not a copy anything reads results from.
 */
export const jobEvents = pgTable(
  "job_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("job_events_dedupe_idx").on(t.jobId, t.attempt, t.seq),
    index("job_events_created_idx").on(t.createdAt),
  ],
);

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Who created it; the organization owns it. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description"),
    eventTypes: text("event_types").array().notNull(),
    secretEncrypted: text("secret_encrypted").notNull(),
    /** After a rotation the old secret keeps signing beside the new one until this time. */
    previousSecretEncrypted: text("previous_secret_encrypted"),
    previousSecretExpiresAt: at("previous_secret_expires_at"),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    failingSince: at("failing_since"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_organization_idx").on(t.organizationId)],
);

export const deliveryStatus = pgEnum("delivery_status", ["pending", "succeeded", "failed", "abandoned"]);

/** One event to one destination; its `id` is the `webhook-id`, stable across retries. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** Null for a per-job `webhookUrl`, which is signed with the organization's secret. */
    endpointId: uuid("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    /** Set while a consumer is sending: a duplicate queue message finds it taken and leaves it. */
    lockedUntil: at("locked_until"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_created_idx").on(t.createdAt),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    /** Exactly one delivery per (job, event, destination), whatever the queues redeliver. */
    uniqueIndex("webhook_deliveries_once_idx").on(t.jobId, t.eventType, t.url),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: at("attempted_at").notNull().defaultNow(),
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);

/** `Idempotency-Key` records: the same key and body return the same job. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organizationId: organizationId(),
    /** Who created it; the organization owns it. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * Nonces of signed internal requests the Worker has accepted (agents/contracts/internal-auth.ts):
 * a nonce seen twice is a replay. Rows outlive the signature's tolerance window, then the cron
 * deletes them (a replay after that is refused as expired).
 */
export const internalRequestNonces = pgTable(
  "internal_request_nonces",
  {
    nonce: text("nonce").primaryKey(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("internal_request_nonces_expires_idx").on(t.expiresAt)],
);

/**
 * An organization's optional monthly limits (worker/usage/limits.ts); null leaves that amount
 * unlimited. New jobs are refused once a month's usage reaches a limit. The row is also the lock
 * that serializes the limit check of the organization's concurrent job creations.
 */
export const usageLimits = pgTable("usage_limits", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  monthlyMinutes: integer("monthly_minutes"),
  monthlyCostUsd: doublePrecision("monthly_cost_usd"),
  updatedAt: updatedAt(),
});

/**
 * A user's preferences (`/v1/me/preferences`): the job options their jobs start from when a job
 * leaves a field out, and which emails they want. No row means no defaults and no emails.
 */
export const userPreferences = pgTable("user_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  jobDefaults: jsonb("job_defaults").$type<JobOptionChoices>().notNull().default({}),
  emailOnCompleted: boolean("email_on_completed").notNull().default(false),
  emailOnFailed: boolean("email_on_failed").notNull().default(false),
  updatedAt: updatedAt(),
});

/** An organization's default job options, under each member's own (`/v1/organization/preferences`). */
export const organizationPreferences = pgTable("organization_preferences", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  jobDefaults: jsonb("job_defaults").$type<JobOptionChoices>().notNull().default({}),
  updatedAt: updatedAt(),
});

export const notificationOutcome = pgEnum("notification_outcome", ["completed", "failed"]);

/**
 * One email about one job's outcome to one user: the record that keeps it to one whatever the
 * queues and the outbox redeliver. `sentAt` is set once the provider accepted it; a row left
 * unsent (a failing provider) is tried again by the outbox's backoff.
 */
export const jobNotifications = pgTable(
  "job_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    outcome: notificationOutcome("outcome").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Set while a drain is sending: another drain of a redelivered effect finds it taken and leaves it. */
    lockedUntil: at("locked_until"),
    sentAt: at("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("job_notifications_once_idx").on(t.jobId, t.userId, t.outcome)],
);
