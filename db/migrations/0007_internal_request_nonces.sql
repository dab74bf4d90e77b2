CREATE TABLE "internal_request_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "internal_request_nonces_expires_idx" ON "internal_request_nonces" USING btree ("expires_at");