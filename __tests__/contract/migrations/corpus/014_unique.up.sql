ALTER TABLE users ADD CONSTRAINT email_uq UNIQUE (email);
