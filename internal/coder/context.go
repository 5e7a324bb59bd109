package coder

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// articleContext is what the coder remembers while reading one article:
// the people it introduced, the last subject, the countries in focus.
type articleContext struct {
	doc           *text.Document
	lex           *lexicon.Lexicon
	pub           time.Time
	pubDay        string // pub as YYYY-MM-DD, "" if unknown
	date          int32  // yyyymmdd of publication, 0 if unknown
	names         map[string]model.Actor
	subject       *model.Actor
	countries     []string // in order of mention, most recent last, distinct
	datelinePlace int32
	speakers      map[int]model.Actor // quote index -> its speaker's actor
}

// speakerAt returns the speaker of the quotation that holds document token
// i, nil if there is none or it is unknown.
func (c *articleContext) speakerAt(i int) *model.Actor {
	if len(c.speakers) == 0 {
		return nil
	}
	for k := range c.doc.Quotes {
		q := &c.doc.Quotes[k]
		if q.Tok0 <= i && i < q.Tok1 {
			if a, ok := c.speakers[k]; ok {
				return &a
			}
			return nil
		}
	}
	return nil
}

func newArticleContext(doc *text.Document, lex *lexicon.Lexicon, pub time.Time) *articleContext {
	c := &articleContext{doc: doc, lex: lex, pub: pub, names: map[string]model.Actor{}, datelinePlace: -1}
	if !pub.IsZero() {
		c.date = int32(pub.Year()*10000 + int(pub.Month())*100 + pub.Day())
		c.pubDay = pub.Format("2006-01-02")
	}
	if doc.Dateline != nil {
		toks := lex.Lang.Tokenizer.Tokenize(nil, doc.Dateline.Place, 0)
		ids := lex.IDs(toks, nil)
		lex.Places.Walk(ids, 0, func(end int, ps []int32) bool {
			if end == len(ids) {
				c.datelinePlace = c.bestPlace(ps)
			}
			return true
		})
	}
	return c
}

// learnName remembers a person introduced by title ("le ministre chinois de
// la Sécurité publique, Wang Xiaohong") under the full name and each of its
// words, so that "Wang" later is the same actor.
func (c *articleContext) learnName(name string, a model.Actor) {
	a.Name = name
	a.Text = ""
	a.Start, a.End = 0, 0
	f := text.Fold(name)
	c.names[f] = a
	for _, w := range strings.Fields(f) {
		if len(w) >= 3 {
			if _, ok := c.names[w]; !ok {
				c.names[w] = a
			}
		}
	}
}

// lookupName finds a remembered name at toks[i], longest first (two words, then one).
func (c *articleContext) lookupName(toks []text.Token, i int) (*model.Actor, int) {
	if len(c.names) == 0 {
		return nil, 0
	}
	if i+1 < len(toks) && toks[i+1].Cap() {
		if a, ok := c.names[toks[i].Fold+" "+toks[i+1].Fold]; ok {
			return &a, i + 2
		}
	}
	if a, ok := c.names[toks[i].Fold]; ok {
		return &a, i + 1
	}
	return nil, 0
}

// noteSubject records the subject of a clause for later pronouns.
func (c *articleContext) noteSubject(a model.Actor) {
	c.subject = &a
}

// noteCountry records a country in focus.
func (c *articleContext) noteCountry(code string) {
	if code == "" || code == "IGO" || code == "NGO" {
		return
	}
	for i, x := range c.countries {
		if x == code {
			c.countries = append(c.countries[:i], c.countries[i+1:]...)
			break
		}
	}
	c.countries = append(c.countries, code)
}

func (c *articleContext) lastTwoCountries() (string, string) {
	n := len(c.countries)
	if n < 2 {
		return "", ""
	}
	return c.countries[n-2], c.countries[n-1]
}

// bestPlace picks among places of one name: one in a country in focus,
// else the most populous (the gazetteer is sorted by population).
func (c *articleContext) bestPlace(ps []int32) int32 {
	if len(ps) == 0 {
		return -1
	}
	places := c.lex.Set().Places
	for k := len(c.countries) - 1; k >= 0; k-- {
		for _, p := range ps {
			if places[p].Country == c.countries[k] {
				return p
			}
		}
	}
	best := ps[0]
	for _, p := range ps[1:] {
		if places[p].Pop > places[best].Pop {
			best = p
		}
	}
	return best
}
