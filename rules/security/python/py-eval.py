import ast
import sys
from flask import request


def calc():
    expr = request.args.get("expr")
    # ruleid: py-eval
    return eval(expr)


def from_stdin():
    line = sys.stdin.readline()
    # ruleid: py-eval
    return eval("2 * " + line)


def safe():
    # ok: py-eval
    return ast.literal_eval(request.args["expr"])


def constant():
    # ok: py-eval
    return eval("1 + 1")


def unknown(expression):
    # ruleid: py-eval
    return eval(expression, {})


def not_the_builtin(model):
    # ok: py-eval
    return model.eval()


async def on_a_worker_thread(loop):
    code = request.args["code"]
    # ruleid: py-eval
    await loop.run_in_executor(None, eval, code)
    # ok: py-eval
    await loop.run_in_executor(None, eval, "1 + 1")
    # ok: py-eval
    await loop.run_in_executor(None, print, code)
