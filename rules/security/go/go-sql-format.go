package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"gorm.io/gorm"
)

func byID(db *sql.DB, r *http.Request) {
	id := r.URL.Query().Get("id")
	query := "SELECT name FROM users WHERE id = " + id
	// ruleid: go-sql-format
	rows, _ := db.Query(query)
	defer rows.Close()
}

func byEmail(ctx context.Context, db *sql.DB, email string) {
	// ruleid: go-sql-format
	db.QueryRowContext(ctx, fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email))
}

func appended(tx *sql.Tx, r *http.Request) {
	q := "DELETE FROM users WHERE name = "
	q += r.FormValue("name")
	// ruleid: go-sql-format
	tx.Exec(q)
}

func orm(db *DB, r *http.Request) {
	// ruleid: go-sql-format
	db.Model(&book).
		Where("title = " + r.FormValue("t")).
		Select()
}

func placeholders(db *sql.DB, r *http.Request) {
	// ok: go-sql-format
	db.Query("SELECT name FROM users WHERE id = $1", r.FormValue("id"))
}

func constants(ctx context.Context, db *sql.DB) {
	q := "SELECT name FROM users WHERE age > " + "3"
	// ok: go-sql-format
	db.QueryContext(ctx, q)
	// ok: go-sql-format
	db.Exec(fmt.Sprintf("DELETE FROM sessions WHERE expired"))
}

func notADatabase(client *ssh.Client, script string) {
	// ok: go-sql-format
	client.Exec(fmt.Sprintf("sudo bash %s", script))
}

func builtEarlier(db *sql.DB, table string) {
	var err error
	query := "SELECT * FROM " + table
	// ruleid: go-sql-format
	_, err = db.Exec(query)
	_ = err
}

func gormOrder(db *gorm.DB, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	table := db.Table("users")
	var u User
	// ruleid: go-sql-format
	table.Order(sort + " ASC").Find(&u)
	// ok: go-sql-format
	table.Order("name ASC").Find(&u)
	var names []string
	// ruleid: go-sql-format
	table.Distinct("name, " + sort).Pluck("name", &names)
}
