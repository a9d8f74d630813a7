//! `pos-api seed-demo`: three stores, their staff and a Kenyan supermarket's
//! catalogue with stock. Deterministic, so demos and benchmarks repeat.

use rand::{rngs::StdRng, Rng, SeedableRng};
use rust_decimal::Decimal;
use sqlx::PgPool;
use uuid::Uuid;

use crate::{
    auth::{password::hash_password, Role},
    db::{
        self,
        inventory::{Cause, Movement},
        stores::NewStore,
        users::NewUser,
    },
};

pub const DEFAULT_PRODUCTS: usize = 2_000;
pub const ADMIN_PASSWORD: &str = "Admin#2026";
pub const STAFF_PASSWORD: &str = "Demo#2026";

const STORES: [(&str, &str, &str, &str); 3] = [
    (
        "NBO",
        "Duka Nairobi CBD",
        "Moi Avenue, Nairobi",
        "P051234567A",
    ),
    (
        "WST",
        "Duka Westlands",
        "Waiyaki Way, Westlands",
        "P051234567B",
    ),
    (
        "MSA",
        "Duka Mombasa",
        "Nkrumah Road, Mombasa",
        "P051234567C",
    ),
];

/// A category: name, tax class, base price range in KES, items.
type Category = (
    &'static str,
    &'static str,
    (u32, u32),
    &'static [&'static str],
);

const CATALOGUE: &[Category] = &[
    (
        "Flour & Grains",
        "exempt",
        (60, 450),
        &[
            "Maize Flour",
            "Wheat Flour",
            "Rice Pishori",
            "Rice Basmati",
            "Millet Flour",
            "Sorghum Flour",
            "Ugali Mix",
            "Chapati Flour",
        ],
    ),
    (
        "Dairy",
        "exempt",
        (50, 300),
        &[
            "Fresh Milk",
            "Long Life Milk",
            "Mala",
            "Yoghurt Strawberry",
            "Yoghurt Vanilla",
            "Butter",
            "Cheddar Cheese",
            "Ghee",
        ],
    ),
    (
        "Bakery",
        "zero_rated",
        (45, 250),
        &[
            "White Bread",
            "Brown Bread",
            "Mandazi Pack",
            "Scones",
            "Queen Cakes",
            "Burger Buns",
        ],
    ),
    (
        "Cooking Oil & Fats",
        "standard",
        (150, 1800),
        &[
            "Vegetable Oil",
            "Sunflower Oil",
            "Cooking Fat",
            "Olive Oil",
            "Margarine",
        ],
    ),
    (
        "Beverages",
        "standard",
        (40, 600),
        &[
            "Soda Cola",
            "Soda Orange",
            "Mineral Water",
            "Juice Mango",
            "Juice Passion",
            "Energy Drink",
            "Tea Leaves",
            "Instant Coffee",
            "Drinking Chocolate",
        ],
    ),
    (
        "Sugar & Spreads",
        "standard",
        (90, 700),
        &[
            "Sugar",
            "Brown Sugar",
            "Honey",
            "Peanut Butter",
            "Jam Mixed Fruit",
            "Drinking Cocoa",
        ],
    ),
    (
        "Household",
        "standard",
        (50, 1500),
        &[
            "Bar Soap",
            "Washing Powder",
            "Dishwashing Liquid",
            "Bleach",
            "Toilet Paper",
            "Serviettes",
            "Scouring Pads",
            "Air Freshener",
            "Insecticide Spray",
        ],
    ),
    (
        "Personal Care",
        "standard",
        (60, 1200),
        &[
            "Toothpaste",
            "Toothbrush",
            "Bathing Soap",
            "Body Lotion",
            "Petroleum Jelly",
            "Shampoo",
            "Deodorant",
            "Sanitary Pads",
            "Baby Diapers",
        ],
    ),
    (
        "Fresh Produce",
        "exempt",
        (20, 400),
        &[
            "Tomatoes",
            "Onions",
            "Sukuma Wiki",
            "Cabbage",
            "Potatoes",
            "Bananas",
            "Avocados",
            "Mangoes",
            "Oranges",
            "Carrots",
        ],
    ),
    (
        "Snacks",
        "standard",
        (20, 350),
        &[
            "Potato Crisps",
            "Biscuits Glucose",
            "Biscuits Cream",
            "Groundnuts",
            "Popcorn",
            "Chocolate Bar",
            "Chewing Gum",
            "Sweets",
        ],
    ),
    (
        "Baby Food",
        "zero_rated",
        (150, 1500),
        &["Infant Formula", "Baby Cereal", "Baby Porridge"],
    ),
];
const BRANDS: &[&str] = &[
    "Jogoo",
    "Pembe",
    "Soko",
    "Brookside",
    "KCC",
    "Fresha",
    "Elianto",
    "Kimbo",
    "Ketepa",
    "Kabras",
    "Mumias",
    "Menengai",
    "Kasuku",
    "Omo",
    "Ariel",
    "Sunlight",
    "Colgate",
    "Nice & Lovely",
    "Tropical Heat",
    "Manji",
    "Highlands",
    "Dormans",
    "Daima",
    "Festive",
    "Supa Loaf",
    "Royco",
    "Exe",
    "Dola",
    "Golden Fry",
    "Rina",
];
const SIZES: &[(&str, u32)] = &[
    ("250g", 1),
    ("500g", 2),
    ("1kg", 3),
    ("2kg", 5),
    ("500ml", 2),
    ("1L", 3),
    ("2L", 5),
    ("5L", 10),
    ("Pack of 6", 4),
    ("Single", 1),
];

/// EAN-13 with the GS1 Kenya prefix 616 and a correct check digit.
pub fn ean13(serial: u64) -> String {
    let body = format!("616{:09}", serial % 1_000_000_000);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

pub async fn seed_demo(pool: &PgPool, products: usize) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    if db::stores::list(&mut conn, None, 1, 0).await?.1 > 0 {
        println!("demo data already present; nothing to do");
        return Ok(());
    }
    drop(conn);
    let admin_hash = hash_password(ADMIN_PASSWORD.into()).await?;
    let staff_hash = hash_password(STAFF_PASSWORD.into()).await?;
    let mut tx = pool.begin().await?;
    if db::users::credentials(&mut tx, "admin").await?.is_none() {
        db::users::insert(
            &mut tx,
            &NewUser {
                username: "admin",
                password_hash: &admin_hash,
                full_name: "Wanjiku Admin",
                role: Role::Admin,
                store_id: None,
                phone: None,
                commission_rate: Decimal::ZERO,
            },
        )
        .await?;
    }
    let first_names = [
        "Achieng", "Kamau", "Njeri", "Otieno", "Mwangi", "Wambui", "Kiprop", "Akinyi", "Mutua",
    ];
    let mut store_ids = Vec::new();
    for (i, (code, name, location, kra_pin)) in STORES.iter().enumerate() {
        let store = db::stores::insert(
            &mut tx,
            &NewStore {
                code,
                name,
                location,
                kra_pin,
                phone: Some("+254700000000"),
                requires_shift: true,
            },
        )
        .await?;
        store_ids.push(store.id);
        let lower = code.to_lowercase();
        for (j, (suffix, role, rate)) in [
            ("manager", Role::Manager, Decimal::new(100, 2)),
            ("cashier1", Role::Cashier, Decimal::new(250, 2)),
            ("cashier2", Role::Cashier, Decimal::new(200, 2)),
        ]
        .into_iter()
        .enumerate()
        {
            let username = format!("{lower}.{suffix}");
            let full_name = format!(
                "{} {}",
                first_names[i * 3 + j],
                name.trim_start_matches("Duka ")
            );
            db::users::insert(
                &mut tx,
                &NewUser {
                    username: &username,
                    password_hash: &staff_hash,
                    full_name: &full_name,
                    role,
                    store_id: Some(store.id),
                    phone: None,
                    commission_rate: rate,
                },
            )
            .await?;
        }
    }
    tx.commit().await?;

    let mut rng = StdRng::seed_from_u64(2026);
    let mut rows = Vec::with_capacity(products);
    for n in 0..products {
        let (category, tax_class, (lo, hi), items) = CATALOGUE[n % CATALOGUE.len()];
        let item = items[(n / CATALOGUE.len()) % items.len()];
        let brand = BRANDS[(n / (CATALOGUE.len() * 3)) % BRANDS.len()];
        let (size, factor) = SIZES[(n / 7) % SIZES.len()];
        let shillings = rng.gen_range(lo..=hi) * factor.min(4);
        let cents = [0, 0, 0, 50, 99][rng.gen_range(0..5)];
        let price = Decimal::new(i64::from(shillings) * 100 + cents, 2);
        let cost = (price * Decimal::new(rng.gen_range(65..85), 2)).round_dp(2);
        let prefix: String = category
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(3)
            .collect::<String>()
            .to_uppercase();
        rows.push((
            Uuid::new_v4(),
            format!("{prefix}-{:06}", n + 1),
            ean13(n as u64 + 1),
            format!("{brand} {item} {size}"),
            category,
            price,
            cost,
            tax_class,
            rng.gen_range(5..30),
        ));
    }
    for chunk in rows.chunks(5_000) {
        sqlx::query(
            "insert into products (id, sku, barcode, name, category, price, cost, tax_class, reorder_level)
             select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::int[])",
        )
        .bind(chunk.iter().map(|r| r.0).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.1.clone()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.2.clone()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.3.clone()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.4.to_owned()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.5).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.6).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.7.to_owned()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|r| r.8).collect::<Vec<i32>>())
        .execute(pool)
        .await?;
    }
    let mut tx = pool.begin().await?;
    let admin = db::users::credentials(&mut tx, "admin")
        .await?
        .map(|c| c.user.id)
        .unwrap_or_default();
    for store_id in &store_ids {
        let stock: Vec<(Uuid, i32)> = rows
            .iter()
            .map(|r| (r.0, rng.gen_range(0..120)))
            .filter(|(_, q)| *q > 0)
            .collect();
        for chunk in stock.chunks(5_000) {
            let movement = Movement {
                cause: Cause::Adjustment,
                reason: Some("received"),
                reference_id: Uuid::new_v4(),
                user_id: admin,
            };
            db::inventory::increase(&mut tx, *store_id, chunk, &movement).await?;
        }
    }
    tx.commit().await?;
    println!(
        "seeded {} stores, 10 users and {products} products with stock",
        STORES.len()
    );
    println!("logins: admin / {ADMIN_PASSWORD}; nbo.manager, nbo.cashier1, nbo.cashier2 (and wst.*, msa.*) / {STAFF_PASSWORD}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ean13_check_digit_is_right() {
        // 616 000000001 -> check digit computed by the GS1 rule
        let code = super::ean13(1);
        assert_eq!(code.len(), 13);
        let digits: Vec<u32> = code.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| d * if i % 2 == 0 { 1 } else { 3 })
            .sum();
        assert_eq!(sum % 10, 0);
    }
}
