-- pgbench: the sale transaction the API runs, as raw SQL with the same
-- statements and locks: idempotency key, catalog read, user read, shift
-- lookup, receipt counter, sale + lines + payment, audit row, conditional
-- stock decrement of three products (last, in product-id order) with their
-- ledger rows. Variables (quoted, pgbench substitutes text):
--   -D user_id="'<uuid>'" -D store_id="'<uuid>'" -D nproducts=50
\set a random(1, :nproducts)
\set b (:a % :nproducts) + 1
\set c (:b % :nproducts) + 1
begin;
insert into idempotency_keys (user_id, key, request_hash, sale_id)
  values (:user_id, gen_random_uuid()::text, '\x00', gen_random_uuid());
select p.id, p.sku, p.name, p.price, p.tax_class, t.rate, p.active
  from products p join tax_rates t using (tax_class)
  where p.id in (select id from bench_products where n in (:a, :b, :c));
select id, commission_rate, active from users where id = :user_id;
select id from shifts where cashier_id = :user_id and store_id = :store_id and status = 'open' for share;
insert into receipt_counters (store_id, last_number) values (:store_id, 1)
  on conflict (store_id) do update set last_number = receipt_counters.last_number + 1;
with s as (select gen_random_uuid() as id)
, items as (
  insert into sale_items (sale_id, store_id, line_no, product_id, sku, name, quantity, unit_price, discount, line_total, tax_class, vat_rate, vat_amount)
  select s.id, :store_id, row_number() over (), p.id, p.sku, p.name, 1, p.price, 0, p.price, p.tax_class, 16, round(p.price * 16 / 116, 2)
  from s, bench_products b join products p on p.id = b.id where b.n in (:a, :b, :c)
  returning sale_id, line_total, vat_amount)
, pay as (
  insert into payments (sale_id, store_id, line_no, method, amount) select s.id, :store_id, 1, 'cash', 100000 from s)
insert into sales (id, store_id, receipt_number, cashier_id, discount_total, vat_total, net_total, total, amount_paid, change_due, commission_rate, commission)
  select s.id, :store_id, 'PGB-' || s.id::text, :user_id, 0, 0, 0, 0, 0, 0, 0, 0 from s;
insert into audit_logs (id, user_id, store_id, action, entity, entity_id, details)
  values (gen_random_uuid(), :user_id, :store_id, 'sale.create', 'sale', 'x', '{}');
with d as (select b.id as product_id, 1 as qty from bench_products b where b.n in (:a, :b, :c)),
locked as (select i.product_id from inventory i join d using (product_id) where i.store_id = :store_id order by i.product_id for update of i),
upd as (update inventory i set quantity = i.quantity - d.qty, updated_at = now() from d
        where i.store_id = :store_id and i.product_id = d.product_id and i.product_id in (select product_id from locked) and i.quantity >= d.qty
        returning i.product_id, d.qty, i.quantity)
insert into stock_movements (store_id, product_id, delta, quantity_after, cause, reference_id, user_id)
  select :store_id, product_id, -qty, quantity, 'sale', gen_random_uuid(), :user_id from upd;
commit;
