import marshal
from marshal import loads as unmarshal


def read(blob, f):
    # ruleid: py-marshal
    code = marshal.loads(blob)
    # ruleid: py-marshal
    obj = marshal.load(f)
    # ruleid: py-marshal
    more = unmarshal(blob)
    return code, obj, more


def fine(blob):
    # ok: py-marshal
    data = json.loads(blob)
    # ok: py-marshal
    const = marshal.loads(b"\xe9\x00\x00\x00\x00")
    # ok: py-marshal
    out = marshal.dumps(data)
    return data, const, out
