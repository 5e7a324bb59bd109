package coder

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// resolveCodes returns the actor codes dyad finds in a phrase, in order.
func resolveCodes(t *testing.T, lang, phrase string, date time.Time) []string {
	t.Helper()
	c, an := testCoder(t)
	doc, err := an.Analyze(&model.Article{ID: "p", Text: phrase, Published: date}, text.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range c.Actors(doc, Options{}) {
		if f.Adjectival || f.Pronoun {
			continue
		}
		for _, a := range f.Actors {
			out = append(out, a.Code)
		}
		if len(f.Actors) == 0 && f.Country != "" {
			out = append(out, "place:"+f.Country)
		}
	}
	return out
}

// TestActorPhrases: titles, demonyms, portfolios and names give the actor a
// political scientist would code, in each language, with the known traps.
func TestActorPhrases(t *testing.T) {
	d2024 := time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC)
	d2010 := time.Date(2010, 6, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		lang, phrase string
		date         time.Time
		want         string
	}{
		{"fr", "le ministre russe de l'Intérieur", d2024, "RUSGOV"},
		{"fr", "Le ministre chinois de la Sécurité publique, Wang Xiaohong, a parlé.", d2024, "CHNGOV"},
		{"fr", "son homologue cubain", d2024, "CUBGOV"},
		{"fr", "les forces armées vénézuéliennes", d2024, "VENMIL"},
		{"fr", "l'ambassade de Russie", d2024, "RUSGOV"},
		{"fr", "La Chine et les Chinois", d2024, "CHN CHN"},
		{"fr", "La Guinée et la Guinée-Bissau", d2024, "GIN GNB"},
		{"fr", "le Niger, le Nigeria et les Nigérians", d2024, "NER NGA NGA"},
		{"fr", "le Kremlin a répondu", d2024, "RUSGOV"},
		{"fr", "le président vénézuélien Nicolas Maduro", d2024, "VENGOV"},
		{"fr", "les ministres de l'Intérieur des régimes cubain et chinois", d2024, "CUBGOV CHNGOV"},
		{"es", "el canciller cubano Bruno Rodríguez", d2024, "CUBGOV"},
		{"es", "las fuerzas armadas venezolanas", d2024, "VENMIL"},
		{"es", "la guerrilla de las FARC", d2024, "COLREB"},
		{"es", "los Estados Unidos y EE. UU.", d2024, "USA USA"},
		{"es", "el gobierno de Colombia", d2024, "COLGOV"},
		{"en", "US Deputy Secretary of Energy Jeffrey Kupfer", d2024, "USAGOV"},
		{"en", "Russian Foreign Minister Sergei Lavrov", d2024, "RUSGOV"},
		{"en", "Syria's army", d2024, "SYRMIL"},
		{"en", "the Pentagon said", d2024, "USAMIL"},
		{"en", "the US and us", d2024, "USA"},
		{"en", "Georgia and Jordan", d2024, "GEO JOR"},
		{"en", "Michael Jordan played", d2024, ""},
		{"en", "the Democratic Republic of the Congo and the Republic of the Congo", d2024, "COD COG"},
		{"en", "Niger and Nigeria", d2024, "NER NGA"},
		// officials bounded in time: Kolokoltsev is RUSGOV from 2012, Nurgaliyev before
		{"en", "Rashid Nurgaliyev spoke.", d2010, "RUSGOV"},
		{"en", "Rashid Nurgaliyev spoke.", d2024, ""},
		{"fr", "Le ministre Kolokoltsev est arrivé.", d2024, "RUSGOV"},
		// with no date, a person's latest role: Bush is still American
		{"en", "The Bush administration declared that China must act.", time.Time{}, "USAGOV CHN"},
		{"en", "The Bush administration declared that China must act.", d2024, "GOV CHN"},
		{"en", "Barack Obama spoke.", time.Time{}, "USAGOV"},
		{"en", "Barack Obama spoke.", d2024, ""},
		// a body lends no country to an agent named without one
		{"es", "que el FMI otorgó un préstamo, miles de trabajadores protestaron.", d2024, "IGOIMF LAB"},
	}
	for _, c := range cases {
		got := strings.Join(resolveCodes(t, c.lang, c.phrase, c.date), " ")
		if got != c.want {
			t.Errorf("%s %q (%s): got %q, want %q", c.lang, c.phrase, c.date.Format("2006"), got, c.want)
		}
	}
}

// TestLearntNames: a person introduced by title is the same actor when the
// article names them by surname later.
func TestLearntNames(t *testing.T) {
	c, an := testCoder(t)
	txt := "Le ministre chinois de la Sécurité publique, Wang Xiaohong, a reçu son homologue cubain. Wang a ensuite rencontré le président cubain."
	doc, err := an.Analyze(&model.Article{ID: "n", Text: txt}, text.Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	var second []string
	for _, f := range c.Actors(doc, Options{}) {
		if f.Sentence == 1 {
			for _, a := range f.Actors {
				second = append(second, f.Text+"="+a.Code)
			}
		}
	}
	if len(second) == 0 || second[0] != "Wang=CHNGOV" {
		t.Errorf("second sentence actors %v: want Wang=CHNGOV first", second)
	}
}
