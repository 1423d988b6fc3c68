import os

import jwt

SIGNING_KEY = "not-so-secret"


def issue(user):
    # ruleid: py-jwt-hardcoded-secret
    return jwt.encode({"sub": user.id}, "change-me", algorithm="HS256")


def check(token):
    # ruleid: py-jwt-hardcoded-secret
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256"])


def legacy(token):
    # ruleid: py-jwt-hardcoded-secret
    return jwt.decode(token, "change-me")


def from_env(token):
    key = os.environ["JWT_SECRET"]
    # ok: py-jwt-hardcoded-secret
    return jwt.decode(token, key, algorithms=["HS256"])


def from_settings(user, settings):
    # ok: py-jwt-hardcoded-secret
    return jwt.encode({"sub": user.id}, settings.SECRET_KEY, algorithm="HS256")


def unsigned(payload):
    # ok: py-jwt-hardcoded-secret
    return jwt.encode(payload, None, algorithm="none")
