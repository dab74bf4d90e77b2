ALTER TABLE "jobs" ADD COLUMN "name" text;--> statement-breakpoint
UPDATE "jobs" SET "name" = regexp_replace("uploads"."filename", '\.[^.]*$', '') FROM "uploads" WHERE "uploads"."id" = "jobs"."upload_id";--> statement-breakpoint
ALTER TABLE "jobs" ALTER COLUMN "name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "duration_seconds" real;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "poster_key" text;
