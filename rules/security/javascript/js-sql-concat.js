const { Pool } = require("pg");
const util = require("util");
const pool = new Pool();

app.get("/user", async (req, res) => {
  const sql = "SELECT * FROM users WHERE name = '" + req.query.name + "'";
  // ruleid: js-sql-concat
  const { rows } = await pool.query(sql);
  res.json(rows);
});

app.delete("/user/:id", async (req, res) => {
  // ruleid: js-sql-concat
  await pool.query(`DELETE FROM users WHERE id = ${req.params.id}`);
  res.end();
});

async function byTable(conn, table, limit) {
  let stmt = "SELECT id FROM ";
  stmt += table;
  // ruleid: js-sql-concat
  const [rows] = await conn.execute(stmt);
  const q = util.format("SELECT * FROM %s LIMIT 10", table);
  // ruleid: js-sql-concat
  await conn.query({ sql: q, rowsAsArray: true });
  // ruleid: js-sql-concat
  await sequelize.query("UPDATE jobs SET state = 'done' WHERE owner = '".concat(table, "'"));
  return rows;
}

async function safe(conn, id) {
  // ok: js-sql-concat
  await pool.query("SELECT * FROM users WHERE id = $1", [id]);
  const sql = "SELECT * FROM users " + "ORDER BY id";
  // ok: js-sql-concat
  await conn.query(sql);
  // ok: js-sql-concat
  await conn.execute(`SELECT count(*) FROM users`);
  // ok: js-sql-concat
  return knex.raw("SELECT version()");
}
