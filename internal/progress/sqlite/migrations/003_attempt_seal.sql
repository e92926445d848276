-- The seal of a finished exam attempt: its statement signed by the issuer
-- key of the machine that ran the exam (internal/certificate). Empty when
-- the attempt was not sealed: taken without an issuer key, finished before
-- this column existed, or written by something other than frontline.
ALTER TABLE attempts ADD COLUMN seal TEXT NOT NULL DEFAULT '';
