CREATE TABLE `address_space` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`type` text NOT NULL,
	`address` text NOT NULL,
	`cost` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `connector_connection` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`po_id` integer NOT NULL,
	`unc_path` text NOT NULL,
	`connect_as` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connector_connection_po` ON `connector_connection` (`server_id`,`po_id`);--> statement-breakpoint
CREATE TABLE `dirsync_export_container` (
	`link_id` integer NOT NULL,
	`container_id` integer NOT NULL,
	PRIMARY KEY(`link_id`, `container_id`),
	FOREIGN KEY (`link_id`) REFERENCES `dirsync_link`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`container_id`) REFERENCES `recipient_container`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `dirsync_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`kind` text NOT NULL,
	`po` text NOT NULL,
	`name` text NOT NULL,
	`append_name` integer DEFAULT false NOT NULL,
	`dirsync_address` text NOT NULL,
	`address_type` text DEFAULT 'MS' NOT NULL,
	`language` text DEFAULT 'English' NOT NULL,
	`import_container_id` integer,
	`import_trust` integer DEFAULT 0 NOT NULL,
	`export_trust` integer DEFAULT 100 NOT NULL,
	`export_custom` integer DEFAULT true NOT NULL,
	`send_templates` integer DEFAULT false NOT NULL,
	`receive_templates` integer DEFAULT false NOT NULL,
	`export_next` integer DEFAULT false NOT NULL,
	`schedule_style` text DEFAULT 'selected' NOT NULL,
	`schedule` text NOT NULL,
	`last_run_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_container_id`) REFERENCES `recipient_container`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dirsync_link_po` ON `dirsync_link` (`server_id`,`kind`,`po`);--> statement-breakpoint
CREATE UNIQUE INDEX `dirsync_link_name` ON `dirsync_link` (`server_id`,`name`);--> statement-breakpoint
CREATE TABLE `dirsync_server` (
	`server_id` integer PRIMARY KEY NOT NULL,
	`name` text DEFAULT 'Dirsync Server' NOT NULL,
	`administrator` text DEFAULT '' NOT NULL,
	`copy_administrator` integer DEFAULT false NOT NULL,
	`forward_to_administrator` integer DEFAULT false NOT NULL,
	`schedule_style` text DEFAULT 'selected' NOT NULL,
	`schedule` text NOT NULL,
	`last_run_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `exchange_server` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`name` text NOT NULL,
	`version` text DEFAULT '5.5 SP3' NOT NULL,
	`connector_po_id` integer NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `exchange_site`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connector_po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_server_name_unique` ON `exchange_server` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_server_connector_po_id_unique` ON `exchange_server` (`connector_po_id`);--> statement-breakpoint
CREATE TABLE `exchange_service` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`name` text NOT NULL,
	`display_name` text NOT NULL,
	`mta_id` integer,
	`state` text DEFAULT 'Running' NOT NULL,
	`started_at` integer,
	`read_at_start` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mta_id`) REFERENCES `pc_mta`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_service_name` ON `exchange_service` (`server_id`,name collate nocase);--> statement-breakpoint
CREATE TABLE `exchange_site` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization` text NOT NULL,
	`site` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exchange_site_name` ON `exchange_site` (`organization`,`site`);--> statement-breakpoint
CREATE TABLE `ms_mail_connector` (
	`server_id` integer PRIMARY KEY NOT NULL,
	`display_name` text DEFAULT 'MS Mail Connector' NOT NULL,
	`administrator_mailbox` text DEFAULT '' NOT NULL,
	`primary_language` text DEFAULT 'English' NOT NULL,
	`maximize_compatibility` integer DEFAULT true NOT NULL,
	`message_tracking` integer DEFAULT false NOT NULL,
	`apple_talk` integer DEFAULT false NOT NULL,
	`max_message_kb` integer,
	`admin_note` text DEFAULT '' NOT NULL,
	`confirm_connection_changes` integer DEFAULT true NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pc_mta` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` integer NOT NULL,
	`service_name` text NOT NULL,
	`poll_minutes` integer DEFAULT 5 NOT NULL,
	`config_minutes` integer DEFAULT 60 NOT NULL,
	`log_sent` integer DEFAULT false NOT NULL,
	`log_received` integer DEFAULT false NOT NULL,
	`running_poll_minutes` integer,
	`next_poll_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pc_mta_name` ON `pc_mta` (`server_id`,service_name collate nocase);--> statement-breakpoint
CREATE TABLE `pc_mta_postoffice` (
	`mta_id` integer NOT NULL,
	`po_id` integer NOT NULL,
	PRIMARY KEY(`mta_id`, `po_id`),
	FOREIGN KEY (`mta_id`) REFERENCES `pc_mta`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recipient` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`container_id` integer NOT NULL,
	`alias` text NOT NULL,
	`display_name` text NOT NULL,
	`kind` text NOT NULL,
	`trust` integer DEFAULT 0 NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`ms_mailbox` text,
	`target_address` text,
	`address_key` text,
	`imported_list` text,
	`imported_by` integer,
	`sent_name` text,
	`sent_address` text,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `exchange_site`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`container_id`) REFERENCES `recipient_container`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_alias` ON `recipient` (`site_id`,alias collate nocase);--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_proxy` ON `recipient` (`site_id`,`ms_mailbox`);--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_imported` ON `recipient` (`container_id`,`address_key`) WHERE address_key is not null;--> statement-breakpoint
CREATE INDEX `recipient_list` ON `recipient` (`container_id`,`imported_list`);--> statement-breakpoint
CREATE TABLE `recipient_container` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`name` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `exchange_site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_container_name` ON `recipient_container` (`site_id`,`name`);--> statement-breakpoint
CREATE TABLE `registry_value` (
	`server_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`server_id`, `name`),
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `diagnostics_level` (
	`server_id` integer NOT NULL,
	`service` text NOT NULL,
	`category` text NOT NULL,
	`level` integer DEFAULT 0 NOT NULL,
	`effective_level` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`server_id`, `service`, `category`),
	FOREIGN KEY (`server_id`) REFERENCES `exchange_server`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`computer` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`type` text NOT NULL,
	`category` text NOT NULL,
	`event_id` integer NOT NULL,
	`user` text DEFAULT 'N/A' NOT NULL,
	`description` text NOT NULL,
	`bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_newest` ON `event` (`computer`,"at" desc,"id" desc);--> statement-breakpoint
CREATE INDEX `event_by_id` ON `event` (`computer`,`event_id`,`source`,"at" desc);--> statement-breakpoint
CREATE INDEX `event_by_source` ON `event` (`computer`,`source`,"at" desc);--> statement-breakpoint
CREATE TABLE `event_log_settings` (
	`computer` text PRIMARY KEY NOT NULL,
	`max_kb` integer DEFAULT 512 NOT NULL,
	`overwrite` text DEFAULT 'as_needed' NOT NULL,
	`older_than_days` integer DEFAULT 7 NOT NULL,
	`used_bytes` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE `srv_requestor` ADD `reply_address` text;
--> statement-breakpoint
-- Find in descriptions: a trigram full-text index kept by triggers (drizzle cannot declare it).
CREATE VIRTUAL TABLE `event_fts` USING fts5(description, content='event', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `event_fts_insert` AFTER INSERT ON `event` BEGIN
  INSERT INTO event_fts(rowid, description) VALUES (new.id, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER `event_fts_delete` AFTER DELETE ON `event` BEGIN
  INSERT INTO event_fts(event_fts, rowid, description) VALUES ('delete', old.id, old.description);
END;
