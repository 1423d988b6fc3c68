package main

import (
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func insecure(user string, auth []ssh.AuthMethod) *ssh.ClientConfig {
	return &ssh.ClientConfig{
		User: user,
		Auth: auth,
		// ruleid: go-ssh-insecure-host-key
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
	}
}

func later(cfg *ssh.ClientConfig) {
	// ruleid: go-ssh-insecure-host-key
	cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey()
}

func pinned(user string, key ssh.PublicKey) (*ssh.ClientConfig, error) {
	// ok: go-ssh-insecure-host-key
	fixed := ssh.FixedHostKey(key)
	// ok: go-ssh-insecure-host-key
	known, err := knownhosts.New("/etc/ssh/ssh_known_hosts")
	_ = fixed
	return &ssh.ClientConfig{User: user, HostKeyCallback: known}, err
}
