import hashlib
from hashlib import md5
from Crypto.Hash import MD5, SHA
from cryptography.hazmat.primitives import hashes
import crypt


def digests(password, data):
    # ruleid: py-weak-hash
    a = hashlib.md5(password).hexdigest()
    # ruleid: py-weak-hash
    b = md5(data)
    # ruleid: py-weak-hash
    c = MD5.new(data)
    # ruleid: py-weak-hash
    d = SHA.new(data)
    # ruleid: py-weak-hash
    e = hashes.Hash(hashes.SHA1())
    # ruleid: py-weak-hash
    f = crypt.crypt(password, crypt.mksalt(crypt.METHOD_MD5))
    return a, b, c, d, e, f


def fine(data, password):
    # ok: py-weak-hash
    a = hashlib.sha256(data).hexdigest()
    # ok: py-weak-hash
    b = hashlib.md5(data, usedforsecurity=False).hexdigest()
    # ok: py-weak-hash
    c = crypt.crypt(password, crypt.mksalt(crypt.METHOD_SHA512))
    # ok: py-weak-hash
    d = mymd5(data)
    # ok: py-weak-hash
    e = crypt.crypt(password)
    # hashlib.md5(password) in a comment
    return a, b, c, d
