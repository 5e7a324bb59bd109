package coder

import (
	"testing"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// TestQuotedSpeaker: "nous" inside a quotation is its speaker, and "son
// pays" is the subject's country.
func TestQuotedSpeaker(t *testing.T) {
	c, an := testCoder(t)
	cases := []struct{ lang, text, src, tgt, code string }{
		{"fr", "« Nous condamnons fermement l'attitude des États-Unis », a déclaré le ministre russe des Affaires étrangères.", "RUS", "USA", "111"},
		{"fr", "Le président cubain a condamné son pays.", "CUB", "", ""},
	}
	for _, cs := range cases {
		doc, err := an.Analyze(&model.Article{ID: "q", Text: cs.text}, text.Options{Lang: cs.lang})
		if err != nil {
			t.Fatal(err)
		}
		evs := c.Code(doc, Options{})
		if cs.code == "" {
			for _, e := range evs {
				if e.Target != nil && e.Target.Code == e.Source.Code {
					t.Errorf("%q: an actor coded as its own target: %+v", cs.text, e)
				}
			}
			continue
		}
		found := false
		for _, e := range evs {
			if e.Source.Country == cs.src && e.Target != nil && e.Target.Country == cs.tgt && e.Code[:3] == cs.code {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s -> %s %s, got%s", cs.text, cs.src, cs.tgt, cs.code, describe(evs))
		}
	}
}
