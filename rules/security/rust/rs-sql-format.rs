async fn queries(pool: &sqlx::PgPool, conn: &rusqlite::Connection, id: &str, t: &str) {
    // ruleid: rs-sql-format
    sqlx::query(&format!("SELECT * FROM t WHERE id = {id}")).fetch_all(pool).await;
    // ruleid: rs-sql-format
    let rows = sqlx::query_as::<_, User>(&format!("select * from users where name = '{}'", id));
    // ruleid: rs-sql-format
    conn.execute(&format!("DELETE FROM {t} WHERE id = ?1"), [id]);
    conn
        // ruleid: rs-sql-format
        .prepare(format!("UPDATE t SET a = {}", id).as_str());
    // ruleid: rs-sql-format
    client.batch_execute(&format!(r#"INSERT INTO t VALUES ('{}')"#, id)).await;
    // ruleid: rs-sql-format
    diesel::sql_query(format!("WITH x AS (SELECT {id}) SELECT * FROM x"));
    // ok: rs-sql-format
    sqlx::query("SELECT * FROM t WHERE id = $1").bind(id).fetch_all(pool).await;
    // ok: rs-sql-format
    sqlx::query(&format!("SELECT * FROM t WHERE id = 1"));
    // ok: rs-sql-format
    sqlx::query(&format!("SELECT '{{}}' FROM t"));
    // ok: rs-sql-format
    conn.execute(&format!("chmod {t}"), []);
    // ok: rs-sql-format
    let q = format!("SELECT * FROM t WHERE id = {id}");
    // ok: rs-sql-format
    // sqlx::query(&format!("SELECT * FROM t WHERE id = {id}"))
}
