package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const root = "/srv/files"

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	p := filepath.Join(root, name)
	// ruleid: go-path-traversal
	http.ServeFile(w, r, p)
}

func remove(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-path-traversal
	os.Remove(root + "/" + r.FormValue("f"))
}

func ginRead(c *gin.Context) {
	// ruleid: go-path-traversal
	data, _ := os.ReadFile(filepath.Join(root, c.Param("file")))
	c.Data(200, "text/plain", data)
}

func checked(w http.ResponseWriter, r *http.Request) {
	p := filepath.Clean(filepath.Join(root, r.URL.Query().Get("name")))
	if !strings.HasPrefix(p, root+string(filepath.Separator)) {
		http.Error(w, "bad path", 400)
		return
	}
	// ok: go-path-traversal
	http.ServeFile(w, r, p)
}

func based(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.FormValue("f"))
	// ok: go-path-traversal
	f, _ := os.Open(filepath.Join(root, name))
	defer f.Close()
}

func fixed() {
	// ok: go-path-traversal
	os.RemoveAll(filepath.Join(root, "tmp"))
}

func untraced(name string) {
	// ok: go-path-traversal
	os.Open(name)
}
