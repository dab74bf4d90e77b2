DROP TABLE "artifacts" CASCADE;--> statement-breakpoint
DROP TABLE "highlights" CASCADE;--> statement-breakpoint
ALTER TABLE "jobs" DROP COLUMN "cancel_requested_at";--> statement-breakpoint
ALTER TABLE "jobs" DROP COLUMN "stats";