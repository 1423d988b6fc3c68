package main

import "crypto/tls"

func legacy() *tls.Config {
	return &tls.Config{
		// ruleid: go-tls-weak-cipher-suite
		CipherSuites: []uint16{
			tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
		},
	}
}

func assigned(cfg *tls.Config) {
	// ruleid: go-tls-weak-cipher-suite
	cfg.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA}
	// ok: go-tls-weak-cipher-suite
	cfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
}

func modern() *tls.Config {
	// ok: go-tls-weak-cipher-suite
	return &tls.Config{CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}}
}
