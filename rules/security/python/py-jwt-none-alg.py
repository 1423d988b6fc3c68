import jwt


def unsigned(payload):
    # ruleid: py-jwt-none-alg
    return jwt.encode(payload, None, algorithm="none")


def accepts_none(token, key):
    # ruleid: py-jwt-none-alg
    return jwt.decode(token, key, algorithms=["HS256", "none"])


def unverified(token):
    # ruleid: py-jwt-none-alg
    claims = jwt.decode(token, options={"verify_signature": False})
    # ruleid: py-jwt-none-alg
    old = jwt.decode(token, verify=False)
    return claims, old


def signed(payload, key, token):
    # ok: py-jwt-none-alg
    t = jwt.encode(payload, key, algorithm="HS256")
    # ok: py-jwt-none-alg
    claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})
    return t, claims
