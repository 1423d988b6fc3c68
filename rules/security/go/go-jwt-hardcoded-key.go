package main

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

var jwtKey = []byte("my_secret_key")

func issue(claims jwt.Claims) (string, error) {
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	// ruleid: go-jwt-hardcoded-key
	return token.SignedString(jwtKey)
}

func issueInline(claims jwt.Claims) (string, error) {
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	// ruleid: go-jwt-hardcoded-key
	return token.SignedString([]byte("another-secret"))
}

func fromEnv(claims jwt.Claims) (string, error) {
	key := []byte(os.Getenv("JWT_KEY"))
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	// ok: go-jwt-hardcoded-key
	return token.SignedString(key)
}
