CREATE TABLE "revoked_sessions" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Failures now count by what was typed and from where (lib/auth/throttle.ts). Rows older than 15 minutes
-- no longer matter, and the new columns cannot be filled in for old ones: start the table empty.
DELETE FROM "sign_in_failures";--> statement-breakpoint
ALTER TABLE "sign_in_failures" DROP CONSTRAINT "sign_in_failures_user_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "sign_in_failures_user_at_idx";--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "account_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "address" text NOT NULL;--> statement-breakpoint
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_account_address_at_idx" ON "sign_in_failures" USING btree ("account_key","address","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_address_at_idx" ON "sign_in_failures" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_at_idx" ON "sign_in_failures" USING btree ("at");--> statement-breakpoint
ALTER TABLE "sign_in_failures" DROP COLUMN "user_id";