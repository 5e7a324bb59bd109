package coder

import (
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// Found is an actor phrase found in a sentence, as `dyad actors resolve`
// shows it.
type Found struct {
	Sentence   int           `json:"sentence"`
	Text       string        `json:"text"`
	Start      int           `json:"start"`
	End        int           `json:"end"`
	Actors     []model.Actor `json:"actors,omitempty"`
	Place      string        `json:"place,omitempty"`
	Country    string        `json:"country,omitempty"`
	Pronoun    bool          `json:"pronoun,omitempty"`
	Adjectival bool          `json:"adjectival,omitempty"`
}

// Actors returns the actor phrases of every sentence of a document.
func (c *Coder) Actors(doc *text.Document, opt Options) []Found {
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
	var out []Found
	for i := range doc.Sentences {
		s.reset(doc, i, lex, ctx)
		s.findMentions()
		s.buildPhrases()
		for k := range s.nps {
			np := &s.nps[k]
			txt, st, en := s.span(np.start, np.end)
			f := Found{Sentence: i, Text: txt, Start: st, End: en, Actors: np.actors, Pronoun: np.pronoun, Adjectival: np.adjectival}
			if np.placeOnly {
				f.Country = np.country
				if np.place >= 0 {
					f.Place = lex.Set().Places[np.place].Name
				}
			}
			out = append(out, f)
		}
	}
	return out
}
