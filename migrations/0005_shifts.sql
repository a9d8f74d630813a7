-- Cash-drawer shifts: a cashier opens a till with a float, sales and returns
-- are tied to the open shift, cash is paid in and out, and the close records
-- counted amounts per tender against what was expected (the Z report).

create table shifts (
    id uuid primary key,
    store_id uuid not null references stores (id),
    cashier_id uuid not null references users (id),
    till text not null check (length(till) between 1 and 40),
    status text not null default 'open' check (status in ('open', 'closed')),
    opening_float numeric(14, 2) not null check (opening_float >= 0),
    opened_at timestamptz not null default now(),
    closed_at timestamptz,
    closed_by uuid references users (id),
    -- per store, assigned at close; printed on the Z report
    z_number bigint,
    counted_cash numeric(14, 2),
    counted_mpesa numeric(14, 2),
    counted_card numeric(14, 2),
    expected_cash numeric(14, 2),
    expected_mpesa numeric(14, 2),
    expected_card numeric(14, 2),
    close_note text,
    check ((status = 'open') = (closed_at is null)),
    unique (store_id, z_number)
);
-- one open shift per cashier, and per till of a store
create unique index shifts_one_open_per_cashier on shifts (cashier_id) where status = 'open';
create unique index shifts_one_open_per_till on shifts (store_id, lower(till)) where status = 'open';
create index shifts_store_opened_idx on shifts (store_id, opened_at desc);

create table cash_movements (
    id uuid primary key,
    shift_id uuid not null references shifts (id),
    store_id uuid not null,
    kind text not null check (kind in ('in', 'out')),
    amount numeric(14, 2) not null check (amount > 0),
    reason text not null,
    user_id uuid not null references users (id),
    created_at timestamptz not null default now()
);
create index cash_movements_shift_idx on cash_movements (shift_id);

create table z_counters (
    store_id uuid primary key references stores (id),
    last_number bigint not null
);

create index sales_shift_idx on sales (shift_id) where shift_id is not null;
create index returns_shift_idx on returns (shift_id) where shift_id is not null;
