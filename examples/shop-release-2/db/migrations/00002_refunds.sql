-- +goose Up
SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TABLE refunds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  amount bigint NOT NULL
);
ALTER TABLE orders RENAME COLUMN total TO total_cents;

-- +goose Down
ALTER TABLE orders RENAME COLUMN total_cents TO total;
DROP TABLE refunds;
