# scripts/bench reports (sourced by scripts/bench): 1,000,000 sales over the
# past year across the three demo stores (two lines each: standard-rated and
# exempt; one payment; 2 % returned), then report latency as an admin.
SALES="${BENCH_SALES:-1000000}"
echo "seeding $SALES sales ..."
t0=$(date +%s)
sql <<SQL
create temp table gen as
  select g,
         gen_random_uuid() as id,
         s.id as store_id, s.cashier_id, s.code,
         now() - make_interval(secs => random() * 365 * 86400) as created_at,
         round((random() * 2000 + 10)::numeric, 2) as std_amount,
         round((random() * 500 + 5)::numeric, 2) as exempt_amount
  from generate_series(1, $SALES) g
  join (select row_number() over (order by code) - 1 as k, st.id, st.code,
               (select id from users u where u.store_id = st.id and u.role = 'cashier' order by username limit 1) as cashier_id
        from stores st) s on s.k = g % 3;
alter table gen add column vat numeric(14, 2);
update gen set vat = round(std_amount * 16 / 116, 2);
insert into sales (id, store_id, receipt_number, cashier_id, discount_total, vat_total, net_total, total, amount_paid, change_due, commission_rate, commission, created_at)
  select id, store_id, code || '-B' || g, cashier_id, 0, vat, std_amount + exempt_amount - vat, std_amount + exempt_amount,
         std_amount + exempt_amount, 0, 2.5, round((std_amount + exempt_amount - vat) * 0.025, 2), created_at from gen;
insert into sale_items (sale_id, store_id, line_no, product_id, sku, name, quantity, unit_price, discount, line_total, tax_class, vat_rate, vat_amount)
  select id, store_id, 1, (select id from products where tax_class = 'standard' limit 1), 'STD', 'Standard item', 1, std_amount, 0, std_amount, 'standard', 16, vat from gen
  union all
  select id, store_id, 2, (select id from products where tax_class = 'exempt' limit 1), 'EXM', 'Exempt item', 1, exempt_amount, 0, exempt_amount, 'exempt', 0, 0 from gen;
insert into payments (sale_id, store_id, line_no, method, amount, created_at)
  select id, store_id, 1, (array['cash','mpesa','card'])[1 + g % 3], std_amount + exempt_amount, created_at from gen;
insert into returns (id, sale_id, store_id, user_id, reason, refund_method, refund_total, vat_reversed, commission_reversed, created_at)
  select gen_random_uuid(), id, store_id, cashier_id, 'bench', 'cash', exempt_amount, 0, 0, created_at + interval '1 hour' from gen where g % 50 = 0;
insert into return_items (return_id, store_id, sale_id, line_no, product_id, quantity, refund_amount, discount_share, vat_amount, tax_class, vat_rate)
  select r.id, r.store_id, r.sale_id, 2, (select id from products where tax_class = 'exempt' limit 1), 1, r.refund_total, 0, 0, 'exempt', 0
  from returns r where r.reason = 'bench';
-- the steady state autovacuum keeps: statistics and the visibility map
vacuum analyze;
SQL
echo "seeded in $(( $(date +%s) - t0 ))s: $(sql -c 'select count(*) from sales') sales, $(sql -c 'select count(*) from sale_items') lines"

TOKEN="$(login admin 'Admin#2026')"
NBO="$(sql -c "select id from stores where code = 'NBO'")"
today="$(TZ=Africa/Nairobi date +%F)"
month_ago="$(TZ=Africa/Nairobi date -d '29 days ago' +%F)"
year_ago="$(TZ=Africa/Nairobi date -d '364 days ago' +%F)"

# median of 7 timed requests (after one warm-up), in ms
time_endpoint() {
    local url="$BASE/api/v1/reports/$1" times=()
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$url"
    for _ in 1 2 3 4 5 6 7; do
        times+=("$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$url")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 4p | awk '{printf "%.0f", $1 * 1000}'
}

echo
echo "| report (one store unless noted) | range | median ms (7 runs) |"
echo "|---|---|---:|"
for spec in "sales-summary|month|from=$month_ago&to=$today&store_id=$NBO" \
            "sales-summary|year|from=$year_ago&to=$today&store_id=$NBO" \
            "sales-summary|year, all stores|from=$year_ago&to=$today" \
            "vat|month|from=$month_ago&to=$today&store_id=$NBO" \
            "vat|year|from=$year_ago&to=$today&store_id=$NBO" \
            "commission|month|from=$month_ago&to=$today&store_id=$NBO" \
            "commission|year|from=$year_ago&to=$today&store_id=$NBO" \
            "sales-summary (CSV)|year|from=$year_ago&to=$today&store_id=$NBO&format=csv"; do
    IFS='|' read -r name range query <<<"$spec"
    endpoint="${name%% *}"
    echo "| $name | $range | $(time_endpoint "$endpoint?$query") |"
done
