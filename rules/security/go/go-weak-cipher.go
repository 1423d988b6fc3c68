package main

import (
	"crypto/aes"
	"crypto/des"
	"crypto/rc4"
)

func ciphers(key []byte) {
	// ruleid: go-weak-cipher
	block, _ := des.NewTripleDESCipher(key)
	// ruleid: go-weak-cipher
	stream, _ := rc4.NewCipher(key)
	// ok: go-weak-cipher
	good, _ := aes.NewCipher(key)
	// ok: go-weak-cipher
	_ = des.BlockSize
	_, _, _ = block, stream, good
}
