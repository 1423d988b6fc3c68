import ssl
from ssl import wrap_socket


def connect(sock, host):
    # ruleid: py-ssl-wrap-socket
    a = ssl.wrap_socket(sock)
    # ruleid: py-ssl-wrap-socket
    b = wrap_socket(sock, certfile="c.pem")
    # ok: py-ssl-wrap-socket
    c = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    # ok: py-ssl-wrap-socket
    d = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS_CLIENT)
    return a, b, c, d
