CREATE TABLE `delete_guard` (
	`po_id` integer PRIMARY KEY NOT NULL,
	`names` integer DEFAULT 500 NOT NULL,
	`percent` integer DEFAULT 20 NOT NULL,
	`held_source` text,
	`held_removed` integer,
	`held_gal` integer,
	`held_limit` integer,
	`held_at` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`po_id`) REFERENCES `postoffice`(`id`) ON UPDATE no action ON DELETE cascade
);
