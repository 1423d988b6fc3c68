import requests


def fetch(url, session):
    # ruleid: py-tls-verify-false
    r = requests.get(url, verify=False)
    # ruleid: py-tls-verify-false
    session.verify = False
    # ok: py-tls-verify-false
    s = requests.get(url, verify="/etc/ssl/internal-ca.pem")
    # ok: py-tls-verify-false
    t = requests.get(url, verify=True)
    # ok: py-tls-verify-false
    claims = jwt.decode(token, verify=False)
    # ok: py-tls-verify-false
    msg = "pass verify=False to skip"
    return r, s, t, claims, msg
