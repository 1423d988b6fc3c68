from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from Crypto.PublicKey import RSA


def keys():
    # ruleid: py-weak-key
    a = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: py-weak-key
    b = dsa.generate_private_key(512)
    # ruleid: py-weak-key
    c = ec.generate_private_key(ec.SECP192R1())
    # ruleid: py-weak-key
    d = RSA.generate(1024)
    # ok: py-weak-key
    e = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: py-weak-key
    f = ec.generate_private_key(ec.SECP256R1())
    # ok: py-weak-key
    g = RSA.generate(4096)
    return a, b, c, d, e, f, g


def aliased():
    from Crypto.PublicKey import DSA as pycrypto_dsa
    # ruleid: py-weak-key
    return pycrypto_dsa.generate(1024)
