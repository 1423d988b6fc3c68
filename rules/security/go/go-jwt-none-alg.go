package main

import "github.com/golang-jwt/jwt/v5"

func unsigned(claims jwt.Claims) (string, error) {
	// ruleid: go-jwt-none-alg
	token := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
	// ruleid: go-jwt-none-alg
	return token.SignedString(jwt.UnsafeAllowNoneSignatureType)
}

func signed(claims jwt.Claims, key []byte) (string, error) {
	// ok: go-jwt-none-alg
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	return token.SignedString(key)
}
