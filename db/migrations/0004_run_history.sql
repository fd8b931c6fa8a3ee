CREATE TABLE `run_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`object` text NOT NULL,
	`trigger` text NOT NULL,
	`who` text DEFAULT '' NOT NULL,
	`group_id` text,
	`sim_start` integer NOT NULL,
	`sim_end` integer NOT NULL,
	`wall_start` integer NOT NULL,
	`wall_end` integer NOT NULL,
	`txn_in` integer DEFAULT 0 NOT NULL,
	`txn_out` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`outcome` text NOT NULL,
	`numbers` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`message_list` text DEFAULT '[]' NOT NULL,
	`log_from` integer NOT NULL,
	`log_to` integer NOT NULL,
	`event_from` integer NOT NULL,
	`event_to` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `run_history_object` ON `run_history` (`object`,`id`);--> statement-breakpoint
CREATE INDEX `run_history_kind` ON `run_history` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `run_history_outcome` ON `run_history` (`outcome`,`id`);--> statement-breakpoint
CREATE INDEX `run_history_sim` ON `run_history` (`sim_start`);--> statement-breakpoint
CREATE INDEX `run_history_group` ON `run_history` (`group_id`);--> statement-breakpoint
CREATE TABLE `run_history_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`max_rows` integer DEFAULT 100000 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
