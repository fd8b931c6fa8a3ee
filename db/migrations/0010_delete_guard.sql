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
DROP INDEX `run_history_object`;--> statement-breakpoint
DROP INDEX `run_history_kind`;--> statement-breakpoint
CREATE INDEX `run_history_object_kind` ON `run_history` (object collate nocase,kind collate nocase,`id`,`sim_start`);--> statement-breakpoint
CREATE INDEX `run_history_object_outcome` ON `run_history` (object collate nocase,`outcome`,`id`,`sim_start`);--> statement-breakpoint
CREATE INDEX `run_history_trigger` ON `run_history` (trigger collate nocase,`id`,`sim_start`);--> statement-breakpoint
CREATE INDEX `run_history_object` ON `run_history` (object collate nocase,`id`,`sim_start`);--> statement-breakpoint
CREATE INDEX `run_history_kind` ON `run_history` (kind collate nocase,`id`,`sim_start`);