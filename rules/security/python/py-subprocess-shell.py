import shlex
import subprocess
import sys
from flask import request


def convert():
    name = request.args["name"]
    cmd = "convert %s out.png" % name
    # ruleid: py-subprocess-shell
    subprocess.run(cmd, shell=True)


def from_argv():
    # ruleid: py-subprocess-shell
    subprocess.Popen("grep " + sys.argv[1] + " log", shell=True)


def quoted():
    # ok: py-subprocess-shell
    subprocess.call("ls " + shlex.quote(request.args["d"]), shell=True)


def constant():
    # ok: py-subprocess-shell
    subprocess.call("make all", shell=True)


def list_form(name):
    # ok: py-subprocess-shell
    subprocess.run(["convert", name, "out.png"])


def shell_false(name):
    # ok: py-subprocess-shell
    subprocess.run("convert " + name, shell=False)


def unknown(cmd):
    # ruleid: py-subprocess-shell
    subprocess.check_output(cmd, shell=True)
