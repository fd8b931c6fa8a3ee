-- The bytes each log holds, kept by the same triggers as its count (0012): every writer and
-- remover of events kept `used_bytes` itself before, so events written by anything else (a
-- direct insert) were counted but not sized.
DROP TRIGGER `event_count_insert`;--> statement-breakpoint
DROP TRIGGER `event_count_delete`;--> statement-breakpoint
UPDATE `event_log_settings` SET `used_bytes` = (SELECT coalesce(sum(`bytes`), 0) FROM `event` WHERE `event`.`computer` = `event_log_settings`.`computer`);--> statement-breakpoint
CREATE TRIGGER `event_log_insert` AFTER INSERT ON `event` BEGIN
  UPDATE event_log_settings SET events = events + 1, used_bytes = used_bytes + new.bytes WHERE computer = new.computer;
END;
--> statement-breakpoint
CREATE TRIGGER `event_log_delete` AFTER DELETE ON `event` BEGIN
  UPDATE event_log_settings SET events = events - 1, used_bytes = used_bytes - old.bytes WHERE computer = old.computer;
END;
