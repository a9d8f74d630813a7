-- Report indexes, chosen from EXPLAIN ANALYZE over 1,000,000 sales
-- (docs/benchmarks.md): a year's sales summary for one store scanned the
-- whole sales heap and joined every payment row to its sale.

-- Sales by store and time, carrying every column the reports sum, so the
-- summary is an index-only scan. Supersedes sales_store_created_idx.
create index sales_report_idx on sales (store_id, created_at)
    include (total, discount_total, vat_total, net_total, change_due, cashier_id, commission);
drop index sales_store_created_idx;

-- Payments carry their sale's time (the same transaction's now()), so the
-- tender breakdown needs no join to sales.
alter table payments add column created_at timestamptz;
update payments p set created_at = s.created_at from sales s where s.id = p.sale_id;
alter table payments alter column created_at set not null, alter column created_at set default now();
create index payments_report_idx on payments (store_id, created_at) include (method, amount);
