import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestParam;

public class Orders {
    private JdbcTemplate jdbcTemplate;

    public void byHeader(HttpServletRequest request, Statement statement) throws Exception {
        String param = "";
        if (request.getHeader("owner") != null) {
            param = request.getHeader("owner");
        }
        String sql = "SELECT * FROM orders WHERE owner = '" + param + "'";
        // ruleid: java-sql-concat
        statement.executeQuery(sql);
    }

    public void byCookie(HttpServletRequest request, Connection connection) throws Exception {
        String param = "none";
        for (Cookie c : request.getCookies()) {
            if (c.getName().equals("id")) {
                param = c.getValue();
            }
        }
        StringBuilder sb = new StringBuilder("{call report(");
        sb.append(param).append(")}");
        // ruleid: java-sql-concat
        connection.prepareCall(sb.toString());
    }

    public Object spring(@RequestParam("name") String name) {
        String sql = String.format("SELECT * FROM users WHERE name = '%s'", name);
        // ruleid: java-sql-concat
        return jdbcTemplate.queryForList(sql);
    }

    public void unknown(Statement st, String table) throws Exception {
        // ruleid: java-sql-concat
        st.execute("DELETE FROM " + table);
    }

    public void prepared(HttpServletRequest request, Connection connection) throws Exception {
        String name = request.getParameter("name");
        // ok: java-sql-concat
        PreparedStatement ps = connection.prepareStatement("SELECT * FROM users WHERE name = ?");
        ps.setString(1, name);
        ps.executeQuery();
    }

    public void constant(Statement st) throws Exception {
        String table = "orders";
        // ok: java-sql-concat
        st.executeUpdate("DELETE FROM " + table + " WHERE done = 1");
    }

    public void passedThrough(Statement st, String sql) throws Exception {
        String query = sql;
        // ruleid: java-sql-concat
        st.execute(query);
    }

    private String reportQuery;

    public void fromField(Statement st) throws Exception {
        // ok: java-sql-concat
        st.execute(reportQuery);
    }

    public void number(HttpServletRequest request, Statement st) throws Exception {
        int id = Integer.parseInt(request.getParameter("id"));
        // ok: java-sql-concat
        st.execute("SELECT * FROM t WHERE id = " + id);
    }

    public void notSql(java.util.concurrent.Executor executor, Runnable task) {
        // ok: java-sql-concat
        executor.execute(task);
    }

    public void template(HttpServletRequest request, JdbcTemplate jdbcTemplate) {
        String sort = request.getParameter("sort");
        // ruleid: java-sql-concat
        jdbcTemplate.query("SELECT * FROM users ORDER BY " + sort, rowMapper);
        // ok: java-sql-concat
        jdbcTemplate.update("UPDATE users SET seen = 1 WHERE name = ?", request.getParameter("name"));
    }

    public void notATemplate(Cache cache, String key) {
        // ok: java-sql-concat
        cache.update("entry-" + key);
    }

    public void jdo(HttpServletRequest request, PersistenceManager pm) {
        String name = request.getParameter("name");
        // ruleid: java-sql-concat
        pm.newQuery("SELECT FROM User WHERE name == '" + name + "'");
        // ruleid: java-sql-concat
        pm.newQuery(User.class, "name == '" + name + "'");
        // ok: java-sql-concat
        Query q = pm.newQuery(User.class);
        // ruleid: java-sql-concat
        q.setFilter("name == '" + name + "'");
        // ok: java-sql-concat
        q.setFilter("name == nameParam");
    }

    public void vertx(HttpServletRequest request, SqlClient client) {
        String id = request.getParameter("id");
        // ruleid: java-sql-concat
        client.query("SELECT * FROM users WHERE id = " + id);
        // ok: java-sql-concat
        client.preparedQuery("SELECT * FROM users WHERE id = $1");
    }

    public void springAndHibernate(HttpServletRequest request, Criteria criteria) {
        String name = request.getParameter("name");
        // ruleid: java-sql-concat
        new PreparedStatementCreatorFactory("SELECT * FROM users WHERE name = '" + name + "'");
        // ruleid: java-sql-concat
        criteria.add(Restrictions.sqlRestriction("name = '" + name + "'"));
        // a comparison is true or false, whatever it compares
        // ok: java-sql-concat
        criteria.add(Restrictions.sqlRestriction("active = " + (name != null)));
    }
}
