ALTER TABLE `directory_sync_object` ADD `display_name` text;--> statement-breakpoint
ALTER TABLE `directory_sync_object` ADD `ms_mailbox` text;