import codecs
import os
import shutil

from flask import request, send_file
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"


def read_cookie():
    name = request.cookies.get("file", "none")
    # ruleid: py-path-from-request
    f = codecs.open(f"{UPLOADS}/{name}", "r", "utf-8")
    return f.read()


def download():
    path = os.path.join(UPLOADS, request.args["name"])
    # ruleid: py-path-from-request
    return send_file(path)


def delete(req_id):
    target = UPLOADS + "/" + request.form.get("target")
    # ruleid: py-path-from-request
    os.remove(target)


def django_view(request):
    # ruleid: py-path-from-request
    with open(request.GET.get("f"), "rb") as fin:
        return fin.read()


def sanitized():
    name = secure_filename(request.args["name"])
    # ok: py-path-from-request
    return send_file(os.path.join(UPLOADS, name))


def constant():
    # ok: py-path-from-request
    shutil.rmtree(os.path.join(UPLOADS, "tmp"))


def cli(path):
    # ok: py-path-from-request
    with open(path) as f:
        return f.read()
