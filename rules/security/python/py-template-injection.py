import flask
import jinja2

app = flask.Flask(__name__)


@app.errorhandler(404)
def not_found(e):
    page = """<h1>Not found</h1><p>%s</p>""" % flask.request.url
    # ruleid: py-template-injection
    return flask.render_template_string(page), 404


@app.route("/preview", methods=["POST"])
def preview():
    source = flask.request.form["template"]
    # ruleid: py-template-injection
    return jinja2.Environment().from_string(source).render()


@app.route("/hello")
def hello():
    name = flask.request.args.get("name", "")
    # ok: py-template-injection
    return flask.render_template_string("<p>Hello {{ name }}</p>", name=name)


def render_file(text):
    # ok: py-template-injection
    return jinja2.Template(text).render()


@app.route("/greet")
def greet():
    from string import Template
    # `string.Template` substitutes `$name`; it runs no code.
    # ok: py-template-injection
    return Template(flask.request.args["fmt"]).safe_substitute(name="x")
