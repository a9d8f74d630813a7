-- Products, tax classes, per-store stock and the stock movements ledger.

-- VAT rates are data: when the rate changes, update this row (sales keep the
-- rate they were sold at on their lines).
create table tax_rates (
    tax_class text primary key check (tax_class in ('standard', 'zero_rated', 'exempt')),
    rate numeric(5, 2) not null check (rate between 0 and 100)
);
insert into tax_rates (tax_class, rate) values ('standard', 16.00), ('zero_rated', 0), ('exempt', 0);

create table products (
    id uuid primary key,
    sku text not null unique,
    barcode text unique,
    name text not null,
    category text not null default '',
    -- VAT-inclusive unit selling price
    price numeric(12, 2) not null check (price >= 0),
    cost numeric(12, 2) not null default 0 check (cost >= 0),
    tax_class text not null references tax_rates (tax_class),
    reorder_level integer not null default 0 check (reorder_level >= 0),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
-- case-insensitive substring search on name/sku/barcode stays indexed at 100k rows
create index products_search_trgm_idx on products
    using gin ((lower(name || ' ' || sku || ' ' || coalesce(barcode, ''))) gin_trgm_ops);
create index products_category_idx on products (category);
create index products_name_idx on products (lower(name), id);

create table inventory (
    store_id uuid not null references stores (id),
    product_id uuid not null references products (id),
    quantity integer not null default 0 check (quantity >= 0),
    updated_at timestamptz not null default now(),
    primary key (store_id, product_id)
);

-- Every change of stock is a row here, written in the transaction that
-- changes inventory.quantity, so stock = sum(delta) per store and product.
create table stock_movements (
    id bigint generated always as identity,
    store_id uuid not null,
    product_id uuid not null,
    delta integer not null check (delta <> 0),
    quantity_after integer not null check (quantity_after >= 0),
    cause text not null check (cause in ('sale', 'return', 'adjustment', 'transfer_out', 'transfer_in')),
    -- adjustments: count, damage, theft, received
    reason text,
    -- the sale, return, transfer or adjustment that caused it
    reference_id uuid,
    user_id uuid,
    created_at timestamptz not null default now(),
    primary key (store_id, id)
);
create index stock_movements_product_idx on stock_movements (store_id, product_id, created_at);
