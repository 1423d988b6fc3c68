from Crypto.Cipher import AES, ARC4, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def ciphers(key, iv):
    # ruleid: py-weak-cipher
    a = DES.new(key)
    # ruleid: py-weak-cipher
    b = ARC4.new(key)
    # ruleid: py-weak-cipher
    c = AES.new(key, AES.MODE_ECB)
    # ruleid: py-weak-cipher
    d = Cipher(algorithms.TripleDES(key), modes.CBC(iv))
    # ruleid: py-weak-cipher
    e = Cipher(algorithms.AES(key), modes.ECB())
    return a, b, c, d, e


def fine(key, nonce):
    # ok: py-weak-cipher
    a = AES.new(key, AES.MODE_GCM, nonce=nonce)
    # ok: py-weak-cipher
    b = Cipher(algorithms.AES(key), modes.GCM(nonce))
    # ok: py-weak-cipher
    note = "DES.new(key) is weak"
    return a, b, note
