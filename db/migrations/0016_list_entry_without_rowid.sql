-- Written by hand (drizzle has no WITHOUT ROWID): list_entry keyed by (po_id, address_key, removed_gen),
-- a live entry having removed_gen 0. The key replaces the rowid, the live-address index and list_key.
CREATE TABLE `__new_list_entry` (
	`po_id` integer NOT NULL,
	`address_key` text NOT NULL,
	`removed_gen` integer DEFAULT 0 NOT NULL,
	`full_name` text NOT NULL,
	`address` text NOT NULL,
	`template` text DEFAULT '' NOT NULL,
	`added_gen` integer NOT NULL,
	PRIMARY KEY(`po_id`, `address_key`, `removed_gen`),
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_list_entry` (`po_id`, `address_key`, `removed_gen`, `full_name`, `address`, `template`, `added_gen`) SELECT `po_id`, `address_key`, coalesce(`removed_gen`, 0), `full_name`, `address`, `template`, `added_gen` FROM `list_entry`;--> statement-breakpoint
DROP TABLE `list_entry`;--> statement-breakpoint
ALTER TABLE `__new_list_entry` RENAME TO `list_entry`;--> statement-breakpoint
CREATE INDEX `list_entry_gal` ON `list_entry` (`po_id`,full_name collate nocase,`address_key`);--> statement-breakpoint
CREATE INDEX `list_entry_retired` ON `list_entry` (`po_id`,`removed_gen`) WHERE removed_gen > 0;
