-- frontline progress store, schema version 2: profile names are compared by
-- their confusable skeleton (Unicode TR39, case folded), so "alice",
-- "ALICE" and "аlice" (with a Cyrillic а) are one learner. The key is
-- computed in Go (textsafe.Skeleton): after this file runs, the migration
-- fills name_key for every existing profile in the same transaction.
-- Existing profiles whose keys collide are kept as they are (nothing is
-- deleted); a lookup by name then prefers the exact name, and no new
-- profile can take a key that is in use.
ALTER TABLE profiles ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX profiles_by_name_key ON profiles (name_key);
