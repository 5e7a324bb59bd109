package webpage

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract checks that no input makes Extract panic, hang or return text
// that is not clean UTF-8.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"jsonld-only.html", "windows-1252.html", "no-article.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"<",
		"<html",
		"<!doctype html><p>text</p>",
		"<p>" + strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 10),
		"<table><tr><td><table><td><p>cell</table></td></p></b></i>",
		"<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"articleBody\":\"x\"</script>",
		"<meta charset=utf-16><p>\xff\xfe</p>",
		"\xef\xbb\xbf<p>bom</p>",
		"\xff\xfe<\x00p\x00>\x00",
		"<noscript><p>only without scripts</p></noscript>",
		"<article><p>Lire aussi</p><h2>x</h2></article>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		start := time.Now()
		p, err := Extract(bytes.NewReader(page), "https://example.org/a")
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("Extract took %v on %d bytes", d, len(page))
		}
		if err != nil {
			if msg := err.Error(); msg == "" || strings.ContainsRune(msg, '\n') {
				t.Fatalf("error message %q is not one line", msg)
			}
			return
		}
		if p.Text == "" {
			t.Fatal("no error and no text")
		}
		for _, s := range []string{p.Text, p.Title, p.Author, p.SiteName, p.Description, p.Canonical} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
			for _, r := range s {
				if r != '\n' && (r < 0x20 || r == 0x7f) {
					t.Fatalf("control character %U in %q", r, s)
				}
			}
		}
	})
}
