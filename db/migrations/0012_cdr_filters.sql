CREATE INDEX "cdr_agent_start_idx" ON "cdr" USING btree ("agent_id","start_time");--> statement-breakpoint
CREATE INDEX "cdr_trunk_start_idx" ON "cdr" USING btree ("trunk_id","start_time");--> statement-breakpoint
CREATE INDEX "cdr_destination_idx" ON "cdr" USING btree ("destination");--> statement-breakpoint
CREATE INDEX "cdr_callerid_idx" ON "cdr" USING btree ("callerid");