import hashlib

import hashids
from django.conf import settings
from flask import current_app
from hashids import Hashids

# ruleid: py-hashids-secret-key
ids = Hashids(salt=settings.SECRET_KEY, min_length=8)

# ruleid: py-hashids-secret-key
short = hashids.Hashids(min_length=6, salt=current_app.config["SECRET_KEY"])


def encoder():
    # ruleid: py-hashids-secret-key
    return Hashids(settings.SECRET_KEY, min_length=4)


# ok: py-hashids-secret-key
own = Hashids(salt=settings.HASHIDS_SALT, min_length=8)

# ok: py-hashids-secret-key
derived = Hashids(salt=hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())

# ok: py-hashids-secret-key
unsalted = Hashids(min_length=8)

# ok: py-hashids-secret-key
note = "Hashids(salt=settings.SECRET_KEY)"
