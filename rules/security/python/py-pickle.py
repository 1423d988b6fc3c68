import base64
import pickle
import sys

import dill
import jsonpickle
from flask import request


def from_cookie():
    blob = base64.b64decode(request.cookies.get("session"))
    # ruleid: py-pickle
    return pickle.loads(blob)


def from_stdin():
    # ruleid: py-pickle
    return dill.load(sys.stdin.buffer)


def unknown(data):
    # ruleid: py-pickle
    return jsonpickle.decode(data)


def restored(data):
    # ruleid: py-pickle
    return jsonpickle.unpickler.Unpickler().restore(data)


def from_file(path):
    with open(path, "rb") as f:
        # ruleid: py-pickle
        return pickle.Unpickler(f).load()


def literal():
    # ok: py-pickle
    return pickle.loads(b"\x80\x04K\x01.")


def safe_format(data):
    import json
    # ok: py-pickle
    return json.loads(data)


def in_a_comment(data):
    # pickle.loads(data)
    # ok: py-pickle
    return "pickle.loads(data)"
