// Package en holds what dyad's text analysis knows of English: clitics and
// contractions, abbreviations and titles, stop words, speech verbs and the
// stemmer.
package en

import (
	"strings"

	"github.com/kljensen/snowball/english"

	"github.com/dyad-events/dyad/internal/text"
)

// New returns the English language.
func New() *text.Language {
	return &text.Language{
		Code: "en",
		Name: "English",
		Tokenizer: text.Tokenizer{
			Clitics: []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "s'"},
		},
		TitleAbbrevs: text.Set("mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "gov", "sen", "rep", "pres", "rev", "fr", "st", "sr", "jr", "messrs", "hon", "amb", "no", "nos", "vol", "pp", "p", "fig", "art", "sec", "dept", "gens", "u.s", "u.n", "u.k", "e.u"),
		Abbrevs:      text.Set("etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "vs", "est", "a.m", "p.m", "u.s.", "u.n.", "u.k.", "e.u."),
		StopWords:    text.Set(stopWords...),
		Stem: func(w string) string {
			return text.Fold(english.Stem(strings.ToLower(w), true))
		},
		SpeechVerbs: text.Set(speechVerbs...),
		Morph:       newMorph(),
	}
}

var speechVerbs = []string{
	"said", "says", "say", "told", "stated", "declared", "added", "stressed", "noted", "explained",
	"insisted", "warned", "announced", "asserted", "claimed", "according", "wrote", "tweeted",
	"argued", "remarked", "underlined", "affirmed",
}

var stopWords = []string{
	"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
	"as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
	"did", "not", "no", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we",
	"you", "i", "his", "her", "their", "our", "which", "who", "whom", "whose", "what", "when",
	"where", "will", "would", "should", "could", "can", "may", "might", "must", "also", "than",
	"then", "there", "about", "after", "before", "into", "over", "under", "between", "against",
	"during", "while", "if", "so", "said", "says", "more", "most", "all", "any", "some", "such",
}
