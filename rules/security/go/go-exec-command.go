package main

import (
	"flag"
	"net/http"
	"os"
	"os/exec"
	"syscall"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
)

func tool(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("tool")
	// ruleid: go-exec-command
	out, _ := exec.Command(name, "--version").Output()
	w.Write(out)
}

func byRoute(w http.ResponseWriter, r *http.Request) {
	vars := mux.Vars(r)
	// ruleid: go-exec-command
	exec.CommandContext(r.Context(), vars["bin"]).Run()
}

func ginHandler(c *gin.Context) {
	bin := c.Query("bin")
	path, _ := exec.LookPath(bin)
	// ruleid: go-exec-command
	cmd := &exec.Cmd{Path: path, Args: []string{path}}
	cmd.Run()
}

func fromFlags() {
	editor := flag.String("editor", "vi", "editor to run")
	flag.Parse()
	// ruleid: go-exec-command
	exec.Command(*editor, "notes.txt").Run()
	// ruleid: go-exec-command
	syscall.Exec(os.Args[1], os.Args[1:], os.Environ())
}

func fromHeader(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-exec-command
	exec.Command(r.Header.Get("X-Converter"), "in.png").Run()
}

func fixed(r *http.Request) {
	file := r.FormValue("file")
	// ok: go-exec-command
	exec.Command("gzip", "-k", "--", file).Run()
	git, _ := exec.LookPath("git")
	// ok: go-exec-command
	exec.Command(git, "status").Run()
	const tar = "/usr/bin/tar"
	// ok: go-exec-command
	exec.Command(tar, "cf", "out.tar", ".").Run()
}

func untraced(program string) {
	// ok: go-exec-command
	exec.Command(program).Run()
}
