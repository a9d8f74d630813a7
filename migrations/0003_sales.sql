-- Sales, their lines and payments, receipt counters and idempotency keys.

-- One row per store; the sale transaction increments it, so receipt numbers
-- are gap-free (a rolled-back sale rolls back its increment too).
create table receipt_counters (
    store_id uuid primary key references stores (id),
    last_number bigint not null
);

create table sales (
    id uuid primary key,
    store_id uuid not null references stores (id),
    receipt_number text not null,
    cashier_id uuid not null references users (id),
    shift_id uuid,
    customer_phone text,
    discount_total numeric(14, 2) not null,
    vat_total numeric(14, 2) not null,
    net_total numeric(14, 2) not null,
    total numeric(14, 2) not null,
    amount_paid numeric(14, 2) not null,
    change_due numeric(14, 2) not null,
    -- the cashier's rate when the sale was made
    commission_rate numeric(5, 2) not null,
    commission numeric(14, 2) not null,
    created_at timestamptz not null default now(),
    unique (store_id, receipt_number),
    check (net_total + vat_total = total and amount_paid - change_due = total)
);
create index sales_store_created_idx on sales (store_id, created_at);
create index sales_cashier_created_idx on sales (cashier_id, created_at);

create table sale_items (
    sale_id uuid not null references sales (id) deferrable initially deferred,
    store_id uuid not null,
    line_no integer not null,
    product_id uuid not null references products (id),
    sku text not null,
    name text not null,
    quantity integer not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    discount numeric(14, 2) not null check (discount >= 0),
    line_total numeric(14, 2) not null check (line_total >= 0),
    tax_class text not null,
    vat_rate numeric(5, 2) not null,
    vat_amount numeric(14, 2) not null,
    returned_quantity integer not null default 0,
    primary key (sale_id, line_no),
    unique (sale_id, product_id),
    check (returned_quantity between 0 and quantity)
);

create table payments (
    sale_id uuid not null references sales (id) deferrable initially deferred,
    store_id uuid not null,
    line_no integer not null,
    method text not null check (method in ('cash', 'mpesa', 'card')),
    amount numeric(14, 2) not null check (amount > 0),
    reference text,
    primary key (sale_id, line_no)
);

-- Idempotency-Key records, scoped to the user who sent them. The row is
-- inserted first in the sale transaction, so a racing duplicate blocks on it
-- until the first commits and then returns that sale.
create table idempotency_keys (
    user_id uuid not null,
    key text not null,
    request_hash bytea not null,
    sale_id uuid not null,
    created_at timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
