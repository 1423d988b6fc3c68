import paramiko
from paramiko import client


def connect(ssh):
    # ruleid: py-ssh-no-host-key-check
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ruleid: py-ssh-no-host-key-check
    ssh.set_missing_host_key_policy(client.WarningPolicy)
    # ok: py-ssh-no-host-key-check
    ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
    # ok: py-ssh-no-host-key-check
    ssh.set_missing_host_key_policy(policy)
