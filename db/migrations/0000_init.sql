CREATE TABLE `external_po` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`network` text NOT NULL,
	`name` text NOT NULL,
	`autocreated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_po_name` ON `external_po` (`po_id`,`network`,`name`);--> statement-breakpoint
CREATE TABLE `mailbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`name` text NOT NULL,
	`full_name` text NOT NULL,
	`dirsync` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mailbox_name` ON `mailbox` (`po_id`,`name`);--> statement-breakpoint
CREATE TABLE `postoffice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network` text NOT NULL,
	`name` text NOT NULL,
	`drive` text,
	`admin_password_hash` text NOT NULL,
	`file_server` text NOT NULL,
	`kind` text DEFAULT 'msmail' NOT NULL,
	`gal_gen` integer DEFAULT 0 NOT NULL,
	`gal_count` integer DEFAULT 0 NOT NULL,
	`pending_adds` integer DEFAULT 0 NOT NULL,
	`gal_rebuilt_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `postoffice_name` ON `postoffice` (`network`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `postoffice_drive` ON `postoffice` (`drive`);--> statement-breakpoint
CREATE TABLE `list_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`list_key` text NOT NULL,
	`address_key` text NOT NULL,
	`full_name` text NOT NULL,
	`address` text NOT NULL,
	`template` text DEFAULT '' NOT NULL,
	`added_gen` integer NOT NULL,
	`removed_gen` integer,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_entry_live` ON `list_entry` (`po_id`,`address_key`) WHERE removed_gen is null;--> statement-breakpoint
CREATE INDEX `list_entry_gal` ON `list_entry` (`po_id`,full_name collate nocase,address collate nocase);--> statement-breakpoint
CREATE INDEX `list_entry_retired` ON `list_entry` (`po_id`,`removed_gen`) WHERE removed_gen is not null;--> statement-breakpoint
CREATE TABLE `master_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dss_po_id` integer NOT NULL,
	`origin` text NOT NULL,
	`list_key` text NOT NULL,
	`address_key` text NOT NULL,
	`full_name` text NOT NULL,
	`address` text NOT NULL,
	`template` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`dss_po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `master_entry_address` ON `master_entry` (`dss_po_id`,`address_key`);--> statement-breakpoint
CREATE INDEX `master_entry_list` ON `master_entry` (`dss_po_id`,`list_key`,`address_key`);--> statement-breakpoint
CREATE TABLE `msttrans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dss_po_id` integer NOT NULL,
	`sync` integer NOT NULL,
	`stamp` integer NOT NULL,
	`crc` integer NOT NULL,
	`origin` text NOT NULL,
	`cycle` integer NOT NULL,
	`list_key` text,
	`txn` text NOT NULL,
	FOREIGN KEY (`dss_po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `msttrans_sync` ON `msttrans` (`dss_po_id`,`sync`);--> statement-breakpoint
CREATE INDEX `msttrans_cycle` ON `msttrans` (`dss_po_id`,`cycle`);--> statement-breakpoint
CREATE TABLE `reqconf` (
	`po_id` integer PRIMARY KEY NOT NULL,
	`dss` text,
	`password` text DEFAULT '' NOT NULL,
	`req_sync` integer DEFAULT 0 NOT NULL,
	`srv_sync` integer DEFAULT 0 NOT NULL,
	`imp_sync` integer DEFAULT 0 NOT NULL,
	`pending_r` integer,
	`reqtrans_high` integer DEFAULT 0 NOT NULL,
	`types` text DEFAULT 'PCM' NOT NULL,
	`transaction_limit` integer DEFAULT 0 NOT NULL,
	`send_updates` integer DEFAULT true NOT NULL,
	`receive_updates` integer DEFAULT true NOT NULL,
	`import_next` integer DEFAULT false NOT NULL,
	`last_outcome` text DEFAULT 'none' NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reqtrans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`sync` integer NOT NULL,
	`stamp` integer NOT NULL,
	`crc` integer NOT NULL,
	`txn` text NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reqtrans_sync` ON `reqtrans` (`po_id`,`sync`);--> statement-breakpoint
CREATE TABLE `srv_requestor` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dss_po_id` integer NOT NULL,
	`requestor` text NOT NULL,
	`password` text DEFAULT '' NOT NULL,
	`req_sync` integer DEFAULT 0 NOT NULL,
	`srv_sync` integer DEFAULT 0 NOT NULL,
	`imp_sync` integer DEFAULT 0 NOT NULL,
	`last_cycle` integer DEFAULT 0 NOT NULL,
	`last_update_at` integer,
	`reply_pending` integer DEFAULT false NOT NULL,
	`asked_r` integer DEFAULT 0 NOT NULL,
	`asked_s` integer DEFAULT 0 NOT NULL,
	`asked_i` integer DEFAULT 0 NOT NULL,
	`import_reply` integer DEFAULT false NOT NULL,
	`export_next` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`dss_po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `srv_requestor_name` ON `srv_requestor` (`dss_po_id`,`requestor`);--> statement-breakpoint
CREATE TABLE `srvconf` (
	`po_id` integer PRIMARY KEY NOT NULL,
	`sync` integer DEFAULT 0 NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`keep_updates` integer DEFAULT 14 NOT NULL,
	`purged_through` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `srvtrans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`stamp` integer NOT NULL,
	`numbers` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stored_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`place` text NOT NULL,
	`name` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stored_file_name` ON `stored_file` (`place`,`name`);--> statement-breakpoint
CREATE TABLE `log_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`po_id` integer NOT NULL,
	`file` text NOT NULL,
	`at` integer NOT NULL,
	`severity` text NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `log_line_file` ON `log_line` (`po_id`,`file`,`id`);--> statement-breakpoint
CREATE TABLE `message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`from_addr` text NOT NULL,
	`to_addr` text NOT NULL,
	`holder_po_id` integer NOT NULL,
	`place` text NOT NULL,
	`dest` text NOT NULL,
	`arrival` integer,
	`r` integer DEFAULT 0 NOT NULL,
	`was` integer DEFAULT 0 NOT NULL,
	`s` integer DEFAULT 0 NOT NULL,
	`i` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`no_reply` integer DEFAULT false NOT NULL,
	`password` text DEFAULT '' NOT NULL,
	`attachment` text DEFAULT '' NOT NULL,
	`numbers` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`message_id` text NOT NULL,
	FOREIGN KEY (`holder_po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `message_place` ON `message` (`holder_po_id`,`place`,`arrival`);--> statement-breakpoint
CREATE TABLE `clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`now` integer NOT NULL,
	`speed` real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counter` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `process_time` (
	`po_id` integer NOT NULL,
	`t` integer NOT NULL,
	`minute` integer NOT NULL,
	`last_done` integer,
	PRIMARY KEY(`po_id`, `t`, `minute`),
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
