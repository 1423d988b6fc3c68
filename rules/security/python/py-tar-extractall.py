import tarfile
import zipfile


def unpack(path, dest):
    # ruleid: py-tar-extractall
    tarfile.open(path).extractall(dest)
    with tarfile.open(path) as tar:
        # ruleid: py-tar-extractall
        tar.extractall(path=dest)


def safe(path, dest):
    with tarfile.open(path) as tar:
        # ok: py-tar-extractall
        tar.extractall(dest, filter="data")
        # ok: py-tar-extractall
        tar.extractall(dest, filter=refuse_links)
        # ruleid: py-tar-extractall
        tar.extractall(dest, filter="fully_trusted")
    # ok: py-tar-extractall
    "tar.extractall(dest)"
