import subprocess
import sys

import flask


def ping():
    ip = flask.request.args.get("ip")
    # ruleid: py-subprocess-input
    subprocess.run("ping " + ip)


def as_list():
    host = flask.request.headers["HOST"]
    # ruleid: py-subprocess-input
    subprocess.call(["ping", "-c", "1", host])


def from_argv():
    # ruleid: py-subprocess-input
    subprocess.check_output(sys.argv[1:])


def fixed():
    # ok: py-subprocess-input
    subprocess.run(["git", "status"])


def untraced(path):
    # ok: py-subprocess-input
    subprocess.run(["ls", path])


def with_shell():
    # ok: py-subprocess-input
    subprocess.run(flask.request.args["c"], shell=True)


def imported_by_name():
    from subprocess import Popen

    # ruleid: py-subprocess-input
    Popen(["convert", flask.request.args["src"], "out.png"])


def only_the_module_constants(p):
    # ok: py-subprocess-input
    return subprocess.PIPE, subprocess.CalledProcessError, flask.request.args["x"]
