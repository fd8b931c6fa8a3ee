ALTER TABLE `event_log_settings` ADD `events` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- How many events each log holds, kept as events come and go (whoever writes them), so the Event
-- Viewer's status bar reads one row instead of counting a log of up to a million events each time.
UPDATE `event_log_settings` SET `events` = (SELECT count(*) FROM `event` WHERE `event`.`computer` = `event_log_settings`.`computer`);--> statement-breakpoint
CREATE TRIGGER `event_count_insert` AFTER INSERT ON `event` BEGIN
  UPDATE event_log_settings SET events = events + 1 WHERE computer = new.computer;
END;
--> statement-breakpoint
CREATE TRIGGER `event_count_delete` AFTER DELETE ON `event` BEGIN
  UPDATE event_log_settings SET events = events - 1 WHERE computer = old.computer;
END;
