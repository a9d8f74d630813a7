-- Stores, users, refresh tokens and the append-only audit log.
create extension if not exists pg_trgm;

create table stores (
    id uuid primary key,
    code text not null unique check (code ~ '^[A-Z0-9]{2,10}$'),
    name text not null check (length(name) between 1 and 120),
    location text not null default '',
    kra_pin text not null default '',
    phone text,
    currency text not null default 'KES',
    -- reports cut days in this zone; all timestamps are stored in UTC
    time_zone text not null default 'Africa/Nairobi',
    -- when true a cashier must have an open shift to sell (cash-drawer shifts)
    requires_shift boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table users (
    id uuid primary key,
    username text not null,
    password_hash text not null,
    full_name text not null,
    role text not null check (role in ('admin', 'manager', 'cashier')),
    -- admins may have no store; everyone else belongs to exactly one
    store_id uuid references stores (id),
    phone text,
    commission_rate numeric(5, 2) not null default 0 check (commission_rate between 0 and 100),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint users_store_required check (role = 'admin' or store_id is not null)
);
create unique index users_username_key on users (lower(username));
create index users_store_idx on users (store_id);

-- Opaque refresh tokens, stored as SHA-256 hashes. A token is used once:
-- rotation marks it used and issues a new one in the same family; presenting
-- a used token again revokes the whole family (theft detection).
create table refresh_tokens (
    id uuid primary key,
    user_id uuid not null references users (id),
    family_id uuid not null,
    token_hash bytea not null unique,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    used_at timestamptz,
    revoked_at timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id) where revoked_at is null;

create table audit_logs (
    id uuid primary key,
    at timestamptz not null default now(),
    user_id uuid,
    store_id uuid,
    action text not null,
    entity text not null,
    entity_id text,
    ip text,
    details jsonb not null default '{}'::jsonb
);
create index audit_logs_at_idx on audit_logs (at desc, id);
create index audit_logs_action_at_idx on audit_logs (action, at desc);
create index audit_logs_user_at_idx on audit_logs (user_id, at desc);

-- Append-only: a trigger refuses UPDATE and DELETE for every role, since the
-- application may connect as the table's owner (where REVOKE would not bind).
create function audit_logs_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_logs is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_logs_no_update before update or delete on audit_logs
    for each row execute function audit_logs_append_only();
create trigger audit_logs_no_truncate before truncate on audit_logs
    for each statement execute function audit_logs_append_only();
