package main

import (
	"crypto/rand"
	"crypto/rsa"
)

func keys(bits int) {
	// ruleid: go-weak-rsa-key
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	// ruleid: go-weak-rsa-key
	tiny, _ := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 512)
	// ok: go-weak-rsa-key
	good, _ := rsa.GenerateKey(rand.Reader, 3072)
	// ok: go-weak-rsa-key
	multi, _ := rsa.GenerateMultiPrimeKey(rand.Reader, 3, 4096)
	// ok: go-weak-rsa-key
	chosen, _ := rsa.GenerateKey(rand.Reader, bits)
	size := 1024
	// ruleid: go-weak-rsa-key
	named, _ := rsa.GenerateKey(rand.Reader, size)
	_, _, _, _, _, _ = small, tiny, good, multi, chosen, named
}
