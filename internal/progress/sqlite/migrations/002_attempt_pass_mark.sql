-- An exam attempt keeps the pass mark it was taken with, so a resumed or
-- settled exam, the attempt review and a certificate state the mark that
-- applied (a session may have raised the module's).
ALTER TABLE attempts ADD COLUMN pass_mark INTEGER NOT NULL DEFAULT 0;
