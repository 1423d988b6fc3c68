package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
)

func handler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	line := "tar xf " + name
	// ruleid: go-exec-shell
	out, _ := exec.Command("sh", "-c", line).Output()
	w.Write(out)
}

func form(ctx context.Context, r *http.Request) error {
	host := r.FormValue("host")
	// ruleid: go-exec-shell
	return exec.CommandContext(ctx, "/bin/bash", "-c", fmt.Sprintf("ping -c 1 %s", host)).Run()
}

func fromArgs() error {
	// ruleid: go-exec-shell
	return exec.Command("sh", "-c", "ls "+os.Args[1]).Run()
}

func fromEnv() error {
	hook := os.Getenv("HOOK")
	// ruleid: go-exec-shell
	return exec.Command("/bin/sh", "-c", hook).Run()
}

func unknown(script string) error {
	// ruleid: go-exec-shell
	return exec.Command("bash", "-c", script).Run()
}

func viaEnv(ctx context.Context, r *http.Request) error {
	script := r.PostFormValue("script")
	// ruleid: go-exec-shell
	return exec.CommandContext(ctx, "/usr/bin/env", "bash", "-c", script).Run()
}

func constants() error {
	// ok: go-exec-shell
	if err := exec.Command("sh", "-c", "ls -l | wc -l").Run(); err != nil {
		return err
	}
	base := "make"
	// ok: go-exec-shell
	if err := exec.Command("sh", "-c", base+" all").Run(); err != nil {
		return err
	}
	// ok: go-exec-shell
	return exec.Command("/usr/bin/env", "bash", "-c", "make clean").Run()
}

func direct(name string) error {
	// ok: go-exec-shell
	return exec.Command("tar", "xf", name).Run()
}
