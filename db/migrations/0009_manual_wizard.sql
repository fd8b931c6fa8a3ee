CREATE TABLE `manual_wizard` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dss` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`expected` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `manual_wizard_status` ON `manual_wizard` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `manual_wizard_step` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wizard_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`target` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`output` text DEFAULT '[]' NOT NULL,
	`checked` text,
	`failure` text,
	`ran_by` text,
	`ran_at` integer,
	`runs` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`wizard_id`) REFERENCES `manual_wizard`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manual_wizard_step_position` ON `manual_wizard_step` (`wizard_id`,`position`);