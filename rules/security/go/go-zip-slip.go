package unzip

import (
	"archive/tar"
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func extract(r *zip.Reader, dest string) error {
	for _, f := range r.File {
		// ruleid: go-zip-slip
		p := filepath.Join(dest, f.Name)
		out, err := os.Create(p)
		if err != nil {
			return err
		}
		rc, _ := f.Open()
		io.Copy(out, rc)
	}
	return nil
}

func untar(tr *tar.Reader, dest string) {
	for {
		hdr, err := tr.Next()
		if err != nil {
			return
		}
		// ruleid: go-zip-slip
		target := filepath.Join(dest, strings.TrimPrefix(hdr.Name, "./"))
		os.MkdirAll(target, 0o755)
	}
}

func checked(r *zip.Reader, dest string) error {
	for _, f := range r.File {
		// ok: go-zip-slip
		p := filepath.Join(dest, f.Name)
		if !strings.HasPrefix(p, filepath.Clean(dest)+string(os.PathSeparator)) {
			return os.ErrPermission
		}
	}
	return nil
}

func local(r *zip.Reader, dest string) {
	for _, f := range r.File {
		if !filepath.IsLocal(f.Name) {
			continue
		}
		// ok: go-zip-slip
		_ = filepath.Join(dest, f.Name)
	}
}

// A name that is no archive entry's.
func config(dir string, user struct{ Home string }) string {
	// ok: go-zip-slip
	return filepath.Join(dir, user.Home)
}
