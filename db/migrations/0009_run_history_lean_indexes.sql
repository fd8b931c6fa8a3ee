DROP INDEX `run_history_kind`;--> statement-breakpoint
DROP INDEX `run_history_sim`;--> statement-breakpoint
DROP INDEX `run_history_outcome`;--> statement-breakpoint
DROP INDEX `run_history_group`;--> statement-breakpoint
CREATE INDEX `run_history_outcome` ON `run_history` (`outcome`,`id`) WHERE outcome <> 'OK';--> statement-breakpoint
CREATE INDEX `run_history_group` ON `run_history` (`group_id`) WHERE group_id is not null;