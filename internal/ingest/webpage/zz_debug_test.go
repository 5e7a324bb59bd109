package webpage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// temporary: DYAD_DEBUG_CASE=id go test -run TestDebugCase
func TestDebugCase(t *testing.T) {
	id := os.Getenv("DYAD_DEBUG_CASE")
	if id == "" {
		t.Skip()
	}
	dir := benchDir()
	for _, c := range loadCases(t, dir) {
		if c.ID != id {
			continue
		}
		b, _ := readGz(filepath.Join(dir, c.File))
		p, err := Extract(strings.NewReader(string(b)), c.URL)
		fmt.Println("ERR", err)
		if p != nil {
			fmt.Printf("TITLE %q\nLANG %q PUB %v CANON %q AUTHOR %q SITE %q METHOD %s BE %v CS %s\n", p.Title, p.Lang, p.Published, p.Canonical, p.Author, p.SiteName, p.Method, p.BestEffort, p.Charset)
			if os.Getenv("DYAD_DEBUG_TEXT") != "" {
				fmt.Println(p.Text)
			}
		}
		text, _ := decode(b)
		doc, _ := html.Parse(strings.NewReader(text))
		prune(doc)
		if h := hinted(doc, countText(doc)); h != nil {
			var path []string
			for n := h.node; n != nil && n.Type == html.ElementNode; n = n.Parent {
				path = append(path, n.Data+"."+attr(n, "class")+"#"+attr(n, "id"))
			}
			fmt.Println("HINT", h.chars, path)
		}
		for _, s := range append(append([]string{}, c.With...), c.Without...) {
			in := p != nil && strings.Contains(normalizeWS(p.Text), normalizeWS(s))
			fmt.Printf("--- %q in text=%v\n", s, in)
			i := strings.Index(text, s[:min(len(s), 25)])
			if i >= 0 {
				fmt.Println(text[max(0, i-600):min(len(text), i+200)])
			}
		}
	}
}
