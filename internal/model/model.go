// Package model holds the plain records that cross dyad's package boundaries:
// articles as they are ingested, their sentences, the actors found in them and
// the events coded from them. It does no I/O.
package model

import (
	"net/url"
	"strings"
	"time"
)

// Article is one news document as it enters the pipeline.
type Article struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Source    string    `json:"source,omitempty"` // the outlet: a name or host
	Title     string    `json:"title,omitempty"`
	Lang      string    `json:"lang"`
	Published time.Time `json:"published,omitzero"`
	Text      string    `json:"text"`
	// Origin says where the article came from, for messages: a file name,
	// a file and line, a feed address.
	Origin string `json:"-"`
	// Place is where a dateline says the story was filed ("BOGOTA, 11 jun (AFP) -"), if any.
	Place string `json:"place,omitempty"`
}

// Sentence is one sentence of an article with byte offsets into its text.
type Sentence struct {
	Index int    `json:"index"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Actor is one side of an event.
type Actor struct {
	// Code is the CAMEO actor code: country (or IGO/NGO body) followed by
	// agent codes, such as RUSGOV, CUB, USAMIL, IGOUNO, or an agent alone (REB).
	Code    string `json:"code"`
	Country string `json:"country,omitempty"` // the country-level part: RUS, IGO...
	Agent   string `json:"agent,omitempty"`   // the sector: GOV, MIL, COP...
	Name    string `json:"name,omitempty"`    // a person's or body's name when known
	Text    string `json:"text,omitempty"`    // the words of the sentence that name the actor
	Start   int    `json:"start,omitempty"`   // byte offsets of Text in the article
	End     int    `json:"end,omitempty"`
}

// Plover is the PLOVER view of an event code.
type Plover struct {
	Type    string `json:"type"`
	Mode    string `json:"mode,omitempty"`
	Context string `json:"context,omitempty"`
}

// Location is where an event took place.
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country,omitempty"` // ISO alpha-3
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	GeonameID int     `json:"geoname_id,omitempty"`
}

// Date precisions.
const (
	PrecisionDay     = "day"
	PrecisionMonth   = "month"
	PrecisionWeek    = "week"
	PrecisionYear    = "year"
	PrecisionUnknown = "unknown"
)

// Event is one coded event: who did what to whom, when and where, with the
// sentence that supports it.
type Event struct {
	ID            string    `json:"id"`
	ArticleID     string    `json:"article_id"`
	Date          string    `json:"date,omitempty"` // YYYY-MM-DD (first day of the month or year for coarser precision)
	DatePrecision string    `json:"date_precision"`
	Source        Actor     `json:"source"`
	Target        *Actor    `json:"target"`
	Code          string    `json:"code"`
	Root          string    `json:"root"`
	QuadClass     int       `json:"quad_class"`
	Goldstein     float64   `json:"goldstein"`
	Plover        Plover    `json:"plover"`
	Sentence      Sentence  `json:"sentence"`
	Location      *Location `json:"location,omitempty"`
	// Trigger is the words that made the event, as a span of the article.
	Trigger Span `json:"trigger"`
	// Mode is "" for an act reported as done, or "future", "hypothetical".
	Mode string `json:"mode,omitempty"`
	// Pattern names the lexicon line that fired (file:line), for --explain.
	Pattern string `json:"pattern,omitempty"`
	// Lang is the language the sentence was coded in.
	Lang string `json:"lang,omitempty"`
}

// Span is a byte range of an article's text with the words it covers.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Outlet is the outlet an article's address names: its host in lower case,
// without port or a leading "www." ("https://www.Example.org:443/x" and
// "example.org/y" are both "example.org"); "" when it names none. Ingestion,
// the feed watcher and the exports all take an article's outlet from here,
// so that one outlet is counted once.
func Outlet(address string) string {
	s := address
	if !strings.Contains(s, "://") {
		s = "//" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
