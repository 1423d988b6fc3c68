<?php
function test1() {
    $query = "SELECT * FROM table WHERE Id = '".$_GET['url']."'";
    // ruleid: php-sql-concat
    $info = mysql_query($query);
    return $info;
}

function test2() {
    $part = $_POST['url'];
    $query = "SELECT * FROM table WHERE Id = '$part'";
    // ruleid: php-sql-concat
    $info = mysql_query($query);
    return $info;
}

function test4() {
    $query = sprintf("SELECT * FROM table WHERE Id = '%s'", $_COOKIE['foo']);
    // ruleid: php-sql-concat
    $info = mysqli_query($link, $query);
    return $info;
}

function ok1() {
    $value = 1;
    $query = "SELECT * FROM table WHERE Id = '".$value."'";
    // ok: php-sql-concat
    $info = mysql_query($query);
}

function ok2() {
    $part = mysqli_real_escape_string($link, $_POST['url']);
    // ok: php-sql-concat
    $info = mysqli_query($link, "SELECT * FROM t WHERE Id = '" . $part . "'");
}

function byId($pdo, $id) {
    // ruleid: php-sql-concat
    return $pdo->query("SELECT * FROM users WHERE id = $id");
}

function prepared($pdo, $id) {
    $st = $pdo->prepare('SELECT * FROM users WHERE id = ?');
    // ok: php-sql-concat
    $st->execute([$id]);
}

// ruleid: php-sql-concat
$result = $wpdb->get_var("SELECT meta_value FROM {$wpdb->prefix}table WHERE order_item_id = $order_item_id");

// ok: php-sql-concat
$wpdb->prepare("SELECT $column FROM $this->table_name WHERE id = %d LIMIT 1;", (int) $row_id);

$tainted = $_GET['userinput'];
// ruleid: php-sql-concat
DB::unprepared("update users set votes = 100 where name = '$tainted'");

// ruleid: php-sql-concat
$orders = DB::table('orders')->whereRaw($tainted);

// ok: php-sql-concat
$orders = DB::table('orders')->selectRaw('price * ? as price_with_tax', [$tainted]);

// ok: php-sql-concat
$user = DB::table('users')->where('name', $tainted)->first();

Route::get('search', function ($name) {
    return DB::select(
        // ruleid: php-sql-concat
        DB::raw("SELECT * FROM users WHERE name = " . $name));
});

function qb($conn, $input) {
    $qb = $conn->createQueryBuilder()->select('id', 'name');
    // ruleid: php-sql-concat
    $qb->andWhere(sprintf('user = %s', $input));
}

// ok: php-sql-concat
$this->delete("id:" . $_GET['id']);

class Builder {
    public function selectSub($query, $as) {
        // ok: php-sql-concat
        return $this->selectRaw('(' . $query->toSql() . ') as ' . $this->grammar->wrap($as));
    }

    public function bindRoute($query, $field, $value) {
        // ok: php-sql-concat
        return $query->where($field ?? $this->getRouteKeyName(), $value);
    }
}
