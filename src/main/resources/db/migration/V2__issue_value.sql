-- The offending value of an issue, as delivered (cut to 100 characters), so that operators and vendors see what was wrong.
ALTER TABLE run_issue ADD COLUMN value text;
