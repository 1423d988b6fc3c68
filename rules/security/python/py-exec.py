import sys
from flask import request


def run_snippet():
    code = request.form["code"]
    # ruleid: py-exec
    exec(code)


def from_argv():
    # ruleid: py-exec
    exec(f"print({sys.argv[1]})")


def constant():
    # ok: py-exec
    exec("x = 1")


def generated(template, name):
    # ruleid: py-exec
    exec(template.format(name=name))


def a_method(cursor):
    # ok: py-exec
    cursor.exec("SELECT 1")


async def on_a_worker_thread(loop):
    code = request.args["code"]
    # ruleid: py-exec
    await loop.run_in_executor(None, exec, code)
    # ok: py-exec
    await loop.run_in_executor(None, exec, "1 + 1")
    # ok: py-exec
    await loop.run_in_executor(None, print, code)
