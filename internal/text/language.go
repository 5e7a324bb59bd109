package text

// Language is what text analysis knows of one language: how to split its
// words and sentences, its stop words and its stemmer. The packages under
// text/lang build one each; text/langs lists them.
type Language struct {
	Code string // ISO 639-1: en, fr, es
	Name string

	Tokenizer Tokenizer

	// TitleAbbrevs are folded abbreviations (without their period) that never
	// end a sentence because a name follows: m, mme, dr, gen, sr, sra.
	TitleAbbrevs map[string]bool
	// Abbrevs are folded abbreviations that end a sentence only when a
	// capitalised word follows and the abbreviation is sentence-final in use
	// rarely: etc, ej, approx, jan.
	Abbrevs map[string]bool
	// StopWords are folded function words, used to identify the language.
	StopWords map[string]bool
	// Stem returns the stem of a folded word.
	Stem func(string) string
	// SpeechVerbs are folded verb forms that introduce or follow a
	// quotation: a déclaré, said, dijo. Used to find a quote's speaker.
	SpeechVerbs map[string]bool
	// Morph inflects verbs and nouns for pattern matching.
	Morph Morphology
}

// Set builds a set from words, folding each.
func Set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true
	}
	return m
}

// Verb form tags, as bit flags: a form may be several things at once
// (English "visited" is a past tense and a past participle).
const (
	VerbInf  uint8 = 1 << iota // infinitive: rencontrer, visitar, meet
	VerbFin                    // finite form: rencontre, visitó, meets
	VerbPP                     // past participle: rencontré(e)(s), visitado, met
	VerbGer                    // present participle or gerund: rencontrant, visitando, meeting
	VerbFut                    // future or conditional: rencontrera, visitaría
	VerbRefl                   // carries its reflexive pronoun: Spanish reunirse, reuniéndose
)

// VerbForm is one folded inflected form of a verb with what it is.
type VerbForm struct {
	Form string
	Tags uint8
}

// Morphology inflects the words of one language's patterns.
type Morphology interface {
	// VerbForms returns every folded form of a verb given by its lemma
	// (infinitive), with tags; forms may repeat with different tags.
	VerbForms(lemma string) []VerbForm
	// NounForms returns the folded singular and plural of a noun.
	NounForms(noun string) []string
}
