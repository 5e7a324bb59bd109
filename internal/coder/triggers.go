package coder

import (
	"strings"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/text"
)

// Modes of an event that is not reported as done.
const (
	ModeFuture       = "future"
	ModeHypothetical = "hypothetical"
)

// vgroup is a trigger with its grammatical context.
type vgroup struct {
	start, head, end int // start of the auxiliary chain, the trigger word, the end of the trigger (particles included)
	noun             bool
	passive          bool // auxiliary be + participle
	participial      bool // a bare participle with an agent: ", accueilli par X"
	negated          bool
	mode             string
	reflexive        bool
	infinitive       bool
	intent           bool // an infinitive after plan, decide, be ready to: announced
	purpose          bool // an infinitive after para, pour, afin de: the aim of an act
	reduced          bool // an English participle right after its noun: "soldiers killed in"
	relSubject       bool // introduced by a relative pronoun: "qui a rencontré"
}

// nounLike reports whether the word at i is used as a noun: after a
// determiner, a possessive, a preposition or a number (strong evidence),
// or, in English, after an adjective or a finite verb whose object it is
// (weak evidence, used only for words that both noun and verb patterns know).
func (s *scratch) nounLike(i int) bool { return s.nounEvidence(i, true) }

// lyAdjectives are English adjectives in -ly, which look like adverbs.
var lyAdjectives = map[string]bool{"deadly": true, "friendly": true, "costly": true, "early": true, "daily": true,
	"weekly": true, "monthly": true, "yearly": true, "elderly": true, "likely": true, "unlikely": true, "timely": true,
	"unfriendly": true, "orderly": true, "bloody": true, "lively": true}

func (s *scratch) nounEvidence(i int, weak bool) bool {
	if i == 0 {
		return s.lex.Lang.Code == "en" && s.toks[i].Cap() // headlines: "Talks between..."
	}
	p := i - 1
	if s.is(p, lexicon.WDet|lexicon.WPossessive) && !(s.is(p, lexicon.WPronObj) && s.is(p-1, lexicon.WPronSubj)) {
		return true
	}
	if s.is(p, lexicon.WPrep) && !(s.lex.Lang.Code == "en" && s.fold(p) == "to" && s.verbTagsAt(i)&text.VerbInf != 0) &&
		!(s.lex.Lang.Code != "en" && s.verbTagsAt(i)&text.VerbInf != 0) {
		return true // "conceded to demands"; but "para protestar", "pour exiger" are infinitives
	}
	if (s.toks[p].Kind == text.Number || s.is(p, lexicon.WQuantity)) && s.mentAt[p] < 0 {
		return true // not "An Ethiopian rebel group declared"
	}
	if s.lex.Lang.Code != "en" {
		return false
	}
	if s.fold(p) == "'s" || s.fold(p) == "s'" {
		return true
	}
	if !weak {
		return false
	}
	if mi := s.mentAt[p]; mi >= 0 && s.ments[mi].kind == lexicon.KindDemonym {
		return true // Russian visit
	}
	if mi := s.mentAt[p]; mi >= 0 && s.ments[mi].kind == lexicon.KindCountry {
		// US attack, "a US offer": a country used as a modifier
		if s.npAt[p] < 0 || s.is(s.nps[s.npAt[p]].start-1, lexicon.WDet) && s.fold(s.nps[s.npAt[p]].start-1) != "the" {
			return true
		}
	}
	f := s.fold(p)
	if s.toks[p].Kind == text.Word && s.cls[p] == 0 && !s.toks[p].Cap() && len(f) > 2 && (f[len(f)-2:] != "ly" || lyAdjectives[f]) &&
		len(s.lex.TrigOf(s.ids[p])) == 0 && s.mentAt[p] < 0 {
		return true // an adjective: bilateral talks, military attack, deadly attack
	}
	// "held talks", "lifted sanctions": the object of a verb
	if tags := s.verbTagsAt(p); tags&(text.VerbFin|text.VerbPP) != 0 && tags&text.VerbGer == 0 {
		return true
	}
	return false
}

// verbTagsAt returns the verb tags the lexicon knows for the word at k.
func (s *scratch) verbTagsAt(k int) uint8 {
	tags := s.lex.VerbTagsOf(s.ids[k])
	for _, t := range s.lex.TrigOf(s.ids[k]) {
		if !s.lex.Patterns[t.Pattern].Noun {
			tags |= t.Tags
		}
	}
	return tags
}

// verbGroup reads the auxiliaries, negation and pronouns before a verb
// trigger, and the negation after it.
func (s *scratch) verbGroup(head int, tags uint8) vgroup {
	g := vgroup{start: head, head: head, end: head + 1}
	hasBe, hasHave, hasNegPre := false, false, false
	lang := s.lex.Lang.Code
	k := head - 1
	for ; k >= 0; k-- {
		c := s.cls[k]
		switch {
		case c&lexicon.WNeg != 0:
			if lang == "fr" && !frenchNegAfterAux(s.fold(k)) {
				goto done
			}
			if lang == "en" && (s.fold(k) == "no" || s.fold(k) == "none") {
				goto done
			}
			g.negated = true
		case c&lexicon.WNegPre != 0:
			hasNegPre = true
			g.negated = true
		case c&lexicon.WAuxBe != 0 && c&lexicon.WPrep == 0:
			hasBe = true
		case c&lexicon.WAuxHave != 0 && c&lexicon.WPrep == 0:
			hasHave = true
		case c&lexicon.WModal != 0:
			if g.mode == "" {
				g.mode = ModeHypothetical
				if lang == "en" && (s.fold(k) == "would" || s.fold(k) == "'d") && s.reportedBefore(k) {
					g.mode = ModeFuture // "said they would boycott": the future of reported speech
				}
			}
		case c&lexicon.WFuture != 0:
			g.mode = ModeFuture
		case c&lexicon.WFirstPerson != 0 && c&lexicon.WPossessive == 0 && !s.is(k-1, lexicon.WPronSubj|lexicon.WPronObj) && !(k > 0 && s.npAt[k-1] >= 0):
			// "nous condamnons": nous, vous, we are the subject here, not an object pronoun
			goto done
		case c&lexicon.WPronRefl != 0:
			g.reflexive = true
		case c&lexicon.WPronSubj != 0 && lang == "en":
			goto done // "It also condemned": it is the subject here
		case c&lexicon.WPronObj != 0 && c&lexicon.WDet == 0, c&lexicon.WPronObj != 0 && k+1 < len(s.toks) && (s.is(k+1, lexicon.WAuxHave|lexicon.WAuxBe) || k+1 == head):
		case c&lexicon.WAdv != 0 && c&lexicon.WPrep == 0,
			lang == "en" && c == 0 && len(s.fold(k)) > 4 && strings.HasSuffix(s.fold(k), "ly") && !lyAdjectives[s.fold(k)] && s.mentAt[k] < 0:
			// "Turkey generously opened": an adverb
		case lang == "en" && s.fold(k) == "to" && tags&text.VerbInf != 0:
			g.infinitive = true
			g.intent = s.intended(k - 1)
			if g.mode == "" && !s.aspectual(k-1) {
				g.mode = ModeFuture
			}
			k--
			goto done
		default:
			goto done
		}
	}
done:
	g.start = k + 1
	if s.is(k, lexicon.WRel) {
		g.relSubject = true
	}
	_ = hasHave
	// French: ne ... pas after a simple verb (ne rencontre pas)
	if lang == "fr" && hasNegPre {
		g.negated = true
	}
	if j := head + 1; j < len(s.toks) {
		f := s.fold(j)
		if lang == "fr" && hasNegPre && (f == "pas" || f == "jamais" || f == "plus" || f == "aucun" || f == "rien") {
			g.negated = true
		}
		if lang == "en" && (f == "not" || f == "n't" || f == "never") && tags&text.VerbFin != 0 && hasBe {
			g.negated = true
		}
	}
	if tags&text.VerbPP != 0 && hasBe && !g.reflexive {
		g.passive = true
	}
	if g.mode == "" && s.irrealis(g.start) {
		g.mode = ModeHypothetical
	}
	if tags&text.VerbRefl != 0 {
		g.reflexive = true
	}
	if tags&text.VerbInf != 0 && tags&text.VerbFin == 0 && (g.start == head || g.reflexive) {
		// an infinitive governed by another word: decidió visitar, appelle à
		// manifester. After "para", "pour", "afin de" it says the purpose of
		// an act done ("se movilizaron para protestar"): done too.
		g.infinitive = true
		g.purpose = s.purpose(g.start - 1)
		if g.mode == "" && !g.purpose && !s.aspectual(g.start-1) {
			g.mode = ModeFuture
		}
		g.intent = g.intent || s.intended(g.start-1)
	}
	if tags&text.VerbFut != 0 && tags&(text.VerbPP|text.VerbInf) == 0 && g.mode == "" {
		g.mode = ModeFuture
	}
	if !hasBe && !hasHave && tags&text.VerbPP != 0 && tags&text.VerbFin == 0 && g.start == head {
		// a bare participle: passive if an agent follows (", accueilli par X")
		for j := head + 1; j < len(s.toks) && j <= head+4; j++ {
			if s.is(j, lexicon.WPrepAgent) {
				g.participial = true
				break
			}
			if s.punct(j) {
				break
			}
		}
	}
	if lang == "en" && !hasBe && !hasHave && tags&text.VerbPP != 0 && tags&text.VerbFin != 0 && g.start == head && s.reducedRelative(head) {
		// "There were 10 Russian soldiers killed in Ukraine", "a Hamas member
		// jailed a year ago": a participle after its noun, with no object
		g.participial = true
		g.reduced = true
	}
	if lang == "en" && !hasBe && !hasHave && tags&text.VerbPP != 0 && g.start == head && head > 0 && s.fold(head-1) == "," {
		for j := head + 1; j < len(s.toks) && j <= head+3; j++ {
			if s.fold(j) == "by" {
				g.participial = true
			}
		}
	}
	return g
}

// frenchNegAfterAux: the second part of French negation, which sits between
// the auxiliary and the participle (n'a pas rencontré, n'a jamais signé).
func frenchNegAfterAux(f string) bool {
	switch f {
	case "pas", "jamais", "plus", "aucun", "rien", "point", "guere", "nullement":
		return true
	}
	return false
}

// purpose reports whether the word at k introduces a purpose infinitive.
func (s *scratch) purpose(k int) bool {
	switch s.fold(k) {
	case "para", "pour":
		return !s.is(k-1, lexicon.WIntend) // not "dispuesto para negociar"
	case "de":
		return s.fold(k-1) == "afin"
	}
	return false
}

// irrealis reports whether the clause before position k makes what follows
// unreal: "if", "unless", "si", or "that" after a demand or an appeal
// ("demanded that Israel withdraw", "exigió que se retiren").
func (s *scratch) irrealis(k int) bool {
	for j := k - 1; j >= 0 && j >= k-12; j-- {
		switch s.fold(j) {
		case "if", "unless", "si", "sauf", "salvo", "whether":
			return true
		}
		if s.is(j, lexicon.WSubord) && (s.fold(j) == "that" || s.fold(j) == "que" || s.fold(j) == "qu'") {
			b := j - 1
			if b >= 0 && s.fold(b) == "," {
				b--
			}
			for b >= 0 && b > j-4 && s.npAt[b] >= 0 {
				b = int(s.nps[s.npAt[b]].start) - 1 // "demanded of Israel that"
			}
			for _, t := range s.lex.TrigOf(s.idAt(b)) {
				c := s.lex.Patterns[t.Pattern].Code
				if t.Tags != 0 && (c[:2] == "02" || c[:2] == "10") {
					return true
				}
			}
			return false
		}
		if s.hardBoundary(j) && !s.is(j, lexicon.WSubord) {
			return false
		}
	}
	return false
}

func (s *scratch) idAt(k int) int32 {
	if k < 0 || k >= len(s.ids) {
		return lexicon.NoWord
	}
	return s.ids[k]
}

// intended reports whether the words before an infinitive (from k leftwards)
// announce it: "plans to impose", "a décidé de sanctionner", "está dispuesto a firmar".
func (s *scratch) intended(k int) bool {
	for j := k; j >= 0 && j > k-4; j-- {
		if s.is(j, lexicon.WIntend) {
			return !s.is(j-1, lexicon.WDet|lexicon.WPossessive) // "its plans to sell" is a noun
		}
		switch s.fold(j) {
		case "to", "de", "d'", "a", "se", "s'":
			continue
		}
		if !s.is(j, lexicon.WAdv|lexicon.WAuxBe|lexicon.WAuxHave) {
			return false
		}
	}
	return false
}

// reportedBefore reports whether a verb of saying comes before token k in
// the sentence.
func (s *scratch) reportedBefore(k int) bool {
	for j := k - 1; j >= 0; j-- {
		if s.is(j, lexicon.WReport) {
			return true
		}
	}
	return false
}

// aspectual reports whether the words before an infinitive (from k
// leftwards) are a verb of aspect whose infinitive is done: "continued to
// send", "ha vuelto a atacar", "a recommencé à bombarder".
func (s *scratch) aspectual(k int) bool {
	for j := k; j >= 0 && j > k-3; j-- {
		if s.is(j, lexicon.WAspect) {
			return true
		}
		switch s.fold(j) {
		case "to", "de", "d'", "a", "à":
			continue
		}
		return false
	}
	return false
}

// reducedRelative reports whether an English -ed form at i follows the noun
// it qualifies and takes no object: the next word is a preposition, a time
// word, a punctuation mark or the end ("soldiers killed in Ukraine",
// "jailed a year ago").
func (s *scratch) reducedRelative(i int) bool {
	if i == 0 || s.npAt[i-1] < 0 || s.nps[s.npAt[i-1]].end != i || s.nps[s.npAt[i-1]].pronoun {
		return false
	}
	// the noun must not be the sentence's subject: a verb comes before it
	// ("There were ... soldiers killed", "released the mayor, ... jailed")
	verbBefore := false
	for k := s.nps[s.npAt[i-1]].start - 1; k >= 0; k-- {
		if s.is(k, lexicon.WAuxBe|lexicon.WAuxHave) && !s.is(k, lexicon.WPrep) || s.verbTagsAt(k)&text.VerbFin != 0 && !s.nounEvidence(k, false) {
			verbBefore = true
			break
		}
	}
	if !verbBefore {
		return false
	}
	j := i + 1
	if j >= len(s.toks) {
		return true
	}
	if s.is(j, lexicon.WPrepAgent) {
		return true
	}
	if s.is(j, lexicon.WPrep) && !s.is(j, lexicon.WDet) || s.punct(j) || s.is(j, lexicon.WTime) {
		return true
	}
	// "a year ago", "last week": a time phrase, not an object
	return s.is(j, lexicon.WDet) && j+1 < len(s.toks) && s.is(j+1, lexicon.WTime)
}
