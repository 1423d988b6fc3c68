import android.database.sqlite.SQLiteDatabase
import java.sql.Connection

class Users(private val db: SQLiteDatabase, private val conn: Connection) {
    fun byName(name: String) {
        // ruleid: kt-sql-concat
        db.rawQuery("SELECT * FROM users WHERE name = '" + name + "'", null)
    }

    fun byId(id: String) {
        // ruleid: kt-sql-concat
        conn.createStatement().executeQuery("SELECT * FROM users WHERE id = $id")
    }

    fun drop(table: String) {
        val sql = "DROP TABLE ${table}"
        // ruleid: kt-sql-concat
        db.execSQL(sql)
    }

    fun formatted(order: String) {
        // ruleid: kt-sql-concat
        conn.prepareStatement(String.format("SELECT * FROM t ORDER BY %s", order))
    }

    fun safe(id: String) {
        // ok: kt-sql-concat
        db.rawQuery("SELECT * FROM users WHERE id = ?", arrayOf(id))
        val table = "users"
        // ok: kt-sql-concat
        db.execSQL("DELETE FROM " + table)
        // ok: kt-sql-concat
        conn.prepareStatement("SELECT * FROM t WHERE a = ? " + "AND b = ?")
        val q = "SELECT 1"
        // ok: kt-sql-concat
        conn.createStatement().executeQuery(q)
        // ok: kt-sql-concat
        println("SELECT * FROM users WHERE id = $id")
        // ok: kt-sql-concat
        taskQueue.execute("$id dns") { lookup(id) }
        // ok: kt-sql-concat
        urlBuilder.query("a=${id}")
    }
}
