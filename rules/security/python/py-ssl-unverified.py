import ssl


def contexts():
    # ruleid: py-ssl-unverified
    a = ssl._create_unverified_context()
    # ruleid: py-ssl-unverified
    ssl._create_default_https_context = ssl._create_unverified_context
    ctx = ssl.create_default_context()
    # ruleid: py-ssl-unverified
    ctx.check_hostname = False
    # ruleid: py-ssl-unverified
    ctx.verify_mode = ssl.CERT_NONE
    # ruleid: py-ssl-unverified
    b = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE, ssl_version=ssl.PROTOCOL_TLS)
    # ok: py-ssl-unverified
    c = ssl.create_default_context()
    # ok: py-ssl-unverified
    c.verify_mode = ssl.CERT_REQUIRED
    # ok: py-ssl-unverified
    c.check_hostname = True
    return a, b, c
