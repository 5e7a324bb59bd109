// Package coder finds events in analysed text: who did what to whom, when and
// where, in CAMEO terms, with the sentence and words that support each one.
// It is pure (no I/O) and safe for concurrent use: the lexicon is read-only
// and every call works in its own scratch space.
package coder

import (
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// Coder codes documents with a lexicon set.
type Coder struct {
	lex  *lexicon.Set
	ont  *cameo.Ontology
	pool sync.Pool
}

// New returns a coder over the lexicons of set.
func New(set *lexicon.Set) *Coder {
	c := &Coder{lex: set, ont: cameo.Default()}
	c.pool.New = func() any { return new(scratch) }
	return c
}

// Options steer coding.
type Options struct {
	// KeepUnsure keeps future and hypothetical events (marked with their
	// Mode) in the output; negated events are always dropped.
	KeepUnsure bool
	// Date is the publication date used when the article has none.
	Date time.Time
}

// Code returns the events of an analysed document, in sentence order.
func (c *Coder) Code(doc *text.Document, opt Options) []model.Event {
	lex := c.lex.For(doc.Lang.Code)
	if lex == nil {
		return nil
	}
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	pub := doc.Article.Published
	if pub.IsZero() {
		pub = opt.Date
	}
	ctx := newArticleContext(doc, lex, pub)
	c.findSpeakers(s, doc, lex, ctx)
	var out []model.Event
	for i := range doc.Sentences {
		s.reset(doc, i, lex, ctx)
		out = c.codeSentence(s, out, opt)
	}
	return out
}

// Ontology returns the CAMEO table the coder uses.
func (c *Coder) Ontology() *cameo.Ontology { return c.ont }

// findSpeakers resolves the actor of each quotation's speaker ("«...», a
// déclaré le ministre russe"), so that "nous" inside the quote is that actor.
func (c *Coder) findSpeakers(s *scratch, doc *text.Document, lex *lexicon.Lexicon, ctx *articleContext) {
	for k := range doc.Quotes {
		q := &doc.Quotes[k]
		if !q.HasSpeaker() {
			continue
		}
		si := -1
		for i := range doc.Sentences {
			if doc.Sentences[i].Tok0 <= q.SpeakerTok0 && q.SpeakerTok0 < doc.Sentences[i].Tok1 {
				si = i
				break
			}
		}
		if si < 0 {
			continue
		}
		s.reset(doc, si, lex, ctx)
		s.findMentions()
		s.buildPhrases()
		for j := range s.nps {
			np := &s.nps[j]
			a, b := doc.Sentences[si].Tok0+np.start, doc.Sentences[si].Tok0+np.end
			if a < q.SpeakerTok1 && b > q.SpeakerTok0 && len(np.actors) > 0 && !np.adjectival {
				if ctx.speakers == nil {
					ctx.speakers = map[int]model.Actor{}
				}
				ctx.speakers[k] = np.actors[0]
				break
			}
		}
	}
	clear(ctx.names) // names learnt in the pre-pass are learnt again in order
}
