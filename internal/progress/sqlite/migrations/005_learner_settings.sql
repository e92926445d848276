-- frontline progress store, schema version 5: each learner's settings
-- (name = value) and the content notes they have read, so a note is shown
-- once per item (again when its text changes).

CREATE TABLE settings (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	name       TEXT    NOT NULL,
	value      TEXT    NOT NULL,
	updated    INTEGER NOT NULL,
	PRIMARY KEY (profile_id, name)
) WITHOUT ROWID;

-- note is a digest of the note's text when it was read.
CREATE TABLE notes_seen (
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	kind       TEXT    NOT NULL,
	item_id    TEXT    NOT NULL,
	note       TEXT    NOT NULL,
	seen       INTEGER NOT NULL,
	PRIMARY KEY (profile_id, kind, item_id)
) WITHOUT ROWID;
