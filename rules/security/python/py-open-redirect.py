import flask
from django.http import HttpResponseRedirect
from django.shortcuts import redirect

app = flask.Flask(__name__)


@app.route("/login")
def login():
    target = flask.request.args.get("next")
    # ruleid: py-open-redirect
    return flask.redirect(target)


def django_view(request):
    # ruleid: py-open-redirect
    return HttpResponseRedirect(request.GET["next"])


def django_ok(request):
    # ok: py-open-redirect
    return redirect("/home")


@app.route("/logout")
def logout():
    page = flask.request.args.get("page")
    # ok: py-open-redirect
    return flask.redirect(flask.url_for("index", page=page))
