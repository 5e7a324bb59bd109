package webpage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// DYAD_DEBUG_CASE=id DYAD_DEBUG_SNIP=text: ancestors of the text node holding snip, before pruning.
func TestDebugAncestors(t *testing.T) {
	id, snip := os.Getenv("DYAD_DEBUG_CASE"), os.Getenv("DYAD_DEBUG_SNIP")
	if id == "" || snip == "" {
		t.Skip()
	}
	dir := benchDir()
	for _, c := range loadCases(t, dir) {
		if c.ID != id {
			continue
		}
		b, _ := readGz(filepath.Join(dir, c.File))
		text, _ := decode(b)
		doc, _ := html.Parse(strings.NewReader(text))
		st := countText(doc)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode && strings.Contains(n.Data, snip) {
				for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
					fmt.Printf("%s class=%q id=%q chars=%d boiler=%q body=%v art=%v hidden=%v\n", a.Data, attr(a, "class"), attr(a, "id"), st[a], boilerKind(a), bodyHint(a), articleHint(a), hidden(a))
				}
				fmt.Println("total", st[doc])
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
}
