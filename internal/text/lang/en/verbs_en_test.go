package en

import (
	"testing"

	"github.com/dyad-events/dyad/internal/text"
)

func TestVerbForms(t *testing.T) {
	m := newMorph()
	cases := []struct {
		lemma string
		want  []string
		tag   uint8
	}{
		{"visit", []string{"visits", "visited"}, text.VerbFin},
		{"visit", []string{"visited"}, text.VerbPP},
		{"visit", []string{"visiting"}, text.VerbGer},
		{"host", []string{"hosted"}, text.VerbPP},
		{"meet", []string{"met", "meets"}, text.VerbFin},
		{"meet", []string{"met"}, text.VerbPP},
		{"deny", []string{"denies", "denied"}, text.VerbFin},
		{"plan", []string{"planned"}, text.VerbFin},
		{"accuse", []string{"accused", "accuses"}, text.VerbFin},
		{"accuse", []string{"accusing"}, text.VerbGer},
		{"undertake", []string{"undertook"}, text.VerbFin},
		{"undertake", []string{"undertaken"}, text.VerbPP},
		{"withdraw", []string{"withdrew"}, text.VerbFin},
		{"seize", []string{"seized"}, text.VerbPP},
		{"criticize", []string{"criticizes", "criticized"}, text.VerbFin},
	}
	for _, c := range cases {
		forms := map[string]uint8{}
		for _, f := range m.VerbForms(c.lemma) {
			forms[f.Form] |= f.Tags
		}
		for _, w := range c.want {
			if forms[w]&c.tag == 0 {
				t.Errorf("%s: no form %q tagged %b", c.lemma, w, c.tag)
			}
		}
	}
}
