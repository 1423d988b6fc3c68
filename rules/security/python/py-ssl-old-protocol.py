import ssl
from OpenSSL import SSL
from ssl import PROTOCOL_TLSv1


def connect(sock):
    # ruleid: py-ssl-old-protocol
    a = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
    # ruleid: py-ssl-old-protocol
    b = SSL.Context(SSL.TLSv1_METHOD)
    # ruleid: py-ssl-old-protocol
    c = ssl.SSLContext(PROTOCOL_TLSv1)
    # ok: py-ssl-old-protocol
    d = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: py-ssl-old-protocol
    e = "PROTOCOL_SSLv3"
    return a, b, c, d, e
