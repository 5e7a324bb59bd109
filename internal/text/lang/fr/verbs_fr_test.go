package fr

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
		{"rencontrer", []string{"rencontre", "rencontrent", "rencontrera", "rencontrait", "rencontrerent"}, text.VerbFin},
		{"rencontrer", []string{"rencontre", "rencontree", "rencontres"}, text.VerbPP},
		{"atterrir", []string{"atterrit", "atterrissent", "atterrira"}, text.VerbFin},
		{"atterrir", []string{"atterri"}, text.VerbPP},
		{"accueillir", []string{"accueille", "accueillent", "accueillera", "accueillit"}, text.VerbFin},
		{"accueillir", []string{"accueilli", "accueillie", "accueillis"}, text.VerbPP},
		{"recevoir", []string{"recoit", "recoivent", "recevra", "recut", "recurent"}, text.VerbFin},
		{"recevoir", []string{"recu", "recue", "recus", "recues"}, text.VerbPP},
		{"rendre", []string{"rend", "rendent", "rendit"}, text.VerbFin},
		{"rendre", []string{"rendu", "rendus"}, text.VerbPP},
		{"intervenir", []string{"intervient", "interviennent", "intervint"}, text.VerbFin},
		{"condamner", []string{"condamne", "condamnent", "condamna"}, text.VerbFin},
		{"détruire", []string{"detruit", "detruisent"}, text.VerbFin},
		{"atteindre", []string{"atteint", "atteignent"}, text.VerbFin},
		{"offrir", []string{"offre", "offrent", "offrit"}, text.VerbFin},
		{"offrir", []string{"offert", "offerte"}, text.VerbPP},
		{"appeler", []string{"appelle", "appellent", "appela"}, text.VerbFin},
		{"partager", []string{"partageait", "partagent"}, text.VerbFin},
		{"exclure", []string{"exclu", "exclus"}, text.VerbPP},
		{"prendre", []string{"pris", "prise", "prises"}, text.VerbPP},
		{"menacer", []string{"menace", "menacent", "menaca"}, text.VerbFin},
	}
	for _, c := range cases {
		forms := map[string]uint8{}
		for _, f := range m.VerbForms(c.lemma) {
			forms[f.Form] |= f.Tags
		}
		for _, w := range c.want {
			if forms[w]&c.tag == 0 {
				t.Errorf("%s: no form %q tagged %b (have %v)", c.lemma, w, c.tag, forms[w])
			}
		}
	}
}

func TestNounForms(t *testing.T) {
	m := newMorph()
	for noun, want := range map[string]string{"visite": "visites", "accord": "accords", "journal": "journaux", "réseau": "reseaux"} {
		found := false
		for _, f := range m.NounForms(noun) {
			found = found || f == want
		}
		if !found {
			t.Errorf("%s: no plural %s in %v", noun, want, m.NounForms(noun))
		}
	}
}
