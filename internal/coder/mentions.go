package coder

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// mention is a run of tokens the lexicon or the article's memory knows.
type mention struct {
	start, end int
	ent0, ent1 int32 // range of valid entries in scratch.entBuf
	kind       lexicon.Kind
	place      int32        // gazetteer index of a place name, -1
	name       bool         // an unknown capitalised name
	learned    *model.Actor // a name the article introduced earlier
}

func (s *scratch) entries(m *mention) []int32 { return s.entBuf[m.ent0:m.ent1] }

// entryFits checks the case and date constraints of a lexicon entry against
// the tokens [a, b).
func (s *scratch) entryFits(e *lexicon.Entry, a, b int) bool {
	if e.Caps {
		for i := a; i < b; i++ {
			t := &s.toks[i]
			if t.Kind == text.Word && !isUpperWord(t.Text) {
				return false
			}
		}
	} else if e.Proper && !s.toks[a].Cap() {
		return false
	}
	if e.From != 0 || e.Until != 0 {
		if !e.Current(s.ctx.date) { // with no date, every role: pickEntry takes the latest
			return false
		}
	}
	return true
}

func isUpperWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// findMentions marks the actor phrases the lexicon knows (longest match,
// no overlaps), then names the article introduced, then unknown names.
func (s *scratch) findMentions() {
	lex := s.lex
	n := len(s.toks)
	for i := 0; i < n; {
		if s.toks[i].Kind == text.Punct && s.toks[i].Fold != "'" {
			i++
			continue
		}
		bestEnd := -1
		var best0, best1 int32
		lex.Actors.Walk(s.ids, i, func(end int, es []int32) bool {
			start := int32(len(s.entBuf))
			for _, e := range es {
				if s.entryFits(&lex.Entries[e], i, end) {
					s.entBuf = append(s.entBuf, e)
				}
			}
			if int32(len(s.entBuf)) > start {
				bestEnd, best0, best1 = end, start, int32(len(s.entBuf))
			} else {
				s.entBuf = s.entBuf[:start]
			}
			return true
		})
		if bestEnd > 0 {
			m := mention{start: i, end: bestEnd, ent0: best0, ent1: best1, place: -1}
			m.kind = s.dominantKind(&m)
			if s.firstNameBefore(&m) {
				// "Michael Jordan", "the Montenegro Assembly": part of a longer name;
				// not a place either
				s.dropped = append(s.dropped, [2]int{i, bestEnd})
				i = bestEnd
				continue
			}
			s.addMention(m)
			i = bestEnd
			continue
		}
		// a name introduced earlier in the article
		if s.toks[i].Cap() && s.toks[i].Kind == text.Word {
			if a, end := s.ctx.lookupName(s.toks, i); a != nil {
				s.addMention(mention{start: i, end: end, kind: lexicon.KindPerson, place: -1, learned: a})
				i = end
				continue
			}
		}
		i++
	}
	// places: capitalised runs the gazetteer knows, not already an actor
	for i := 0; i < n; i++ {
		if s.mentAt[i] >= 0 || !s.toks[i].Cap() || s.toks[i].Kind != text.Word || s.wasDropped(i) {
			continue
		}
		best, bestPlace := -1, int32(-1)
		lex.Places.Walk(s.ids, i, func(end int, ps []int32) bool {
			for k := i; k < end; k++ {
				if s.mentAt[k] >= 0 {
					return false
				}
			}
			best = end
			bestPlace = s.ctx.bestPlace(ps)
			return true
		})
		// a place name counts only after a preposition (à Pékin, in Gaza, en Cali)
		// or as the object of a verb that visits or attacks ("bombed Aleppo"):
		// elsewhere a capitalised word is more likely a name (López, Vladimir)
		k := i - 1
		for k >= 0 && s.is(k, lexicon.WDet) && !s.is(k, lexicon.WPrep) {
			k--
		}
		if best < 0 || k < 0 || s.is(i, lexicon.WDet|lexicon.WPrep|lexicon.WPronSubj|lexicon.WCoord) {
			continue
		}
		if s.is(k, lexicon.WPrep) || s.toks[i].Flags&text.FlagUpper == 0 && !s.titleCase() && s.placeVerb(k) {
			s.addMention(mention{start: i, end: best, kind: lexicon.KindPlace, place: bestPlace})
			i = best - 1
		}
	}
	// unknown names: runs of capitalised words that are not function words
	for i := 0; i < n; i++ {
		if s.mentAt[i] >= 0 || !s.isNameWord(i) {
			continue
		}
		j := i + 1
		for j < n && s.mentAt[j] < 0 && (s.isNameWord(j) || s.isNameJoiner(j)) {
			j++
		}
		for j > i+1 && !s.isNameWord(j-1) {
			j--
		}
		s.addMention(mention{start: i, end: j, name: true, place: -1})
		i = j - 1
	}
}

func (s *scratch) addMention(m mention) {
	idx := int32(len(s.ments))
	s.ments = append(s.ments, m)
	for k := m.start; k < m.end; k++ {
		s.mentAt[k] = idx
	}
}

// dominantKind picks how a mention behaves when its phrase has entries of
// several kinds (Georgia the country and a person named Georgia).
func (s *scratch) dominantKind(m *mention) lexicon.Kind {
	var k lexicon.Kind
	for _, e := range s.entries(m) {
		ek := s.lex.Entries[e].Kind
		if k == 0 || kindRank(ek) < kindRank(k) {
			k = ek
		}
	}
	return k
}

func kindRank(k lexicon.Kind) int {
	switch k {
	case lexicon.KindPerson:
		return 0
	case lexicon.KindOrg, lexicon.KindGroup:
		return 1
	case lexicon.KindCountry:
		return 2
	case lexicon.KindCapital, lexicon.KindSeat:
		return 3
	case lexicon.KindTitle:
		return 4
	case lexicon.KindAgent:
		return 5
	case lexicon.KindPortfolio:
		return 6
	case lexicon.KindDemonym:
		return 7
	case lexicon.KindPrefix:
		return 8
	}
	return 9
}

// isNameWord: a capitalised word that is not a function word, a sentence
// opener or a trigger the lexicon knows as a verb.
func (s *scratch) isNameWord(i int) bool {
	t := &s.toks[i]
	if t.Kind != text.Word || !t.Cap() {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	if !unicode.IsLetter(r) {
		return false
	}
	if s.cls[i] != 0 {
		return false
	}
	if i == 0 || (s.punct(i-1) && isOpener(s.toks[i-1].Fold)) {
		// the first word of a sentence is capitalised anyway: a name only
		// if the next word is capitalised too (Wang Xiaohong a ...)
		return i+1 < len(s.toks) && s.toks[i+1].Cap() && s.toks[i+1].Kind == text.Word && s.cls[i+1] == 0 && len(s.lex.TrigOf(s.ids[i])) == 0
	}
	if t.Flags&text.FlagUpper != 0 && len(t.Text) > 5 {
		return false // headline capitals
	}
	return true
}

func isOpener(f string) bool {
	switch f {
	case "\"", "(", "-", ":", "[", "'":
		return true
	}
	return false
}

// isNameJoiner: particles inside names (da Silva, bin Salman, van der).
func (s *scratch) isNameJoiner(i int) bool {
	switch s.toks[i].Fold {
	case "da", "de", "del", "di", "do", "dos", "das", "van", "von", "der", "bin", "ben", "ibn", "al", "el", "-", "la", "le", "y":
		return i+1 < len(s.toks) && s.isNameWord(i+1)
	}
	return false
}

// firstNameBefore reports whether a country or capital mention is part of
// a longer name: it directly follows a capitalised word that no lexicon
// entry knows (a first name: "Michael Jordan") or is directly followed by
// one ("West Darfur", "Washington Post", "Jordan Valley"). Title-case
// headlines, where every word is capitalised, are left alone.
func (s *scratch) firstNameBefore(m *mention) bool {
	if m.kind != lexicon.KindCountry && m.kind != lexicon.KindCapital {
		return false
	}
	if s.titleCase() {
		return false
	}
	if n := m.end; n < len(s.toks) && s.toks[n].Cap() && s.toks[n].Kind == text.Word && s.cls[n] == 0 &&
		s.toks[n].Flags&text.FlagUpper == 0 && len(s.lex.TrigOf(s.ids[n])) == 0 && !s.knownAt(n) {
		if _, ok := s.lex.Dates[s.ids[n]]; !ok {
			return true
		}
	}
	p := m.start - 1
	if p < 0 || s.mentAt[p] >= 0 || !s.toks[p].Cap() || s.toks[p].Kind != text.Word || s.cls[p] != 0 {
		return false
	}
	if s.toks[p].Flags&text.FlagUpper != 0 || s.toks[m.start].Flags&text.FlagUpper != 0 {
		return false // headlines in capitals
	}
	if len(s.lex.TrigOf(s.ids[p])) > 0 {
		return false
	}
	if _, ok := s.lex.Dates[s.ids[p]]; ok {
		return false // "Monday Jordan"...: a date word, not a first name
	}
	return true
}

// knownAt reports whether the actor lexicon knows a phrase starting at token i.
func (s *scratch) knownAt(i int) bool {
	found := false
	s.lex.Actors.Walk(s.ids, i, func(int, []int32) bool { found = true; return false })
	return found
}

// titleCase reports whether most words of the sentence are capitalised (a
// title-case headline), where capitals say nothing about names.
func (s *scratch) titleCase() bool {
	if s.tcKnown {
		return s.tc
	}
	words, caps := 0, 0
	for i := range s.toks {
		if s.toks[i].Kind == text.Word && s.cls[i]&(lexicon.WDet|lexicon.WPrep|lexicon.WCoord) == 0 {
			words++
			if s.toks[i].Cap() {
				caps++
			}
		}
	}
	s.tc = words >= 4 && caps*10 >= words*7
	s.tcKnown = true
	return s.tc
}

func (s *scratch) wasDropped(i int) bool {
	for _, d := range s.dropped {
		if d[0] <= i && i < d[1] {
			return true
		}
	}
	return false
}

// placeVerb reports whether the word at k is a verb whose object may be a
// place: one that visits (a pattern with the place option) or attacks,
// bombs, captures (roots 18-20). "Russia bombed Aleppo": Aleppo is a place
// here, where "met López" is a name.
func (s *scratch) placeVerb(k int) bool {
	for _, t := range s.lex.TrigOf(s.ids[k]) {
		p := s.lex.Patterns[t.Pattern]
		if p.Noun || t.Tags == 0 {
			continue
		}
		if p.Place || p.Code >= "18" && p.Code < "21" {
			return true
		}
	}
	return false
}
