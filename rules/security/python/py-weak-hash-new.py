import hashlib

ALGO = "sha1"


def digests(token):
    # ruleid: py-weak-hash-new
    a = hashlib.new("md5", token)
    # ruleid: py-weak-hash-new
    b = hashlib.new(ALGO)
    # ruleid: py-weak-hash-new
    c = hashlib.new(name="MD4", data=token)
    # ok: py-weak-hash-new
    d = hashlib.new("sha256", token)
    # ok: py-weak-hash-new
    e = hashlib.new("md5", token, usedforsecurity=False)
    # ok: py-weak-hash-new
    f = hmac.new(key, token, "md5")
    return a, b, c, d, e, f
