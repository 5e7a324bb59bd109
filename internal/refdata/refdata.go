// Package refdata finds the shared reference data (gold sets, reference
// tables, seed articles) that sits beside a checkout of dyad as ../shared, or
// wherever DYAD_SHARED points. Tests that need it skip cleanly without it.
package refdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared directory, or "" if there is none.
func Dir() string {
	if d := os.Getenv("DYAD_SHARED"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		return ""
	}
	root := RepoRoot()
	if root == "" {
		return ""
	}
	d := filepath.Join(filepath.Dir(root), "shared")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// RepoRoot walks up from the working directory to the directory holding go.mod.
func RepoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path joins elem to the shared directory and skips the test when that
// directory or the file is absent.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	d := Dir()
	if d == "" {
		t.Skip("no ../shared reference data beside the repository (set DYAD_SHARED)")
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference data %s absent", p)
	}
	return p
}
