CREATE TABLE `prompt_password_failure` (
	`account_name` text NOT NULL,
	`po` text NOT NULL,
	`failures` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompt_password_failure_key` ON `prompt_password_failure` (`account_name`,`po`);