-- frontline progress store, schema version 6: extra time a trainer gave
-- one exam attempt (an accessibility need), in nanoseconds, on top of
-- time_limit: the attempt's deadline is started + time_limit + extension.
-- Saving an attempt never lowers it.
ALTER TABLE attempts ADD COLUMN extension INTEGER NOT NULL DEFAULT 0;
