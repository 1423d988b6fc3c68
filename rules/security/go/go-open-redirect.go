package main

import "net/http"

func login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: go-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func out(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-open-redirect
	w.Header().Set("Location", r.FormValue("to"))
	w.WriteHeader(http.StatusFound)
}

func home(w http.ResponseWriter, r *http.Request) {
	// ok: go-open-redirect
	http.Redirect(w, r, "/dashboard", http.StatusFound)
}
