CREATE TABLE `delivery_restriction` (
	`server_id` integer NOT NULL,
	`list` text NOT NULL,
	`recipient_id` integer NOT NULL,
	PRIMARY KEY(`server_id`, `list`, `recipient_id`),
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipient`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `directory_sync_object` (
	`server_id` integer PRIMARY KEY NOT NULL,
	`accept_from` text DEFAULT 'All' NOT NULL,
	`reject_from` text DEFAULT 'None' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recipient_attribute` (
	`recipient_id` integer NOT NULL,
	`attribute` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`recipient_id`, `attribute`),
	FOREIGN KEY (`recipient_id`) REFERENCES `recipient`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `template_map` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`direction` text NOT NULL,
	`prompt` text NOT NULL,
	`attribute` text NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_map_incoming` ON `template_map` (`server_id`,prompt collate nocase) WHERE direction = 'incoming';--> statement-breakpoint
CREATE UNIQUE INDEX `template_map_outgoing` ON `template_map` (`server_id`,`attribute`) WHERE direction = 'outgoing';--> statement-breakpoint
ALTER TABLE `connector_connection` ADD `kind` text DEFAULT 'LAN' NOT NULL;--> statement-breakpoint
ALTER TABLE `connector_connection` ADD `via_po_id` integer REFERENCES postoffice(id) ON DELETE cascade;--> statement-breakpoint
ALTER TABLE `connector_connection` ADD `phone_number` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `connector_connection` ADD `x121_address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `connector_connection` ADD `connection_attempts` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `pc_mta` ADD `connection_type` text DEFAULT 'LAN' NOT NULL;--> statement-breakpoint
ALTER TABLE `pc_mta` ADD `com_port` text DEFAULT 'COM1' NOT NULL;