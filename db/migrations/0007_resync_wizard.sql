CREATE TABLE `resync_wizard` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`direction` text NOT NULL,
	`dss` text NOT NULL,
	`requestors` text NOT NULL,
	`names` text DEFAULT '[]' NOT NULL,
	`global_max` integer DEFAULT false NOT NULL,
	`page` text DEFAULT 'direction' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`file` blob,
	`file_source` text,
	`before` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `resync_wizard_status` ON `resync_wizard` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `resync_wizard_step` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wizard_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`target` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`output` text DEFAULT '[]' NOT NULL,
	`checked` text,
	`failure` text,
	`ran_by` text,
	`ran_at` integer,
	`runs` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`wizard_id`) REFERENCES `resync_wizard`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resync_wizard_step_position` ON `resync_wizard_step` (`wizard_id`,`position`);