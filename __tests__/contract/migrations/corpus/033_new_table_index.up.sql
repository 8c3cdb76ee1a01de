CREATE TABLE orders (id bigint);
CREATE INDEX orders_id_idx ON orders (id);
