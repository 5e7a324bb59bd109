package lexicon

import (
	"fmt"
	"strings"
)

// WordClass is a set of function-word classes, as bit flags.
type WordClass uint32

// Function-word classes, listed per language in data/<lang>/words.txt.
const (
	WNeg         WordClass = 1 << iota // ne, pas, no, not, never
	WAuxBe                             // être, ser, estar, be: passive and compound tenses
	WAuxHave                           // avoir, haber, have
	WModal                             // pouvoir, deber, may, could: hypothetical
	WFuture                            // aller (+inf), ir a, will: future
	WPrep                              // any preposition
	WPrepAgent                         // par, por, by: the agent of a passive
	WPrepLoc                           // à, en, dans, in, at: places
	WSubord                            // que, lorsque, cuando, because: start a subordinate clause
	WRel                               // qui, dont, quien, who, which: start a relative clause
	WCoord                             // et, ou, y, and, or
	WDet                               // le, la, un, el, the, a
	WPronSubj                          // il, elle, él, he, they
	WPronRefl                          // se, s'
	WPronObj                           // le, lui, leur, y, en, lo, le, him, them
	WLight                             // support verbs of nominal triggers: effectuer, tenir, hold, realizar
	WAdv                               // adverbs that may sit inside a verb group: également, ya, also
	WPossessive                        // son, sa, su, his, their
	WFirstPerson                       // nous, nosotros, we: the speaker inside a quote
	WReport                            // déclarer, afirmar, say: verbs of saying (reported speech)
	WOther                             // autres, other (in "l'autre pays")
	WBoth                              // deux, both, ambos (les deux pays)
	WCounterpart                       // homologue, counterpart, homólogo
	WConnect                           // words that join an actor phrase: de, of, del
	WVerbNoun                          // nouns that look like verb forms and are never triggers as verbs
	WNegPre                            // ne, n' (French negation before the verb)
	WTime                              // time words: hier, yesterday, ayer (skipped inside verb groups)
	WCopula                            // être/ser/be as a main verb
	WQuantity                          // cientos, milliers, thousands: "cientos de campesinos" is a subject
	WIntend                            // plan, decide, prêt, dispuesto: an infinitive after them is an announced act
	WAspect                            // continue, resume, volver: an infinitive after them is done
	WMessage                           // statement, declaration, report: an -ing form after them is their author's act
)

var wordClassNames = map[string]WordClass{
	"neg": WNeg, "negpre": WNegPre, "aux_be": WAuxBe, "aux_have": WAuxHave, "modal": WModal,
	"future": WFuture, "prep": WPrep, "prep_agent": WPrepAgent | WPrep, "prep_loc": WPrepLoc | WPrep,
	"subord": WSubord, "rel": WRel, "coord": WCoord, "det": WDet, "pron_subj": WPronSubj,
	"pron_refl": WPronRefl, "pron_obj": WPronObj, "light": WLight, "adv": WAdv,
	"possessive": WPossessive | WDet, "first_person": WFirstPerson, "report": WReport, "other": WOther,
	"both": WBoth, "counterpart": WCounterpart, "connect": WConnect, "notverb": WVerbNoun,
	"time": WTime, "copula": WCopula, "quantity": WQuantity, "intend": WIntend, "aspect": WAspect,
	"message": WMessage,
}

// parseWords parses "class word | word ..." lines. Verb classes (light,
// report) list infinitives that the language's morphology inflects.
func parseWords(line string) (WordClass, string, []string, error) {
	if i := strings.Index(line, "#"); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return 0, "", nil, fmt.Errorf("want CLASS word | word, got %q", strings.TrimSpace(line))
	}
	c, ok := wordClassNames[f[0]]
	if !ok {
		return 0, "", nil, fmt.Errorf("unknown word class %q", f[0])
	}
	rest := strings.TrimSpace(strings.TrimSpace(line)[len(f[0]):])
	var words []string
	for _, w := range strings.Split(rest, "|") {
		w = strings.Join(strings.Fields(w), " ")
		if w != "" {
			words = append(words, w)
		}
	}
	return c, f[0], words, nil
}
