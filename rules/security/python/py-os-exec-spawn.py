import os
import sys
from os import execvp as run_it

from flask import request


def handler():
    cmd = request.args["cmd"]
    # ruleid: py-os-exec-spawn
    os.spawnlp(os.P_WAIT, "sh", "sh", "-c", cmd)


def main(path, args):
    # ruleid: py-os-exec-spawn
    os.execv(path, args)
    # ruleid: py-os-exec-spawn
    run_it(sys.argv[1], sys.argv[1:])
    # ruleid: py-os-exec-spawn
    os.posix_spawn(path, args, os.environ)


def fixed():
    # ok: py-os-exec-spawn
    os.execl("/bin/ls", "ls", "-l")
    # ok: py-os-exec-spawn
    mymod.execv(path, args)
    # ok: py-os-exec-spawn
    self.spawn(["gcc", "-c", src])
    # os.execv(path, args) in a comment: ok
    # ok: py-os-exec-spawn
    print("os.execv(path, args)")
