package webpage

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokenBlocks cuts a page into blocks with the tokenizer alone, for pages the
// parser refuses (elements nested more than 512 deep). It knows no tree: no
// boilerplate by class, no article; only block boundaries, skipped elements
// and links.
func tokenBlocks(page string) []block {
	z := html.NewTokenizer(strings.NewReader(page))
	var (
		blocks []block
		buf    strings.Builder
		links  int
		inLink int
		skip   atom.Atom // inside this skipped element
		level  int       // heading level of the open heading
	)
	flush := func() {
		t := collapse(buf.String())
		buf.Reset()
		if t != "" {
			c := countChars(t)
			blocks = append(blocks, block{text: t, chars: c, links: min(links, c), heading: level})
		}
		links = 0
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return blocks
		case html.TextToken:
			if skip != 0 {
				continue
			}
			t := string(z.Text())
			buf.WriteString(t)
			if inLink > 0 {
				links += countChars(t)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip != 0 {
				if tt == html.EndTagToken && a == skip {
					skip = 0
				}
				continue
			}
			switch {
			case tt == html.StartTagToken && tokenSkipped[a]:
				flush()
				skip = a
			case a == atom.A:
				if tt == html.StartTagToken {
					inLink++
				} else if tt == html.EndTagToken && inLink > 0 {
					inLink--
				}
			case blockLevel[a]:
				flush()
				if h := headingLevel(a); h > 0 {
					if tt == html.StartTagToken {
						level = h
					} else {
						level = 0
					}
				}
			}
		}
	}
}

// tokenSkipped elements have an end tag and content that is not prose.
var tokenSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Select: true, atom.Textarea: true,
	atom.Button: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Head: true,
	atom.Title: true, atom.Figure: true, atom.Figcaption: true, atom.Nav: true, atom.Menu: true,
	atom.Address: true, atom.Label: true,
}
