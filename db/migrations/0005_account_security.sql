CREATE TABLE `known_client` (
	`client_hash` text NOT NULL,
	`account_id` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`client_hash`, `account_id`),
	FOREIGN KEY (`account_id`) REFERENCES `account`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `security_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`account_name` text,
	`address` text,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `security_event_kind_at` ON `security_event` (`kind`,`at`);--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_last_at` ON `sign_in_throttle` (`last_at`);--> statement-breakpoint
DROP TABLE `sign_in_failure`;--> statement-breakpoint
ALTER TABLE `account` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `session` ADD `address` text;