CREATE TABLE orders (id bigint);
ALTER TABLE orders ADD COLUMN total bigint NOT NULL;
