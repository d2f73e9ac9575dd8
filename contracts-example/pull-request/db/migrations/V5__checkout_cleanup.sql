-- Checkout v2: amounts now include tax, so the column gets a clearer name.
ALTER TABLE orders RENAME COLUMN amount TO total_amount;

-- Refunds become a first-class status.
ALTER TYPE order_status ADD VALUE 'refunded';

-- Guest checkout: customers may now have no e-mail address.
ALTER TABLE customers ALTER COLUMN email DROP NOT NULL;

-- Longer support notes.
ALTER TABLE orders ALTER COLUMN note TYPE varchar(1000);
