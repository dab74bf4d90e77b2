ALTER TABLE "users" ADD COLUMN "webhook_previous_secret_encrypted" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "webhook_previous_secret_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';