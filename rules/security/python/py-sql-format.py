import os
import sqlite3
import sys

import pandas as pd
from flask import request
from sqlalchemy import text


def by_name(cur, name):
    # ruleid: py-sql-format
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")


def by_request(db):
    user = request.args.get("user")
    query = "SELECT * FROM orders WHERE owner = '%s'" % user
    # ruleid: py-sql-format
    db.cursor().execute(query)


def assembled(cur, table, ids):
    sql = "DELETE FROM " + table
    sql += " WHERE id IN (" + ids + ")"
    # ruleid: py-sql-format
    cur.executemany(sql, [])


def formatted(conn, column):
    # ruleid: py-sql-format
    return pd.read_sql("SELECT {} FROM t".format(column), conn)


def from_argv(engine):
    where = sys.argv[1]
    # ruleid: py-sql-format
    engine.execute(text("SELECT * FROM logs WHERE " + where))


def sqlalchemy_text(query, request):
    name = request.args["name"]
    clause = "name = '" + name + "'"
    # ruleid: py-sql-format
    return query.filter(text(clause))


def pg8000(conn, request):
    age = request.args["age"]
    # ruleid: py-sql-format
    conn.run("SELECT name FROM users WHERE age = " + age)
    # ok: py-sql-format
    conn.run("SELECT name FROM users WHERE age = :age", age=age)
    # ok: py-sql-format
    runner.run("task-" + age)


async def pg(conn, name):
    # ruleid: py-sql-format
    return await conn.fetchrow("SELECT * FROM users WHERE name = '" + name + "'")


def parameters(cur, name):
    # ok: py-sql-format
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))


def constant(cur):
    limit = 10
    sql = "SELECT * FROM users LIMIT " + str(limit)
    # ok: py-sql-format
    cur.execute(sql)


def cast(cur, page):
    # ok: py-sql-format
    cur.execute("SELECT * FROM users OFFSET " + str(int(page)))


def unknown_but_not_built(cur, query, params):
    # ok: py-sql-format
    cur.execute(query, params)


def not_a_database(repo, branch):
    # ok: py-sql-format
    repo.fetch("origin/" + branch)


def comment_and_string(cur):
    # cur.execute("SELECT " + name)
    doc = 'cur.execute("SELECT " + name)'
    # ok: py-sql-format
    cur.execute("SELECT 1")
    return doc


def report(request, session):
    group = request.args.get("group")
    # ruleid: py-sql-format
    rows = session.query(Sale).group_by("region, {}".format(group)).all()
    # ok: py-sql-format
    rows = session.query(Sale).order_by(Sale.region | Sale.city).all()
    # ok: py-sql-format
    rows = session.query(Sale).having("count(*) > 1").all()
    return rows


def adults(request):
    age = request.GET["age"]
    # ruleid: py-sql-format
    people = Person.objects.extra(where=["age > %s" % age, "active"])
    # ok: py-sql-format
    people = Person.objects.extra(where=["age > %s"], params=[age])
    # ruleid: py-sql-format
    people = Person.objects.extra(tables=["people"], where=["active", "age > " + age])
    # ok: py-sql-format
    people = Person.objects.extra(where=["active", "age > 18"], order_by=["age"])
    return people
