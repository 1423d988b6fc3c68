import flask
import requests
import httpx
import urllib.request

app = flask.Flask(__name__)


@app.route("/fetch")
def fetch():
    url = flask.request.args.get("url")
    # ruleid: py-ssrf
    return requests.get(url).text


@app.route("/avatar/<host>")
def avatar(host):
    # ruleid: py-ssrf
    data = urllib.request.urlopen(f"https://{host}/avatar.png").read()
    session = requests.Session()
    # ruleid: py-ssrf
    session.post("http://%s/ping" % host, timeout=5)
    return data


@app.route("/proxy")
async def proxy():
    target = flask.request.form["target"]
    async with httpx.AsyncClient() as client:
        # ruleid: py-ssrf
        r = await client.get(target)
    return r.text


@app.route("/status")
def status():
    # ok: py-ssrf
    requests.get("https://status.example.com/api")
    name = flask.request.args.get("name")
    # ok: py-ssrf
    requests.get("https://api.example.com/users", params={"name": name}).text
    # The host is fixed; the input is only the path.
    # ok: py-ssrf
    requests.get("https://api.example.com/users/" + name)
    # ok: py-ssrf
    requests.get(f"https://api.example.com/users/{name}/avatar").content
    # A decoded URL is still the request's.
    # ruleid: py-ssrf
    return requests.get(urllib.parse.unquote(flask.request.args["u"])).content


def download(url):
    # ok: py-ssrf
    return requests.get(url).content


@router.get("/preview/{site}")
def preview(site):
    # ruleid: py-ssrf
    return requests.get("https://" + site + "/index.html").text
