import code
import sys

import _testcapi
import _xxsubinterpreters
from flask import request
from test import support


def console_from_request():
    shell = code.InteractiveConsole(locals={})
    line = request.form["line"]
    # ruleid: py-interpreter-run
    shell.push(line)


def interpreter_from_argv():
    interp = code.InteractiveInterpreter()
    # ruleid: py-interpreter-run
    interp.runsource(sys.argv[1], "<argv>")


def compiled_first(snippet):
    interp = code.InteractiveInterpreter()
    # ruleid: py-interpreter-run
    compiled = code.compile_command(snippet)
    interp.runcode(compiled)


def in_place(text):
    # ruleid: py-interpreter-run
    code.InteractiveConsole().push(text)


def sub_interpreter(text):
    # ruleid: py-interpreter-run
    _xxsubinterpreters.run_string(_xxsubinterpreters.create(), "print(1); " + text)


def test_helpers(src):
    # ruleid: py-interpreter-run
    _testcapi.run_in_subinterp(src)
    # ruleid: py-interpreter-run
    support.run_in_subinterp(src)


def constants_only():
    shell = code.InteractiveConsole()
    # ok: py-interpreter-run
    shell.push("import this")
    # ok: py-interpreter-run
    _testcapi.run_in_subinterp("pass")
    # ok: py-interpreter-run
    _xxsubinterpreters.run_string(_xxsubinterpreters.create(), "x = 1")


def other_push(queue, item):
    # ok: py-interpreter-run
    queue.push(item)


def other_run_string(db, query):
    # ok: py-interpreter-run
    db.run_string(query, 1)
