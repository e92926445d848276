-- frontline progress store, schema version 1.
-- Times are Unix nanoseconds (UTC); 0 means "not set" (an unfinished attempt
-- or run). Durations are nanoseconds. Lists are JSON arrays.

CREATE TABLE profiles (
	id      INTEGER PRIMARY KEY,
	name    TEXT    NOT NULL COLLATE NOCASE UNIQUE,
	role    TEXT    NOT NULL,
	created INTEGER NOT NULL
);

-- Monotonic counters; answer_seq orders answers independently of the clock.
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('answer_seq', 0);

CREATE TABLE attempts (
	id           INTEGER PRIMARY KEY,
	profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	module_id    TEXT    NOT NULL,
	mode         TEXT    NOT NULL,
	fingerprint  TEXT    NOT NULL DEFAULT '',
	version      TEXT    NOT NULL DEFAULT '',
	seed         INTEGER NOT NULL DEFAULT 0,
	questions    TEXT    NOT NULL DEFAULT '[]',
	option_order TEXT    NOT NULL DEFAULT 'null',
	current      INTEGER NOT NULL DEFAULT 0,
	flagged      TEXT    NOT NULL DEFAULT '[]',
	time_limit   INTEGER NOT NULL DEFAULT 0,
	elapsed      INTEGER NOT NULL DEFAULT 0,
	started      INTEGER NOT NULL,
	finished     INTEGER NOT NULL DEFAULT 0,
	score        REAL    NOT NULL DEFAULT 0,
	total        INTEGER NOT NULL DEFAULT 0,
	passed       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attempts_by_module ON attempts (profile_id, module_id, mode, finished);
CREATE INDEX attempts_by_finished ON attempts (profile_id, finished);

CREATE TABLE answers (
	id          INTEGER PRIMARY KEY,
	seq         INTEGER NOT NULL UNIQUE,
	profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	attempt_id  INTEGER REFERENCES attempts(id) ON DELETE CASCADE,
	module_id   TEXT    NOT NULL,
	question_id TEXT    NOT NULL,
	version     TEXT    NOT NULL DEFAULT '',
	chosen      TEXT    NOT NULL DEFAULT '[]',
	correct     INTEGER NOT NULL,
	score       REAL    NOT NULL,
	time_taken  INTEGER NOT NULL DEFAULT 0,
	answered_at INTEGER NOT NULL
);
CREATE INDEX answers_by_profile ON answers (profile_id, seq);
CREATE INDEX answers_by_attempt ON answers (attempt_id, question_id);

CREATE TABLE runs (
	id           INTEGER PRIMARY KEY,
	profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	scenario_id  TEXT    NOT NULL,
	fingerprint  TEXT    NOT NULL DEFAULT '',
	path         TEXT    NOT NULL DEFAULT '[]',
	decisions    TEXT    NOT NULL DEFAULT '[]',
	started      INTEGER NOT NULL,
	finished     INTEGER NOT NULL DEFAULT 0,
	ending       TEXT    NOT NULL DEFAULT '',
	spotted      INTEGER NOT NULL DEFAULT 0,
	present      INTEGER NOT NULL DEFAULT 0,
	false_alarms INTEGER NOT NULL DEFAULT 0,
	red_herrings INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_scenario ON runs (profile_id, scenario_id, finished);
CREATE INDEX runs_by_finished ON runs (profile_id, finished);

CREATE TABLE checkpoints (
	run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	idx          INTEGER NOT NULL,
	scene        TEXT    NOT NULL,
	question     TEXT    NOT NULL,
	chosen       TEXT    NOT NULL DEFAULT '[]',
	spotted      INTEGER NOT NULL DEFAULT 0,
	present      INTEGER NOT NULL DEFAULT 0,
	false_alarms INTEGER NOT NULL DEFAULT 0,
	red_herrings INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;

-- One row per indicator recognised (hit = 1) or missed / falsely flagged
-- (hit = 0), from an answer or from a scenario checkpoint.
CREATE TABLE indicator_hits (
	id         INTEGER PRIMARY KEY,
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	answer_id  INTEGER REFERENCES answers(id) ON DELETE CASCADE,
	run_id     INTEGER REFERENCES runs(id) ON DELETE CASCADE,
	checkpoint INTEGER,
	indicator  TEXT    NOT NULL,
	hit        INTEGER NOT NULL
);
CREATE INDEX hits_by_profile ON indicator_hits (profile_id, indicator, hit);
CREATE INDEX hits_by_answer ON indicator_hits (answer_id);
CREATE INDEX hits_by_run ON indicator_hits (run_id, checkpoint);

CREATE TABLE bookmarks (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	kind       TEXT    NOT NULL,
	item_id    TEXT    NOT NULL,
	position   INTEGER NOT NULL DEFAULT 0,
	updated    INTEGER NOT NULL,
	PRIMARY KEY (profile_id, kind, item_id)
) WITHOUT ROWID;

CREATE TABLE completions (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	module_id  TEXT    NOT NULL,
	at         INTEGER NOT NULL,
	PRIMARY KEY (profile_id, module_id)
) WITHOUT ROWID;

-- The spaced-repetition queue. The scheduler (engine.Schedule) computes the
-- fields; the store keeps them as given.
CREATE TABLE review_items (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	kind       TEXT    NOT NULL,
	key        TEXT    NOT NULL,
	box        INTEGER NOT NULL,
	interval   INTEGER NOT NULL,
	due        INTEGER NOT NULL,
	lapses     INTEGER NOT NULL DEFAULT 0,
	updated    INTEGER NOT NULL,
	PRIMARY KEY (profile_id, kind, key)
) WITHOUT ROWID;
CREATE INDEX review_by_due ON review_items (profile_id, due);

-- Running totals for the dashboard, kept by triggers in the same
-- transaction as the rows they count, so the dashboard reads a few small
-- tables instead of scanning every answer.
CREATE TABLE answer_totals (
	profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
	answers    INTEGER NOT NULL
);
CREATE TRIGGER answers_count_insert AFTER INSERT ON answers BEGIN
	INSERT INTO answer_totals (profile_id, answers) VALUES (new.profile_id, 1)
		ON CONFLICT (profile_id) DO UPDATE SET answers = answers + 1;
END;
CREATE TRIGGER answers_count_delete AFTER DELETE ON answers BEGIN
	UPDATE answer_totals SET answers = answers - 1 WHERE profile_id = old.profile_id;
END;

CREATE TABLE indicator_totals (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	indicator  TEXT    NOT NULL,
	hits       INTEGER NOT NULL,
	misses     INTEGER NOT NULL,
	PRIMARY KEY (profile_id, indicator)
) WITHOUT ROWID;
CREATE TRIGGER hits_count_insert AFTER INSERT ON indicator_hits BEGIN
	INSERT INTO indicator_totals (profile_id, indicator, hits, misses)
		VALUES (new.profile_id, new.indicator, new.hit != 0, new.hit = 0)
		ON CONFLICT (profile_id, indicator) DO UPDATE SET hits = hits + (new.hit != 0), misses = misses + (new.hit = 0);
END;
CREATE TRIGGER hits_count_delete AFTER DELETE ON indicator_hits BEGIN
	UPDATE indicator_totals SET hits = hits - (old.hit != 0), misses = misses - (old.hit = 0)
		WHERE profile_id = old.profile_id AND indicator = old.indicator;
END;

-- Finished practice and exam attempts per module; recomputed for one module
-- whenever one of its attempts is stored finished.
CREATE TABLE module_totals (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	module_id  TEXT    NOT NULL,
	attempts   INTEGER NOT NULL,
	best       REAL    NOT NULL,
	last       INTEGER NOT NULL,
	PRIMARY KEY (profile_id, module_id)
) WITHOUT ROWID;
CREATE TRIGGER module_totals_insert AFTER INSERT ON attempts WHEN new.finished > 0 BEGIN
	INSERT OR REPLACE INTO module_totals (profile_id, module_id, attempts, best, last)
		SELECT profile_id, module_id, count(*), max(CASE WHEN total > 0 THEN 100.0 * score / total ELSE 0 END), max(finished)
		FROM attempts WHERE profile_id = new.profile_id AND module_id = new.module_id AND finished > 0 AND mode != 'review'
		GROUP BY profile_id, module_id;
END;
CREATE TRIGGER module_totals_update AFTER UPDATE ON attempts WHEN new.finished > 0 OR old.finished > 0 BEGIN
	DELETE FROM module_totals WHERE profile_id = new.profile_id AND module_id = new.module_id;
	INSERT INTO module_totals (profile_id, module_id, attempts, best, last)
		SELECT profile_id, module_id, count(*), max(CASE WHEN total > 0 THEN 100.0 * score / total ELSE 0 END), max(finished)
		FROM attempts WHERE profile_id = new.profile_id AND module_id = new.module_id AND finished > 0 AND mode != 'review'
		GROUP BY profile_id, module_id;
END;
