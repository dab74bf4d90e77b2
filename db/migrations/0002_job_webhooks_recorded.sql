ALTER TABLE "jobs" ADD COLUMN "webhooks_recorded_at" timestamp with time zone;--> statement-breakpoint
-- Jobs that finished before this column existed were announced already (or never will be): do not replay them.
UPDATE "jobs" SET "webhooks_recorded_at" = coalesce("finished_at", now()) WHERE "status" IN ('completed', 'failed');
