import asyncio
import shlex
import sys
from asyncio import create_subprocess_shell

from flask import request


async def ping():
    host = request.args["host"]
    # ruleid: py-asyncio-shell
    proc = await asyncio.create_subprocess_shell(f"ping -c 1 {host}")
    return await proc.wait()


async def from_argv(loop, factory):
    # ruleid: py-asyncio-shell
    await loop.subprocess_shell(factory, "ls " + sys.argv[1])


async def imported(command):
    # ruleid: py-asyncio-shell
    await create_subprocess_shell(command)


async def nested(loop):
    proc = loop.run_until_complete(
        # ruleid: py-asyncio-shell
        asyncio.subprocess.create_subprocess_shell(sys.argv[2])
    )
    return proc


async def constants(loop, factory):
    cmd = "make clean"
    # ok: py-asyncio-shell
    await loop.subprocess_shell(factory, cmd)
    # ok: py-asyncio-shell
    await asyncio.create_subprocess_shell('echo "done"')


async def quoted():
    # ok: py-asyncio-shell
    await asyncio.create_subprocess_shell("ls " + shlex.quote(request.args["dir"]))


async def argument_list():
    # ok: py-asyncio-shell
    await asyncio.create_subprocess_exec("ping", "-c", "1", request.args["host"])
