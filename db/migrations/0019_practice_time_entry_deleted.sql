ALTER TABLE "practice_time" DROP CONSTRAINT "practice_time_otj_entry_id_otj_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "practice_time" ADD CONSTRAINT "practice_time_otj_entry_id_otj_entries_id_fk" FOREIGN KEY ("otj_entry_id") REFERENCES "public"."otj_entries"("id") ON DELETE set null ON UPDATE no action;