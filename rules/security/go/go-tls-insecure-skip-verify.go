package main

import (
	"crypto/tls"
	"net/http"
)

func client() *http.Client {
	tr := &http.Transport{
		// ruleid: go-tls-insecure-skip-verify
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: tr}
}

func configure(cfg *tls.Config, skip bool) {
	// ruleid: go-tls-insecure-skip-verify
	cfg.InsecureSkipVerify = true
	// ok: go-tls-insecure-skip-verify
	cfg.InsecureSkipVerify = false
	// ok: go-tls-insecure-skip-verify
	http.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	// ok: go-tls-insecure-skip-verify
	_ = "InsecureSkipVerify: true"
}

func verified() *tls.Config {
	return &tls.Config{
		// ok: go-tls-insecure-skip-verify
		InsecureSkipVerify: false,
		// ruleid: go-tls-insecure-skip-verify
		InsecureSkipVerify: true,
	}
}
