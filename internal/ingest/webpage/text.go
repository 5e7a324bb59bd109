package webpage

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is a run of text between two block-level boundaries of the page: a
// paragraph, a heading, a list item, a table cell, the text directly inside a
// <div>.
type block struct {
	text    string     // whitespace collapsed and trimmed
	chars   int        // letters and digits (not spaces or punctuation)
	links   int        // letters and digits inside <a href>
	elem    *html.Node // innermost block-level element holding the text
	heading int        // 1..6 inside <h1>..<h6>, else 0
	list    *html.Node // innermost ul/ol/dl holding the text, if any
	quote   bool       // inside <blockquote>
}

func (b block) linkDensity() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.links) / float64(b.chars)
}

// skipped elements never show text to a reader.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Map: true,
	atom.Head: true, atom.Title: true, atom.Select: true, atom.Option: true, atom.Datalist: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Frameset: true, atom.Frame: true,
	atom.Rp: true, atom.Rt: true,
}

// blockLevel elements break the text into paragraphs.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Caption: true, atom.Br: true,
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// textContext is what the collector knows about the enclosing elements.
type textContext struct {
	elem    *html.Node
	heading int
	list    *html.Node
	quote   bool
	pre     bool
}

// collector turns a tree into blocks.
type collector struct {
	blocks []block
	buf    strings.Builder
	links  int // letters and digits inside links in buf
	inLink int
	ctx    textContext
	skip   func(*html.Node) bool
}

// collectBlocks returns the blocks of text below root, in document order,
// leaving out the elements for which skip (if not nil) is true.
func collectBlocks(root *html.Node, skip func(*html.Node) bool) []block {
	c := &collector{ctx: textContext{elem: root}, skip: skip}
	if root.Type == html.ElementNode {
		c.ctx = c.enter(root)
	}
	c.walk(root)
	c.flush()
	return c.blocks
}

func (c *collector) enter(n *html.Node) textContext {
	ctx := c.ctx
	ctx.elem = n
	if h := headingLevel(n.DataAtom); h > 0 {
		ctx.heading = h
	} else if strings.EqualFold(attr(n, "role"), "heading") {
		ctx.heading = 2
		if l, err := strconv.Atoi(attr(n, "aria-level")); err == nil && l >= 1 && l <= 6 {
			ctx.heading = l
		}
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Dl, atom.Menu:
		ctx.list = n
	case atom.Blockquote:
		ctx.quote = true
	case atom.Pre:
		ctx.pre = true
	}
	return ctx
}

func (c *collector) walk(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			c.buf.WriteString(ch.Data)
			if c.inLink > 0 {
				c.links += countChars(ch.Data)
			}
		case html.ElementNode:
			a := ch.DataAtom
			if skipped[a] || c.skip != nil && c.skip(ch) {
				continue
			}
			if a == atom.Br || a == atom.Hr {
				c.flush()
				continue
			}
			if a == atom.A && hasAttr(ch, "href") && !contactLink(ch) {
				c.inLink++
				c.walk(ch)
				c.inLink--
				continue
			}
			if !blockLevel[a] {
				c.walk(ch)
				continue
			}
			c.flush()
			saved := c.ctx
			c.ctx = c.enter(ch)
			c.walk(ch)
			c.flush()
			c.ctx = saved
		}
	}
}

func (c *collector) flush() {
	if c.buf.Len() == 0 {
		return
	}
	raw := c.buf.String()
	links := c.links
	c.buf.Reset()
	c.links = 0
	if c.ctx.pre {
		for _, line := range strings.Split(raw, "\n") {
			c.add(collapse(line), -1)
		}
		return
	}
	c.add(collapse(raw), links)
}

func (c *collector) add(text string, links int) {
	if text == "" {
		return
	}
	chars := countChars(text)
	if links < 0 {
		links = 0
		if c.inLink > 0 {
			links = chars
		}
	}
	c.blocks = append(c.blocks, block{
		text:    text,
		chars:   chars,
		links:   min(links, chars),
		elem:    c.ctx.elem,
		heading: c.ctx.heading,
		list:    c.ctx.list,
		quote:   c.ctx.quote,
	})
}

// isSpace is the whitespace of Python's Unicode \s (the scoring rule of the
// benchmark), which adds the information separators U+001C..U+001F to
// unicode.IsSpace.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1C && r <= 0x1F
}

// invisible runes are dropped from text: soft hyphens, zero-width spaces,
// byte order marks, and control characters other than whitespace.
func invisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u2060', '\uFEFF', utf8.RuneError:
		return true
	}
	return unicode.IsControl(r) && !isSpace(r)
}

// collapse removes invisible runes, turns every run of whitespace into one
// space and trims the ends.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isSpace(r):
			space = true
		case invisible(r):
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// countChars counts letters and digits.
func countChars(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// blockChars counts the letters and digits of blocks.
func blockChars(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += b.chars
	}
	return n
}

// joinBlocks renders blocks as paragraphs separated by blank lines.
func joinBlocks(blocks []block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

// PlainText turns an HTML fragment (a feed item's description, say) into
// plain text: paragraphs separated by "\n\n", whitespace collapsed within
// them; markup, scripts, styles, figures and their captions, navigation and
// form controls dropped.
func PlainText(fragment string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(fragment), body,
		html.ParseOptionEnableScripting(false))
	if err != nil {
		return collapse(fragment)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return joinBlocks(collectBlocks(body, func(n *html.Node) bool { return junkTags[n.DataAtom] }))
}

// contactLink tells whether a is an e-mail address or a phone number, which
// is text for the reader rather than a way to another page.
func contactLink(a *html.Node) bool {
	href := strings.ToLower(strings.TrimSpace(attr(a, "href")))
	return strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:")
}
