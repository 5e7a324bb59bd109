package webpage

import (
	"log/slog"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Thresholds, in letters and digits of kept text.
const (
	// minHinted is what a named article body must hold to be taken.
	minHinted = 200
	// minText is the least main text a page can have; less is no main text.
	minText = 40
)

// candidate is one guess at the main text.
type candidate struct {
	source string // how it was found: "hint", "readability", "json-ld", "fallback"
	node   *html.Node
	blocks []block
	chars  int
}

// newCandidate renders the text under n, leaving out the elements named as
// boilerplate that do not hold most of it. st counts the text of n's tree.
func newCandidate(source string, n *html.Node, st textStats) *candidate {
	total := st[n]
	held := func(e *html.Node) bool {
		k := st[e]
		return k >= 200 && (bodyHint(e) || float64(k) >= 0.5*float64(total))
	}
	skip := func(e *html.Node) bool {
		switch e.DataAtom {
		case atom.Article, atom.Main, atom.Body, atom.Html:
			return false
		}
		kind := boilerKind(e)
		if kind == "" || held(e) {
			return false
		}
		// Within an element of some kind that holds most of the text (a
		// slideshow that is the article), elements of the same kind are its
		// parts.
		for a := e.Parent; a != nil && a != n.Parent; a = a.Parent {
			if boilerKind(a) == kind && held(a) {
				return false
			}
		}
		return true
	}
	c := &candidate{source: source, node: n, blocks: filterBlocks(collectBlocks(n, skip))}
	c.chars = blockChars(c.blocks)
	return c
}

func (c *candidate) text() string {
	if c == nil {
		return ""
	}
	return joinBlocks(c.blocks)
}

// hinted returns the element the markup names as the article body (or the
// article, or the main part of the page), when it holds enough text.
func hinted(doc *html.Node, st textStats) *candidate {
	for _, hint := range []func(*html.Node) bool{bodyHint, articleHint, mainHint} {
		var matches []*candidate
		best := 0
		elements(doc, func(n *html.Node) bool {
			if n.DataAtom != atom.Body && n.DataAtom != atom.Html && hint(n) && !inBoilerplate(n, st) {
				c := newCandidate("hint", n, st)
				if c.chars > 0 {
					matches = append(matches, c)
					best = max(best, c.chars)
				}
			}
			return true
		})
		if best < minHinted {
			continue
		}
		// The innermost element that holds nearly all the text: an outer one
		// adds only what survived as boilerplate.
		var pick *candidate
		for _, c := range matches {
			if float64(c.chars) < 0.85*float64(best) {
				continue
			}
			if pick == nil || ancestorOf(pick.node, c.node) {
				pick = c
			}
		}
		pick = withParts(pick, matches)
		if bodyHint(pick.node) {
			withLead(pick, st)
		}
		return pick
	}
	return nil
}

// withParts joins to pick the elements of the same tag and class near it:
// pages cut their article body into several blocks around ads and embeds.
func withParts(pick *candidate, matches []*candidate) *candidate {
	var parts []*candidate
	for _, c := range matches {
		if c != pick && (ancestorOf(c.node, pick.node) || ancestorOf(pick.node, c.node) ||
			c.node.DataAtom != pick.node.DataAtom || attr(c.node, "class") != attr(pick.node, "class") ||
			!near(c.node, pick.node, 6)) {
			continue
		}
		parts = append(parts, c)
	}
	if len(parts) == 1 {
		return pick
	}
	joined := &candidate{source: pick.source, node: parts[0].node}
	for _, c := range parts {
		joined.blocks = append(joined.blocks, c.blocks...)
		joined.chars += c.chars
	}
	return joined
}

// near tells whether a and b have a common ancestor at most levels above a.
func near(a, b *html.Node, levels int) bool {
	for p, i := a.Parent, 0; p != nil && i < levels; p, i = p.Parent, i+1 {
		if ancestorOf(p, b) {
			return true
		}
	}
	return false
}

// inBoilerplate tells whether n lies in an element named as boilerplate (a
// comment, a teaser in a "related" box) that does not hold much of the page.
func inBoilerplate(n *html.Node, st textStats) bool {
	var top *html.Node
	for a := n; a != nil; a = a.Parent {
		top = a
	}
	total := float64(st[top])
	for a := n; a != nil; a = a.Parent {
		switch a.DataAtom {
		case atom.Article, atom.Main, atom.Body, atom.Html:
			continue
		}
		if boilerKind(a) != "" && !(st[a] >= 400 && float64(st[a]) >= 0.4*total) {
			return true
		}
	}
	return false
}

// A standfirst holds at most maxLead letters; a subtitle (an <h2> above the
// body) at least minSubtitle.
const (
	maxLead     = 1500
	minSubtitle = 60
)

// withLead adds to a named article body the standfirst that precedes it
// within its article (or near it): pages often set the lead paragraph apart
// from the body, in an element named "chapo", "standfirst", "bajada"... or
// in a subtitle heading.
func withLead(c *candidate, st textStats) {
	scope := c.node.Parent
	for a, depth := c.node.Parent, 0; a != nil && depth < 6; a, depth = a.Parent, depth+1 {
		if articleHint(a) {
			scope = a
			break
		}
		if depth < 5 {
			scope = a
		}
	}
	if scope == nil {
		return
	}
	var lead []block
	done := false
	elements(scope, func(n *html.Node) bool {
		if done || n == c.node {
			done = true
			return false
		}
		h := headingLevel(n.DataAtom)
		if leadHint(n) || h >= 2 && st[n] >= minSubtitle {
			if !inBoilerplate(n, st) {
				for _, b := range newCandidate("lead", n, st).blocks {
					if len(strings.Fields(b.text)) >= 5 { // not a label
						lead = append(lead, b)
					}
				}
			}
			return false
		}
		return true
	})
	chars := blockChars(lead)
	if chars == 0 || chars > maxLead || chars > c.chars {
		return
	}
	c.chars += chars
	c.blocks = append(lead, c.blocks...)
}

// viaReadability runs go-readability on doc (which it changes).
func viaReadability(doc *html.Node, log *slog.Logger) *candidate {
	p := readability.NewParser()
	p.Logger = log
	p.CharThresholds = 250
	art, err := p.ParseAndMutate(doc, nil)
	if err != nil || art.Node == nil {
		return nil
	}
	// Readability renames elements (a <div> of text becomes a <p>) without
	// setting their atom.
	elements(art.Node, func(n *html.Node) bool {
		if n.DataAtom == 0 {
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
		return true
	})
	return newCandidate("readability", art.Node, countText(art.Node))
}

// fromLD makes a candidate of a JSON-LD articleBody.
func fromLD(body string) *candidate {
	if strings.Contains(body, "<") && strings.Contains(body, ">") {
		body = PlainText(body)
	}
	c := &candidate{source: "json-ld"}
	for _, para := range strings.Split(body, "\n") {
		if t := collapse(para); t != "" {
			b := block{text: t, chars: countChars(t)}
			c.blocks = append(c.blocks, b)
			c.chars += b.chars
		}
	}
	return c
}

// chooseText picks the main text among the guesses, and tells whether it is
// only a best effort.
func chooseText(pruned, raw *html.Node, ldBody string, log *slog.Logger) (*candidate, bool) {
	st := countText(pruned)
	hint := hinted(pruned, st)
	var read *candidate
	if raw != nil {
		read = viaReadability(raw, log)
	}
	best := hint
	switch {
	case best == nil:
		best = read
	case read != nil && float64(read.chars) > 2*float64(best.chars):
		best = read
	}
	if ld := fromLD(ldBody); ld.chars >= minHinted && (best == nil || float64(best.chars) < 0.6*float64(ld.chars)) {
		best = ld
	}
	if best != nil && best.chars >= minText {
		// A short guess of readability on a page that names no article is
		// no better than the fallback.
		return best, best.source == "readability" && best.chars < minHinted
	}
	// Nothing looks like an article: keep the prose of the whole page.
	if body := find(pruned, func(n *html.Node) bool { return n.Data == "body" }); body != nil {
		fb := newCandidate("fallback", body, st)
		if fb.chars >= minText {
			return fb, true
		}
	}
	return nil, true
}

// cloneTree returns a deep copy of the tree under n.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{
		Type:      n.Type,
		DataAtom:  n.DataAtom,
		Data:      n.Data,
		Namespace: n.Namespace,
		Attr:      append([]html.Attribute(nil), n.Attr...),
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneTree(ch))
	}
	return c
}

// maxBox is the most text, in letters, of a box around a label.
const maxBox = 400

// teaserBox tells whether the blocks around bs[i] (a label) that lie in box
// make a small box of teasers: little text, and none of it a paragraph of
// prose.
func teaserBox(bs []block, i int, box *html.Node) bool {
	n := 0
	ok := func(j int) bool {
		b := bs[j]
		n += b.chars
		return n <= maxBox && (j == i || b.heading > 0 || b.chars < 120 || b.linkDensity() > 0.5)
	}
	for j := i; j < len(bs) && ancestorOf(box, bs[j].elem); j++ {
		if !ok(j) {
			return false
		}
	}
	for j := i - 1; j >= 0 && ancestorOf(box, bs[j].elem); j-- {
		if !ok(j) {
			return false
		}
	}
	return true
}

// filterBlocks drops the blocks that are boilerplate by their own look: lists
// of links, link-only paragraphs, labels, and headings left with nothing
// under them.
func filterBlocks(bs []block) []block {
	type sum struct{ chars, links int }
	lists := make(map[*html.Node]*sum)
	for _, b := range bs {
		if b.list == nil {
			continue
		}
		s := lists[b.list]
		if s == nil {
			s = &sum{}
			lists[b.list] = s
		}
		s.chars += b.chars
		s.links += b.links
	}
	keep := make([]bool, len(bs))
	for i, b := range bs {
		switch {
		case b.chars == 0:
		case b.list != nil && lists[b.list].links*2 > lists[b.list].chars:
		case b.linkDensity() > 0.5:
		case boilerText(b.text), b.list == nil && dateLine(b.text):
		default:
			keep[i] = true
		}
	}
	// Calls to action and rights notices close articles (or open them); what
	// follows a call to action at the end (a paywall's list of offers) goes
	// with it.
	tail := 0
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		if keep[i] && b.chars < 300 && callToAction(b.text) {
			switch {
			case i >= len(bs)-ctaWindow || i < 2:
				keep[i] = false
			case tail <= maxTail && 2*i >= len(bs):
				for j := i; j < len(bs); j++ {
					keep[j] = false
				}
			}
		}
		if keep[i] {
			tail += b.chars
		}
	}
	// A label pointing to other content ("Read more", "Lire aussi") heads a
	// small box: the box goes with it.
	for i, b := range bs {
		if b.elem == nil || len(b.text) > 160 || !rxBoilerStart.MatchString(b.text) {
			continue
		}
		box := b.elem
		if !teaserBox(bs, i, box) {
			continue
		}
		for box.Parent != nil && teaserBox(bs, i, box.Parent) {
			box = box.Parent
		}
		for j := i; j < len(bs) && ancestorOf(box, bs[j].elem); j++ {
			keep[j] = false
		}
		for j := i - 1; j >= 0 && ancestorOf(box, bs[j].elem); j-- {
			keep[j] = false
		}
	}
	// A heading stays only when some text under it stays (a long "heading"
	// is a lead paragraph set in large type and stays).
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		if !keep[i] || b.heading == 0 || b.chars > 120 {
			continue
		}
		// The first paragraph after it (past its subheadings) decides.
		has := false
		for j := i + 1; j < len(bs) && (bs[j].heading == 0 || bs[j].heading > b.heading); j++ {
			if bs[j].heading == 0 || bs[j].chars > 120 {
				has = keep[j]
				break
			}
		}
		keep[i] = has
	}
	out := bs[:0:0]
	for i, b := range bs {
		if keep[i] {
			out = append(out, b)
		}
	}
	return out
}
