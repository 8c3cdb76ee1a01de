ALTER TABLE users ADD CONSTRAINT email_uq UNIQUE USING INDEX users_email_idx;
