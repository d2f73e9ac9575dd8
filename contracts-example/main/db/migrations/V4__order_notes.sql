-- Support staff can leave a short note on an order.
ALTER TABLE orders ADD COLUMN note varchar(200);
