import yaml
from yaml import load as yload
from yaml import SafeLoader


def config(text, path):
    # ruleid: py-yaml-load
    cfg = yaml.load(text)
    # ruleid: py-yaml-load
    docs = list(yaml.load_all(open(path), Loader=yaml.FullLoader))
    # ruleid: py-yaml-load
    raw = yaml.unsafe_load(text)
    # ruleid: py-yaml-load
    other = yload(text, Loader=yaml.Loader)
    return cfg, docs, raw, other


def safe(text):
    # ok: py-yaml-load
    a = yaml.safe_load(text)
    # ok: py-yaml-load
    b = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: py-yaml-load
    c = yaml.load(text, SafeLoader)
    # ok: py-yaml-load
    d = yaml.load("a: 1")
    # ok: py-yaml-load
    e = json.load(text)
    return a, b, c, d, e
