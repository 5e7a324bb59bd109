// Package feed reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds into plain
// items: text rather than markup, one language per item, one publication
// time.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/ingest/webpage"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// DefaultMaxBytes is the largest feed Parse reads.
const DefaultMaxBytes = 16 << 20

// Errors that callers may test with errors.Is.
var (
	ErrNotFeed  = errors.New("not an rss, atom or rdf feed")
	ErrTooLarge = errors.New("feed too large")
)

// Item is one entry of a feed.
type Item struct {
	GUID, Link, Title, Author string
	// Lang is the primary language subtag of the item (its dc:language or
	// xml:lang, else the feed's <language> or xml:lang), lower case; "" if
	// unknown.
	Lang string
	// Published is the item's publication time, else its update time; zero
	// if the feed gives neither.
	Published time.Time
	// Summary is the item's description as plain text.
	Summary string
	// Content is the item's full content as plain text (from content:encoded
	// or Atom content), "" if none.
	Content string
	// HTML is true when the item's text came from HTML markup (already
	// converted to text).
	HTML bool
}

// Feed is a parsed feed.
type Feed struct {
	Title, Link string
	// Lang is the primary language subtag of the feed, "" if unknown.
	Lang  string
	Items []Item
}

// Parse reads an RSS, RDF or Atom feed.
func Parse(r io.Reader) (*Feed, error) {
	b, err := io.ReadAll(io.LimitReader(r, DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read feed: %w", err)
	}
	if len(b) > DefaultMaxBytes {
		return nil, fmt.Errorf("read feed: %w: more than %d bytes", ErrTooLarge, DefaultMaxBytes)
	}
	return ParseBytes(b)
}

// ParseBytes is Parse on a feed already in memory.
func ParseBytes(b []byte) (*Feed, error) {
	if !Detect(b) {
		return nil, fmt.Errorf("parse feed: %w", ErrNotFeed)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("parse feed: %w", ErrNotFeed)
		}
		msg := oneLine(err.Error())
		if strings.Contains(msg, "unexpected EOF") {
			msg = "truncated: " + msg
		}
		return nil, fmt.Errorf("parse feed: %s", msg)
	}
	f := &Feed{
		Title: oneLine(text(gf.Title)),
		Link:  strings.TrimSpace(gf.Link),
		Lang:  langTag(gf.Language),
	}
	if f.Lang == "" && gf.DublinCoreExt != nil && len(gf.DublinCoreExt.Language) > 0 {
		f.Lang = langTag(gf.DublinCoreExt.Language[0])
	}
	langs := itemLangs(b)
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			GUID:  strings.TrimSpace(gi.GUID),
			Link:  strings.TrimSpace(gi.Link),
			Title: oneLine(text(gi.Title)),
		}
		if it.Link == "" && len(gi.Links) > 0 {
			it.Link = strings.TrimSpace(gi.Links[0])
		}
		it.Author = authors(gi)
		if gi.DublinCoreExt != nil && len(gi.DublinCoreExt.Language) > 0 {
			it.Lang = langTag(gi.DublinCoreExt.Language[0])
		}
		if it.Lang == "" && i < len(langs) {
			it.Lang = langs[i]
		}
		if it.Lang == "" {
			it.Lang = f.Lang
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = withZone(*gi.PublishedParsed, gi.Published)
		case gi.UpdatedParsed != nil:
			it.Published = withZone(*gi.UpdatedParsed, gi.Updated)
		}
		var htmlSummary, htmlContent bool
		it.Summary, htmlSummary = toText(gi.Description)
		it.Content, htmlContent = toText(gi.Content)
		it.HTML = htmlSummary || htmlContent
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// zoneLayouts are the usual forms of feed dates that carry a time zone.
var zoneLayouts = []string{
	time.RFC3339, time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 -0700",
}

// withZone returns t in the time zone its text gave: gofeed turns some dates
// to UTC, and the local date of a news item matters.
func withZone(t time.Time, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	for _, layout := range zoneLayouts {
		if z, err := time.Parse(layout, raw); err == nil && z.Equal(t) {
			return z
		}
	}
	return t
}

func authors(gi *gofeed.Item) string {
	var names []string
	for _, p := range gi.Authors {
		if p == nil {
			continue
		}
		name := oneLine(text(p.Name))
		if name == "" {
			name = strings.TrimSpace(p.Email)
		}
		if name != "" {
			names = append(names, name)
		}
	}
	if len(names) == 0 && gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			if c = oneLine(text(c)); c != "" {
				names = append(names, c)
			}
		}
	}
	return strings.Join(names, ", ")
}

// rxMarkup finds what says a string is HTML rather than plain text: a tag, a
// comment or a character reference.
var rxMarkup = regexp.MustCompile(`<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|/[a-zA-Z]|!--)|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// toText turns a description or content into plain text, and tells whether
// it was markup.
func toText(s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", false
	}
	if rxMarkup.MatchString(s) {
		return webpage.PlainText(s), true
	}
	return plain(s), false
}

// text is toText without the flag.
func text(s string) string {
	t, _ := toText(s)
	return t
}

// plain keeps the paragraphs of plain text (blank lines), whitespace
// collapsed within them.
func plain(s string) string {
	var paras []string
	for _, p := range rxBlankLine.Split(strings.ReplaceAll(s, "\r\n", "\n"), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

var rxBlankLine = regexp.MustCompile(`\n[ \t\r\f\v]*\n`)

// oneLine joins the paragraphs of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// langTag returns the primary subtag of a language tag ("fr" for "fr-FR",
// "fr FR" or "fr,en"), lower case, or "" when s is not one.
func langTag(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), " ")
	return webpage.LangTag(s)
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// itemLangs returns, for each item or entry of the feed in document order,
// its own xml:lang ("" if it has none). gofeed keeps only the feed's. A feed
// that never writes xml:lang (most RSS) is not read a second time.
func itemLangs(b []byte) []string {
	if !bytes.Contains(b, []byte("xml:lang")) {
		return nil
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var langs []string
	for {
		tok, err := d.Token()
		if err != nil {
			return langs
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "item" && se.Name.Local != "entry" {
			continue
		}
		lang := ""
		for _, a := range se.Attr {
			if a.Name.Local == "lang" && (a.Name.Space == xmlNS || a.Name.Space == "xml") {
				lang = langTag(a.Value)
			}
		}
		langs = append(langs, lang)
	}
}

// Detect reports whether the first bytes of a document look like an RSS,
// Atom or RDF feed: after an optional byte order mark, XML declaration,
// comments and doctype, the root element is <rss>, <feed> or <rdf:RDF>.
func Detect(head []byte) bool {
	switch {
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		u, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(head[:len(head)&^1])
		if err != nil {
			return false
		}
		head = u
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			end = []byte("-->")
		case len(head) >= 9 && strings.EqualFold(string(head[:9]), "<!DOCTYPE"):
			end = []byte(">")
		default:
			return rxRoot.Match(head)
		}
		i := bytes.Index(head, end)
		if i < 0 {
			return false
		}
		head = head[i+len(end):]
	}
}

// rxRoot matches the start of the root element of a feed.
var rxRoot = regexp.MustCompile(`^<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF|rdf)(?:[\s/>]|$)`)
