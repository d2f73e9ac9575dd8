CREATE TABLE customers (
    id          bigserial PRIMARY KEY,
    email       varchar(254) NOT NULL UNIQUE,
    full_name   text NOT NULL,
    country     char(2),
    created_at  timestamptz NOT NULL DEFAULT now()
);
