package coder

import (
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// scratch holds the working state for one sentence; it is reused across
// sentences and calls to keep the coder allocation-light.
type scratch struct {
	doc         *text.Document
	sent        *text.Sentence
	si          int
	lex         *lexicon.Lexicon
	ctx         *articleContext
	toks        []text.Token
	ids         []int32
	cls         []lexicon.WordClass
	ments       []mention
	mentAt      []int32 // token -> index in ments, -1
	nps         []phrase
	npAt        []int32 // token -> index in nps, -1
	entBuf      []int32
	dropped     [][2]int // country mentions read as parts of longer names
	evs         []candidate
	coord       []int         // coordinated's list
	srcBuf      []model.Actor // assign's sources and targets, reused
	tgtBuf      []model.Actor
	best        []candidate // the best match of the current trigger word
	mainSubject int         // index in nps of the sentence's first subject, -1
	tc, tcKnown bool        // the sentence is a title-case headline (computed once)
	lastSubj    int         // index in nps of the last subject found, -1
	lastPassive int         // token of the last passive participle, -1
	// lastPassiveStart is where that participle's verb group starts.
	lastPassiveStart int
}

func (s *scratch) reset(doc *text.Document, si int, lex *lexicon.Lexicon, ctx *articleContext) {
	s.doc, s.si, s.lex, s.ctx = doc, si, lex, ctx
	s.sent = &doc.Sentences[si]
	s.toks = doc.Tokens[s.sent.Tok0:s.sent.Tok1]
	n := len(s.toks)
	s.ids = lex.IDs(s.toks, s.ids)
	s.cls = s.cls[:0]
	for i, id := range s.ids {
		s.cls = append(s.cls, lex.TokenClass(id, s.toks[i].Text))
	}
	s.ments = s.ments[:0]
	s.nps = s.nps[:0]
	s.evs = s.evs[:0]
	s.tcKnown = false
	s.entBuf = s.entBuf[:0]
	s.dropped = s.dropped[:0]
	s.mentAt = grow32(s.mentAt, n)
	s.npAt = grow32(s.npAt, n)
}

func grow32(b []int32, n int) []int32 {
	if cap(b) < n {
		b = make([]int32, n)
	}
	b = b[:n]
	for i := range b {
		b[i] = -1
	}
	return b
}

// is reports whether token i has any of the classes c.
func (s *scratch) is(i int, c lexicon.WordClass) bool {
	return i >= 0 && i < len(s.cls) && s.cls[i]&c != 0
}

func (s *scratch) fold(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Fold
}

func (s *scratch) punct(i int) bool { return i >= 0 && i < len(s.toks) && s.toks[i].Kind == text.Punct }

// offset returns the article offset of token i's start.
func (s *scratch) span(a, b int) (string, int, int) {
	if a < 0 || b > len(s.toks) || a >= b {
		return "", 0, 0
	}
	st, en := s.toks[a].Start, s.toks[b-1].End
	return s.doc.Article.Text[st:en], st, en
}
