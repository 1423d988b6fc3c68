import os
import popen2
import shlex
import subprocess
import sys
from flask import request


def run_user_command():
    cmd = request.args.get("cmd")
    full = "ls " + cmd
    # ruleid: py-os-system
    os.system(full)


def from_argv():
    # ruleid: py-os-system
    return subprocess.getoutput(f"grep {sys.argv[1]} log.txt")


def quoted():
    name = request.form["name"]
    # ok: py-os-system
    os.system("ls " + shlex.quote(name))


def constants():
    # ok: py-os-system
    os.system("ls -l")
    base = "make"
    # ok: py-os-system
    os.system(base + " all")


def legacy_popen(host):
    # ruleid: py-os-system
    popen2.popen3("ping " + host)


def unknown(path):
    # ruleid: py-os-system
    os.popen(path)


def in_strings_and_comments():
    # os.system(request.args["x"]) in a comment is not code
    # ok: py-os-system
    text = "os.system(request.args['x'])"
    return text


def by_name():
    # ruleid: py-os-system
    getattr(os, "system")(sys.argv[1])
    # ruleid: py-os-system
    __import__("os").system(sys.argv[1])
    # ok: py-os-system
    getattr(os, "system")("ls -l")
    # ok: py-os-system
    getattr(os, "getcwd")(sys.argv[1])
