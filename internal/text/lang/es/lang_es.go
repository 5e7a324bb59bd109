// Package es holds what dyad's text analysis knows of Spanish: contractions,
// abbreviations and titles, stop words, speech verbs and the stemmer.
package es

import (
	"strings"

	"github.com/kljensen/snowball/spanish"

	"github.com/dyad-events/dyad/internal/text"
)

// New returns the Spanish language.
func New() *text.Language {
	return &text.Language{
		Code: "es",
		Name: "Spanish",
		Tokenizer: text.Tokenizer{
			Contractions: map[string][2]string{"del": {"de", "el"}, "al": {"a", "el"}},
		},
		TitleAbbrevs: text.Set("sr", "sra", "sres", "sras", "srta", "dr", "dra", "d", "dña", "lic", "ing", "arq", "gral", "gen", "cnel", "tte", "cap", "sgto", "mons", "pdte", "pte", "ee", "uu", "av", "avda", "núm", "no", "art", "p", "pp", "vol", "cap", "ej", "pág"),
		Abbrevs:      text.Set("etc", "aprox", "ene", "feb", "mar", "abr", "jun", "jul", "ago", "sept", "sep", "oct", "nov", "dic", "vs", "cía", "s.a", "ltda", "hab", "km", "kg"),
		StopWords:    text.Set(stopWords...),
		Stem: func(w string) string {
			return text.Fold(spanish.Stem(strings.ToLower(w), true))
		},
		SpeechVerbs: text.Set(speechVerbs...),
		Morph:       newMorph(),
	}
}

var speechVerbs = []string{
	"dijo", "dice", "decía", "declaró", "declara", "afirmó", "afirma", "aseguró", "asegura",
	"indicó", "indica", "señaló", "señala", "explicó", "explica", "agregó", "añadió", "sostuvo",
	"manifestó", "expresó", "subrayó", "destacó", "precisó", "anunció", "advirtió", "según",
	"informó", "apuntó", "enfatizó", "insistió", "recalcó", "denunció", "escribió", "tuiteó",
}

var stopWords = []string{
	"el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "a", "y", "e", "o",
	"u", "pero", "sino", "que", "quien", "quienes", "cual", "cuales", "donde", "cuando", "como",
	"este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", "su", "sus", "mi", "mis",
	"nuestro", "nuestra", "se", "lo", "le", "les", "no", "ni", "ya", "muy", "más", "es", "son",
	"fue", "fueron", "ha", "han", "había", "ser", "estar", "está", "están", "sido", "en", "con",
	"sin", "por", "para", "entre", "hacia", "desde", "hasta", "contra", "sobre", "tras", "durante",
	"según", "también", "tanto", "todo", "todos", "toda", "todas", "él", "ella", "ellos", "ellas",
	"usted", "nosotros", "hay", "porque", "si", "sí", "aunque", "mientras",
}
