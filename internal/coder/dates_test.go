package coder

import (
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// TestSentenceDates: date expressions resolve against the publication date
// (a Friday here), with their precision; without one, the publication date.
func TestSentenceDates(t *testing.T) {
	c, an := testCoder(t)
	_ = c
	pub := time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC) // Friday 8 March 2024
	cases := []struct {
		lang, text, date, prec string
	}{
		{"fr", "Les ministres se sont rencontrés vendredi dernier à Pékin.", "2024-03-01", model.PrecisionDay},
		{"fr", "Les ministres se sont rencontrés mardi à Pékin.", "2024-03-05", model.PrecisionDay},
		{"fr", "Les ministres se sont rencontrés hier.", "2024-03-07", model.PrecisionDay},
		{"fr", "Les ministres se sont rencontrés le 3 mars.", "2024-03-03", model.PrecisionDay},
		{"fr", "Les ministres se sont rencontrés le 3 mars 2022.", "2022-03-03", model.PrecisionDay},
		{"fr", "Les ministres se sont rencontrés en juin dernier.", "2023-06-01", model.PrecisionMonth},
		{"fr", "Les ministres se sont rencontrés en 2023.", "2023-01-01", model.PrecisionYear},
		{"fr", "Les ministres se sont rencontrés la semaine dernière.", "2024-03-01", model.PrecisionWeek},
		{"fr", "Les ministres se sont rencontrés il y a 3 jours.", "2024-03-05", model.PrecisionDay},
		{"es", "Los cancilleres se reunieron el viernes pasado.", "2024-03-01", model.PrecisionDay},
		{"es", "Los cancilleres se reunieron el pasado viernes.", "2024-03-01", model.PrecisionDay},
		{"es", "Los cancilleres se reunieron ayer.", "2024-03-07", model.PrecisionDay},
		{"es", "Los cancilleres se reunieron el 3 de marzo de 2023.", "2023-03-03", model.PrecisionDay},
		{"es", "Los cancilleres se reunieron hace 2 semanas.", "2024-02-23", model.PrecisionDay},
		{"en", "The ministers met last Friday.", "2024-03-01", model.PrecisionDay},
		{"en", "The ministers met on Wednesday.", "2024-03-06", model.PrecisionDay},
		{"en", "The ministers met on March 3, 2023.", "2023-03-03", model.PrecisionDay},
		{"en", "The ministers met last year.", "2023-01-01", model.PrecisionYear},
		{"en", "The ministers may meet soon.", "2024-03-08", model.PrecisionDay},
		{"en", "The ministers met.", "2024-03-08", model.PrecisionDay},
	}
	for _, cs := range cases {
		doc, err := an.Analyze(&model.Article{ID: "d", Text: cs.text, Published: pub}, text.Options{Lang: cs.lang})
		if err != nil {
			t.Fatal(err)
		}
		s := new(scratch)
		lex := testSet.For(cs.lang)
		ctx := newArticleContext(doc, lex, pub)
		s.reset(doc, 0, lex, ctx)
		date, prec := ctx.sentenceDate(s)
		if date != cs.date || prec != cs.prec {
			t.Errorf("%s %q: %s (%s), want %s (%s)", cs.lang, cs.text, date, prec, cs.date, cs.prec)
		}
	}
	// no publication date: relative expressions cannot be resolved, absolute ones can
	doc, _ := an.Analyze(&model.Article{ID: "d", Text: "Ils se sont rencontrés vendredi, puis le 3 mars 2022."}, text.Options{Lang: "fr"})
	s := new(scratch)
	ctx := newArticleContext(doc, testSet.For("fr"), time.Time{})
	s.reset(doc, 0, testSet.For("fr"), ctx)
	if d, p := ctx.sentenceDate(s); d != "2022-03-03" || p != model.PrecisionDay {
		t.Errorf("undated article: %s %s, want the absolute date", d, p)
	}
}
