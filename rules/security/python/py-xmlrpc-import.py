# ruleid: py-xmlrpc-import
import xmlrpc.server
# ruleid: py-xmlrpc-import
from xmlrpc.client import ServerProxy
# ruleid: py-xmlrpc-import
import os, xmlrpclib

# ok: py-xmlrpc-import
import xmlrpc_helpers
# ok: py-xmlrpc-import
from mypkg import xmlrpc

# import xmlrpc.client in a comment is no import
