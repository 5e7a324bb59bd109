// Package fr holds what dyad's text analysis knows of French: elision,
// abbreviations and titles, stop words, speech verbs and the stemmer.
package fr

import (
	"strings"

	"github.com/kljensen/snowball/french"

	"github.com/dyad-events/dyad/internal/text"
)

// New returns the French language.
func New() *text.Language {
	return &text.Language{
		Code: "fr",
		Name: "French",
		Tokenizer: text.Tokenizer{
			Elisions: text.Set("l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "presqu'"),
		},
		TitleAbbrevs: text.Set("m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "gal", "gen", "gén", "col", "cdt", "lt", "sgt", "st", "ste", "sr", "s", "av", "bd", "no", "n°", "art", "p", "pp", "vol", "chap", "ch", "cf", "ex", "fig", "éd"),
		Abbrevs:      text.Set("etc", "env", "min", "max", "hab", "approx", "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "vs", "c.-à-d", "inc", "cie", "ltd"),
		StopWords:    text.Set(stopWords...),
		Stem: func(w string) string {
			return text.Fold(french.Stem(strings.ToLower(w), true))
		},
		SpeechVerbs: text.Set(speechVerbs...),
		Morph:       newMorph(),
	}
}

var speechVerbs = []string{
	"déclaré", "déclare", "déclarait", "dit", "disait", "affirmé", "affirme", "affirmait",
	"indiqué", "indique", "souligné", "souligne", "expliqué", "explique", "ajouté", "ajoute",
	"estimé", "estime", "assuré", "assure", "annoncé", "annonce", "précisé", "précise",
	"martelé", "lancé", "confié", "insisté", "rappelé", "rappelle", "conclut", "conclu",
	"déclaration", "selon", "rapporte", "écrit", "tweeté", "fait valoir",
}

var stopWords = []string{
	"le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "et", "ou", "mais",
	"donc", "or", "ni", "car", "que", "qu'", "qui", "quoi", "dont", "où", "ce", "cet", "cette", "ces",
	"son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "il",
	"elle", "ils", "elles", "on", "nous", "vous", "je", "j'", "se", "s'", "ne", "n'", "pas", "plus",
	"est", "sont", "été", "être", "avoir", "a", "ont", "avait", "était", "sera", "fait", "dans",
	"sur", "sous", "avec", "sans", "pour", "par", "entre", "vers", "chez", "contre", "depuis",
	"pendant", "après", "avant", "lors", "selon", "aussi", "très", "tout", "tous", "toute", "toutes",
	"comme", "si", "même", "encore", "déjà", "bien", "alors", "ainsi", "cela", "ça", "lui", "y", "en",
}
