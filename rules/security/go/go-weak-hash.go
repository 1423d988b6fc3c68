package main

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
)

func digests(data []byte) {
	// ruleid: go-weak-hash
	a := md5.Sum(data)
	// ruleid: go-weak-hash
	h := sha1.New()
	h.Write(data)
	// ok: go-weak-hash
	b := sha256.Sum256(data)
	// ok: go-weak-hash
	fmt.Println("md5.Sum(data)", a, b, h.Sum(nil))
	// ok: go-weak-hash
	_ = md5.Size
}
