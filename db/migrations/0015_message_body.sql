CREATE TABLE `message_body` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`attachment` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `message_body` (`message_id`, `attachment`) SELECT `id`, `attachment` FROM `message` WHERE `attachment` <> '';--> statement-breakpoint
ALTER TABLE `message` DROP COLUMN `attachment`;