package export

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// fixtureNow is the store's clock in the fixture: every event's DATEADDED.
var fixtureNow = time.Date(2024, 3, 9, 10, 0, 0, 0, time.UTC)

// The fixture's articles. Their texts hold accents and typographic quotes
// so that byte and character offsets differ.
var (
	textFR = "LA HAVANE, 8 mars (AFP) – Le ministre russe de l’Intérieur a atterri à La Havane, accueilli par son homologue cubain.\n" +
		"Les deux ministres ont signé un accord de coopération policière.\n" +
		"Le président Miguel Díaz-Canel a salué « une amitié éprouvée »."
	textES = "El ministro ruso del Interior llegó el viernes a La Habana.\n" +
		"Es su primera visita oficial a la isla.\n" +
		"Lo recibió el ministro cubano.\n" +
		"Ambos hablaron de seguridad.\n" +
		"En otro ámbito, la economía cubana sigue en crisis.\n" +
		"La policía colombiana detuvo a doce manifestantes en Colombia."
	textEN = "The UN refugee agency appealed for humanitarian aid for Syria at a meeting in Washington on Sunday.\n" +
		"The United States said it was ready to meet the United Nations.\n" +
		"The White House warned Damascus it could strike."
)

// mention builds a mention of code in the sentence of text that contains
// trigger, with source and target found by their words.
type mentionSpec struct {
	code, trigger   string
	src, srcText    string
	srcName         string
	tgt, tgtText    string
	date, precision string
	loc             *model.Location
	mode, lang      string
}

func span(t *testing.T, text, words string) (int, int) {
	t.Helper()
	i := strings.Index(text, words)
	if i < 0 {
		t.Fatalf("fixture: %q not in text", words)
	}
	return i, i + len(words)
}

func sentencesOf(text string) []model.Sentence {
	var out []model.Sentence
	start := 0
	for i, line := range strings.Split(text, "\n") {
		out = append(out, model.Sentence{Index: i, Text: line, Start: start, End: start + len(line)})
		start += len(line) + 1
	}
	return out
}

func actor(t *testing.T, text, code, words, name string) model.Actor {
	a := model.Actor{Code: code, Name: name, Text: words}
	switch {
	case len(code) >= 3 && isOrgPrefix(code[:3]):
		a.Country = code // as lexicon.SplitCode does: the body is part of the country-level identity
	case len(code) >= 3:
		a.Country = code[:3]
		if len(code) >= 6 {
			a.Agent = code[3:6]
		}
	}
	if words != "" {
		a.Start, a.End = span(t, text, words)
	}
	return a
}

func buildMention(t *testing.T, text string, sents []model.Sentence, m mentionSpec) model.Event {
	t.Helper()
	et, ok := cameo.Default().Lookup(m.code)
	if !ok {
		t.Fatalf("fixture: no CAMEO code %s", m.code)
	}
	ts, te := span(t, text, m.trigger)
	var sent model.Sentence
	for _, s := range sents {
		if ts >= s.Start && ts < s.End {
			sent = s
		}
	}
	ev := model.Event{
		ArticleID: "", Date: m.date, DatePrecision: m.precision,
		Source: actor(t, text, m.src, m.srcText, m.srcName),
		Code:   m.code, Root: m.code[:2], QuadClass: et.QuadClass, Goldstein: et.Goldstein,
		Plover:   model.Plover{Type: et.Plover.Type, Mode: et.Plover.Mode},
		Sentence: sent, Location: m.loc, Trigger: model.Span{Text: m.trigger, Start: ts, End: te},
		Mode: m.mode, Lang: m.lang, Pattern: "fixture",
	}
	if m.tgt != "" {
		tg := actor(t, text, m.tgt, m.tgtText, "")
		ev.Target = &tg
	}
	return ev
}

var (
	havana     = &model.Location{Name: "La Havane", Country: "CUB", Admin1: "Havana", Lat: 23.13302, Lon: -82.38304, GeonameID: 3553478}
	habana     = &model.Location{Name: "La Habana", Country: "CUB", Admin1: "Havana", Lat: 23.13302, Lon: -82.38304, GeonameID: 3553478}
	colombia   = &model.Location{Name: "Colombia", Country: "COL"}
	washington = &model.Location{Name: "Washington D.C.", Country: "USA", Admin1: "District of Columbia", Lat: 38.89511, Lon: -77.03637, GeonameID: 4140963}
)

// fixtureStore returns a store holding four articles (one a copy of
// another from a second outlet) and their hand-built mentions.
func fixtureStore(t *testing.T) *store.SQL {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"), store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return fixtureNow }

	save := func(a *model.Article, specs ...mentionSpec) {
		t.Helper()
		sents := sentencesOf(a.Text)
		var ms []model.Event
		for _, s := range specs {
			ms = append(ms, buildMention(t, a.Text, sents, s))
		}
		if _, err := st.SaveArticle(ctx, &store.Bundle{Article: a, Sentences: sents, Mentions: ms}); err != nil {
			t.Fatal(err)
		}
	}
	day := "2024-03-08"
	save(&model.Article{ID: "art-fr-1", URL: "https://www.lemonde.fr/international/article/2024/03/08/visite.html",
		Source: "Le Monde", Title: "Visite à La Havane", Lang: "fr", Published: time.Date(2024, 3, 8, 9, 0, 0, 0, time.UTC), Text: textFR},
		mentionSpec{code: "042", trigger: "atterri", src: "RUSGOV", srcText: "ministre russe de l’Intérieur", srcName: "Vladimir Kolokoltsev",
			tgt: "CUB", tgtText: "La Havane", date: day, precision: model.PrecisionDay, loc: havana, lang: "fr"},
		mentionSpec{code: "043", trigger: "accueilli", src: "CUBGOV", srcText: "homologue cubain",
			tgt: "RUSGOV", tgtText: "ministre russe de l’Intérieur", date: day, precision: model.PrecisionDay, loc: havana, lang: "fr"},
		mentionSpec{code: "057", trigger: "signé", src: "RUSGOV", srcText: "deux ministres", tgt: "CUBGOV", tgtText: "",
			date: day, precision: model.PrecisionDay, loc: havana, lang: "fr"},
		mentionSpec{code: "010", trigger: "salué", src: "CUBGOV", srcText: "président Miguel Díaz-Canel", srcName: "Miguel Díaz-Canel",
			date: day, precision: model.PrecisionDay, lang: "fr"},
	)
	save(&model.Article{ID: "art-es-1", URL: "https://elpais.com/internacional/2024-03-08/visita.html",
		Source: "El País", Title: "Visita en La Habana", Lang: "es", Published: time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC), Text: textES},
		mentionSpec{code: "042", trigger: "llegó", src: "RUSGOV", srcText: "ministro ruso del Interior", tgt: "CUB", tgtText: "La Habana",
			date: day, precision: model.PrecisionDay, loc: habana, lang: "es"},
		mentionSpec{code: "173", trigger: "detuvo", src: "COLCOP", srcText: "policía colombiana",
			date: "2024-03-07", precision: model.PrecisionDay, loc: colombia, lang: "es"},
	)
	// the French article again, from another outlet: a second source for its events
	save(&model.Article{ID: "art-fr-1-copy", URL: "https://www.france24.com/fr/20240308-visite", Source: "France 24",
		Lang: "fr", Published: time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC), Text: textFR})
	save(&model.Article{ID: "art-en-1", Source: "Reuters", Title: "UN refugee agency appeals\tfor aid", Lang: "en",
		Origin: "wire.jsonl:3", Published: time.Date(2024, 3, 10, 8, 0, 0, 0, time.UTC), Text: textEN},
		mentionSpec{code: "0233", trigger: "appealed", src: "IGOUNOHCR", srcText: "UN refugee agency", tgt: "SYR", tgtText: "Syria",
			date: "2024-03-10", precision: model.PrecisionDay, loc: washington, lang: "en"},
		mentionSpec{code: "036", trigger: "ready to meet", src: "USAGOV", srcText: "The United States", tgt: "IGOUNO", tgtText: "the United Nations",
			precision: model.PrecisionUnknown, lang: "en"},
		mentionSpec{code: "138", trigger: "warned", src: "USAGOV", srcText: "The White House", tgt: "SYRGOV", tgtText: "Damascus",
			date: "2024-03-01", precision: model.PrecisionMonth, mode: "hypothetical", lang: "en"},
	)
	return st
}

// runeIndex is the character offset of words in text, found by characters
// (not bytes), -1 if absent.
func runeIndex(text, words string) int {
	r, w := []rune(text), []rune(words)
	for i := 0; i+len(w) <= len(r); i++ {
		if string(r[i:i+len(w)]) == words {
			return i
		}
	}
	return -1
}

func chars(s string) int { return utf8.RuneCountInString(s) }
