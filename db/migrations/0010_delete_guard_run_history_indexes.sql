CREATE TABLE `delete_guard` (
	`po_id` integer PRIMARY KEY NOT NULL,
	`names` integer DEFAULT 500 NOT NULL,
	`percent` integer DEFAULT 20 NOT NULL,
	`held_source` text,
	`held_removed` integer,
	`held_gal` integer,
	`held_limit` integer,
	`held_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `run_history_kind`;--> statement-breakpoint
DROP INDEX `run_history_sim`;--> statement-breakpoint
DROP INDEX `run_history_object`;--> statement-breakpoint
DROP INDEX `run_history_outcome`;--> statement-breakpoint
DROP INDEX `run_history_group`;--> statement-breakpoint
CREATE INDEX `run_history_object_kind` ON `run_history` (object collate nocase,kind collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `run_history_object` ON `run_history` (object collate nocase,`id`);--> statement-breakpoint
CREATE INDEX `run_history_outcome` ON `run_history` (`outcome`,`id`) WHERE outcome <> 'OK';--> statement-breakpoint
CREATE INDEX `run_history_group` ON `run_history` (`group_id`) WHERE group_id is not null;