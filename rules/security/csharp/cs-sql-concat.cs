using System.Data.SqlClient;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

public class UsersController : Controller
{
    private readonly SqlConnection connection;
    private readonly AppDb db;

    public IActionResult Find([FromQuery] string name)
    {
        // ruleid: cs-sql-concat
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", connection);
        return Ok(cmd.ExecuteScalar());
    }

    public IActionResult Sorted()
    {
        string order = Request.Query["order"];
        var sb = new StringBuilder("SELECT * FROM Users ORDER BY ");
        sb.Append(order);
        var cmd = connection.CreateCommand();
        // ruleid: cs-sql-concat
        cmd.CommandText = sb.ToString();
        return Ok(cmd.ExecuteReader());
    }

    public object ByTable(string table)
    {
        // ruleid: cs-sql-concat
        return connection.Query<User>($"SELECT * FROM {table}");
    }

    public void Raw(string sql)
    {
        // ruleid: cs-sql-concat
        db.Database.ExecuteSqlRaw(sql);
    }

    public object Safe(string name, string id)
    {
        // ok: cs-sql-concat
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name", connection);
        cmd.Parameters.AddWithValue("@name", name);
        const string Table = "Users";
        // ok: cs-sql-concat
        cmd.CommandText = "SELECT COUNT(*) FROM " + Table;
        // ok: cs-sql-concat
        connection.Execute("DELETE FROM Users WHERE Id = " + int.Parse(id));
        // ok: cs-sql-concat
        return db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}");
    }
}

public class Repository
{
    protected string Schema { get; } = "dbo";

    public async Task<int> Count(SqlConnection connection, Guid id)
    {
        // ok: cs-sql-concat
        return await connection.ExecuteScalarAsync<int>($"[{Schema}].[User_Count]", new { Id = id }, commandType: CommandType.StoredProcedure);
    }
}
