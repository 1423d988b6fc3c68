package main

import (
	"fmt"
	"io"
	"net/http"
)

func proxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go-ssrf
	resp, err := http.Get(target)
	if err != nil {
		return
	}
	io.Copy(w, resp.Body)
}

func hook(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	u := fmt.Sprintf("https://%s/hook", host)
	// ruleid: go-ssrf
	req, _ := http.NewRequest("POST", u, nil)
	http.DefaultClient.Do(req)
}

func status(w http.ResponseWriter, r *http.Request) {
	// ok: go-ssrf
	resp, _ := http.Get("https://status.example.com/api")
	io.Copy(w, resp.Body)
}

func user(w http.ResponseWriter, r *http.Request) {
	// ok: go-ssrf
	http.Get("https://api.example.com/users/" + r.FormValue("id"))
}

func fetch(u string) (*http.Response, error) {
	// ok: go-ssrf
	return http.Get(u)
}

func viaClient(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{}
	// ruleid: go-ssrf
	client.Get(r.Header.Get("X-Callback"))
}
