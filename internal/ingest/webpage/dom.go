package webpage

import (
	"strings"

	"golang.org/x/net/html"
)

// attr returns the value of the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr tells whether n has the attribute key, with any value.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// remove detaches n from its parent.
func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// elements calls fn on every element below root in document order (root
// included). fn returns false to skip the children of an element; fn may
// detach the element it is given.
func elements(root *html.Node, fn func(*html.Node) bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				if fn(c) {
					walk(c)
				}
			} else if c.Type == html.DocumentNode {
				walk(c)
			}
			c = next
		}
	}
	if root.Type == html.ElementNode && !fn(root) {
		return
	}
	walk(root)
}

// find returns the first element below root (root included) for which ok is
// true, in document order.
func find(root *html.Node, ok func(*html.Node) bool) *html.Node {
	var found *html.Node
	elements(root, func(n *html.Node) bool {
		if found != nil {
			return false
		}
		if ok(n) {
			found = n
			return false
		}
		return true
	})
	return found
}

// rawText returns the text of all text nodes below n, as is.
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// ancestorOf reports whether a is n or one of its ancestors.
func ancestorOf(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}
