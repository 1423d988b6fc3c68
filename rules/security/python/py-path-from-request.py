import codecs
import functools
import os
import shutil

from flask import Flask, request, send_file
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"
app = Flask(__name__)


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


@app.route("/logs/<path:name>")
def route_variable(name):
    # ruleid: py-path-from-request
    return open("/var/log/app/" + name).read()


@app.get("/reports/{report_id}")
def typed_route_variable(report_id: int):
    # ok: py-path-from-request
    return open(f"/srv/reports/{report_id}.csv").read()


@functools.lru_cache()
def not_a_route(name):
    # ok: py-path-from-request
    return open(name).read()
