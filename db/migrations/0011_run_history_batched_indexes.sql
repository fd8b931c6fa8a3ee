CREATE TABLE `run_history_block` (
	`first_id` integer PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`sim_min` integer NOT NULL,
	`sim_max` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_run_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`object` text NOT NULL,
	`trigger` text NOT NULL,
	`who` text DEFAULT '' NOT NULL,
	`group_id` text,
	`sim_start` integer NOT NULL,
	`sim_end` integer NOT NULL,
	`wall_start` integer NOT NULL,
	`wall_end` integer NOT NULL,
	`txn_in` integer DEFAULT 0 NOT NULL,
	`txn_out` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`outcome` text NOT NULL,
	`numbers` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`message_list` text DEFAULT '[]' NOT NULL,
	`log_from` integer NOT NULL,
	`log_to` integer NOT NULL,
	`event_from` integer NOT NULL,
	`event_to` integer NOT NULL,
	`indexed` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_run_history`("id", "kind", "object", "trigger", "who", "group_id", "sim_start", "sim_end", "wall_start", "wall_end", "txn_in", "txn_out", "messages", "outcome", "numbers", "summary", "message_list", "log_from", "log_to", "event_from", "event_to", "indexed") SELECT "id", "kind", "object", "trigger", "who", "group_id", "sim_start", "sim_end", "wall_start", "wall_end", "txn_in", "txn_out", "messages", "outcome", "numbers", "summary", "message_list", "log_from", "log_to", "event_from", "event_to", 1 FROM `run_history`;--> statement-breakpoint
DROP TABLE `run_history`;--> statement-breakpoint
ALTER TABLE `__new_run_history` RENAME TO `run_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `run_history_object` ON `run_history` (object collate nocase,`id`,kind collate nocase,`sim_start`) WHERE indexed = 1;--> statement-breakpoint
CREATE INDEX `run_history_outcome` ON `run_history` (`outcome`,`id`) WHERE outcome <> 'OK';--> statement-breakpoint
CREATE INDEX `run_history_group` ON `run_history` (`group_id`) WHERE group_id is not null;--> statement-breakpoint
ALTER TABLE `run_history_settings` ADD `indexed_to` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO `run_history_block` (`first_id`, `last_id`, `sim_min`, `sim_max`)
  SELECT min(`id`), max(`id`), min(`sim_start`), max(`sim_start`) FROM `run_history` GROUP BY (`id` - 1) / 256;--> statement-breakpoint
INSERT INTO `run_history_settings` (`id`, `indexed_to`) SELECT 1, (SELECT max(`id`) FROM `run_history`) WHERE EXISTS (SELECT 1 FROM `run_history`)
  ON CONFLICT(`id`) DO UPDATE SET `indexed_to` = excluded.`indexed_to`;
