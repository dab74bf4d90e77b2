CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"effect" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "jobs_unqueued_idx";--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "capacity_wait_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "capacity_round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_available_idx" ON "outbox" USING btree ("available_at");--> statement-breakpoint
CREATE INDEX "jobs_capacity_wait_idx" ON "jobs" USING btree ("capacity_wait_since") WHERE "jobs"."status" = 'queued' and "jobs"."capacity_wait_since" is not null;--> statement-breakpoint
-- Jobs the removed "unsent jobs" sweep would still have sent: the outbox sends them now.
INSERT INTO "outbox" ("job_id", "effect")
SELECT "id", jsonb_build_object('kind', 'dispatch', 'attempt', "attempt") FROM "jobs"
WHERE "status" = 'queued' AND "enqueued_at" IS NULL;
