-- Returns against sales, and stock transfers between stores.

create table returns (
    id uuid primary key,
    sale_id uuid not null references sales (id),
    store_id uuid not null references stores (id),
    user_id uuid not null references users (id),
    shift_id uuid,
    reason text not null,
    refund_method text not null check (refund_method in ('cash', 'mpesa', 'card')),
    refund_total numeric(14, 2) not null check (refund_total >= 0),
    vat_reversed numeric(14, 2) not null check (vat_reversed >= 0),
    commission_reversed numeric(14, 2) not null check (commission_reversed >= 0),
    created_at timestamptz not null default now()
);
create index returns_sale_idx on returns (sale_id);
create index returns_store_created_idx on returns (store_id, created_at);

create table return_items (
    return_id uuid not null references returns (id),
    store_id uuid not null,
    sale_id uuid not null,
    line_no integer not null,
    product_id uuid not null,
    quantity integer not null check (quantity > 0),
    refund_amount numeric(14, 2) not null check (refund_amount >= 0),
    discount_share numeric(14, 2) not null,
    vat_amount numeric(14, 2) not null check (vat_amount >= 0),
    tax_class text not null,
    vat_rate numeric(5, 2) not null,
    primary key (return_id, line_no)
);
create index return_items_sale_idx on return_items (sale_id);

-- Transfers are distributed with the source store (from_store_id).
create table transfers (
    id uuid primary key,
    from_store_id uuid not null references stores (id),
    to_store_id uuid not null references stores (id),
    status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    note text not null default '',
    requested_by uuid not null references users (id),
    requested_at timestamptz not null default now(),
    decided_by uuid references users (id),
    decided_at timestamptz,
    reject_reason text,
    check (from_store_id <> to_store_id)
);
create index transfers_from_idx on transfers (from_store_id, requested_at desc);
create index transfers_to_idx on transfers (to_store_id, requested_at desc);

create table transfer_items (
    transfer_id uuid not null references transfers (id),
    from_store_id uuid not null,
    product_id uuid not null references products (id),
    quantity integer not null check (quantity > 0),
    primary key (transfer_id, product_id)
);
