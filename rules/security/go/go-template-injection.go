package main

import (
	"fmt"
	"html/template"
	"net/http"
)

func search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	text := fmt.Sprintf("<p>Results for %s</p>", q)
	// ruleid: go-template-injection
	tmpl, _ := template.New("search").Parse(text)
	tmpl.Execute(w, nil)
}

func page(w http.ResponseWriter, r *http.Request) {
	// ok: go-template-injection
	tmpl, _ := template.New("page").Parse("<p>Results for {{ .Q }}</p>")
	tmpl.Execute(w, map[string]string{"Q": r.URL.Query().Get("q")})
}
