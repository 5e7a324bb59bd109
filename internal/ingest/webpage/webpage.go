// Package webpage finds the main text and the metadata of a news web page.
//
// The page is decoded (byte order mark, then <meta charset> or http-equiv,
// else UTF-8 when the bytes are valid UTF-8 and windows-1252 when not) and
// parsed as a browser without scripts would. Elements that never hold prose
// (scripts, forms, figures and captions, navigation, <address>) and hidden
// ones are cut, then the main text is looked for where the markup names it:
// itemprop=articleBody or class words such as "article-body",
// "entry-content", "cuerpo" (with the standfirst above it and the other parts
// of a body cut up by ads), then <article>, then <main>. Within the chosen
// element, boilerplate goes by kind: elements whose class or id names page
// furniture (share, related, comments, newsletter, tags, byline, ads,
// cookie, breadcrumb...), lists of links, link-only paragraphs, labels and
// their teaser boxes ("Lire aussi", "Te puede interesar", "Read more"),
// bylines, date lines, credits, reading times, calls to subscribe or follow
// and rights notices at the ends of articles. go-readability's guess is taken
// instead when it holds much more text, a JSON-LD articleBody when the page
// holds much less; a page with no article-like block gives the prose of the
// whole page, marked BestEffort.
//
// On the html-extraction benchmark (213 English, French and Spanish news
// pages from trafilatura's evaluation data, scored by its rule; see
// TestExtractionBenchmark) the extractor reaches precision 0.946, recall
// 0.954, F1 0.950 (en 0.950, es 0.944, fr 0.961), against 0.812 for
// readability-lxml and 0.694 for all visible text on the same pages.
// BenchmarkExtract (the 153 kB Le Devoir page of testdata): 12 to 25 ms a
// page, 2.4 MB and 33,000 allocations, on the 2-core shared test machine;
// the whole benchmark (38.8 MB of HTML) takes 4 to 13 s.
package webpage

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// DefaultMaxBytes is the largest page Extract reads.
const DefaultMaxBytes = 16 << 20

// Errors that callers may test with errors.Is.
var (
	ErrTooLarge = errors.New("page too large")
	ErrNotHTML  = errors.New("not an html document")
	ErrNoText   = errors.New("no main text found")
)

// Page is what a web page says about itself and its main text.
type Page struct {
	Title, Author, SiteName, Description string
	// Lang is the primary language subtag from <html lang>, og:locale, meta
	// content-language or JSON-LD inLanguage; "" if unknown.
	Lang string
	// Published is from article:published_time, JSON-LD datePublished,
	// itemprop=datePublished, meta date/pubdate/dc.date..., <time datetime>;
	// zero if unknown.
	Published time.Time
	// Canonical is <link rel=canonical> or og:url, resolved against the page
	// URL.
	Canonical string
	// Text is the main text: paragraphs separated by "\n\n", headings as
	// their own paragraphs, no markup, whitespace collapsed within paragraphs.
	Text string
	// BestEffort is true when no article-like block was found and Text is
	// the prose of the whole page (or a weak guess): say so to the user.
	BestEffort bool
	// Charset is the encoding the page was read in.
	Charset string
	// Method tells which guess gave Text: "hint", "readability", "json-ld",
	// "fallback" (the prose of the whole page) or "tokens" (the text of a
	// page the parser refused).
	Method string
}

// Extractor extracts pages. The zero value is ready to use.
type Extractor struct {
	// MaxBytes is the largest page read; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Log receives debug records; nil means none.
	Log *slog.Logger
	// NoReadability leaves go-readability's guess out.
	NoReadability bool
}

// Extract reads an HTML document in any charset and returns its main text and
// metadata. pageURL may be "" or the address the page came from (used to
// resolve the canonical link). Errors wrap ErrTooLarge, ErrNotHTML or
// ErrNoText; with ErrNoText the page's metadata is returned as well.
func Extract(r io.Reader, pageURL string) (*Page, error) {
	return Extractor{}.Extract(r, pageURL)
}

// Extract reads an HTML document in any charset and returns its main text and
// metadata.
func (e Extractor) Extract(r io.Reader, pageURL string) (*Page, error) {
	limit := e.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("read page: %w: more than %d bytes", ErrTooLarge, limit)
	}
	return e.ExtractBytes(b, pageURL)
}

// maxElems bounds the work on one page: readability is skipped on pages with
// more elements than this.
const maxElems = 60000

var rxTag = regexp.MustCompile(`<(?:[a-zA-Z][a-zA-Z0-9-]*|!doctype|!DOCTYPE|!--)`)

// ExtractBytes is Extract on a page already in memory.
func (e Extractor) ExtractBytes(b []byte, pageURL string) (*Page, error) {
	log := e.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("extract: empty page: %w", ErrNotHTML)
	}
	if binary(b) {
		return nil, fmt.Errorf("extract: binary data: %w", ErrNotHTML)
	}
	text, cs := decode(b)
	if !rxTag.MatchString(text[:min(len(text), 64<<10)]) {
		return nil, fmt.Errorf("extract: no markup: %w", ErrNotHTML)
	}
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	p := &Page{Charset: cs}
	// Parsed as by a browser without scripts, so that the content of
	// <noscript> is markup (some pages put their whole article there).
	doc, err := html.ParseWithOptions(strings.NewReader(text), html.ParseOptionEnableScripting(false))
	if err != nil {
		// The parser gives up on elements nested too deep: read the text
		// with the tokenizer alone, and the metadata from the head alone.
		log.Debug("parse failed, reading tokens", slog.String("error", err.Error()))
		return e.fromTokens(p, text, base, err)
	}
	meta := readMeta(doc)
	meta.apply(p, base)

	var raw *html.Node
	if !e.NoReadability && countElems(doc, maxElems+1) <= maxElems {
		raw = cloneTree(doc)
	}
	prune(doc)
	c, bestEffort := chooseText(doc, raw, meta.ld.body, log)
	if c == nil {
		return p, fmt.Errorf("extract: %w", ErrNoText)
	}
	p.Text = c.text()
	p.Method = c.source
	p.BestEffort = bestEffort
	log.Debug("extracted", slog.String("method", c.source), slog.Int("chars", c.chars),
		slog.Bool("best_effort", bestEffort))
	return p, nil
}

// binary reports whether b looks like binary data rather than text: NUL
// bytes or many control characters in its first kilobytes. UTF-16 pages with
// a byte order mark are text.
func binary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		return false
	}
	head := b[:min(len(b), 8<<10)]
	ctl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// countElems counts the elements of a tree, stopping at limit.
func countElems(n *html.Node, limit int) int {
	count := 0
	elements(n, func(*html.Node) bool {
		count++
		return count < limit
	})
	return count
}

// fromTokens extracts a page that the parser refused (parseErr) as a best
// effort.
func (e Extractor) fromTokens(p *Page, text string, base *url.URL, parseErr error) (*Page, error) {
	head := text
	if i := strings.Index(strings.ToLower(text), "<body"); i >= 0 {
		head = text[:i]
	}
	if doc, err := html.Parse(strings.NewReader(head)); err == nil {
		readMeta(doc).apply(p, base)
	}
	bs := filterBlocks(tokenBlocks(text))
	if blockChars(bs) < minText {
		return p, fmt.Errorf("parse html: %w (%v)", ErrNoText, parseErr)
	}
	p.Text = joinBlocks(bs)
	p.Method = "tokens"
	p.BestEffort = true
	return p, nil
}
