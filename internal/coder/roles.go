package coder

import (
	"strings"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// window bounds how far after a trigger its frame is looked for.
const window = 16

// hardBoundary reports whether token k ends a clause for role search:
// subordinators and relatives outside actor phrases, semicolons, colons,
// brackets and sentence marks.
func (s *scratch) hardBoundary(k int) bool {
	if s.npAt[k] >= 0 {
		return false
	}
	if s.toks[k].Kind == text.Punct {
		switch s.toks[k].Fold {
		case ";", ":", "(", ")", "!", "?", "[", "]", "\"":
			return true
		}
		return false
	}
	return s.cls[k]&(lexicon.WSubord|lexicon.WRel) != 0 && s.cls[k]&lexicon.WPrep == 0
}

// frameState is what matching a frame found.
type frameState struct {
	target  int   // np index, -1
	source  int   // np index, -1
	parties []int // np indices
	tgtTok  int   // token of the target's slot preposition, for locatives
}

// matchPattern tries a pattern at a trigger; on success it appends the
// candidates to s.evs and returns true.
func (s *scratch) matchPattern(p *lexicon.Pattern, g *vgroup) bool {
	fs := frameState{target: -1, source: -1, tgtTok: -1}
	if !s.matchBefore(p, g, &fs) {
		return false
	}
	pos := g.end
	// French and Spanish: negation after a simple verb, then adverbs
	for pos < len(s.toks) && s.is(pos, lexicon.WNeg|lexicon.WAdv) && !s.is(pos, lexicon.WPrep) {
		pos++
	}
	for i := range p.Frame {
		e := &p.Frame[i]
		switch e.Kind {
		case lexicon.ElemNear:
			found := -1
			for k := pos; k < len(s.toks) && k < pos+3; k++ {
				if e.Matches(s.ids[k], s.toks[k].Fold) {
					found = k
					break
				}
				if !s.is(k, lexicon.WDet|lexicon.WAdv|lexicon.WPronObj|lexicon.WPossessive) {
					break
				}
			}
			if found < 0 {
				return false
			}
			pos = found + 1
		case lexicon.ElemLater:
			found := -1
			for k := pos; k < len(s.toks) && k < pos+12; k++ {
				if e.Matches(s.ids[k], s.toks[k].Fold) {
					found = k
					break
				}
			}
			if found < 0 {
				return false
			}
			pos = found + 1
		case lexicon.ElemNot:
			for k := pos; k < len(s.toks); k++ {
				if e.Matches(s.ids[k], s.toks[k].Fold) {
					return false
				}
			}
		case lexicon.ElemTarget, lexicon.ElemSource, lexicon.ElemParty:
			np := s.npAfter(pos, e, p.Place || e.Kind == lexicon.ElemParty || (g.noun && len(e.Preps) > 0) || (len(e.Preps) == 0 && !g.noun))
			if e.Kind == lexicon.ElemTarget && len(e.Preps) == 0 && !g.noun {
				// "condamne l'attitude des États-Unis": the actor behind the object
				if of := s.npByAgentOrOf(pos); of >= 0 && (np < 0 || s.nps[of].start < s.nps[np].start) {
					np = of
				}
			}
			if np < 0 && e.Kind == lexicon.ElemTarget {
				np = s.adjectivalTarget(pos, e)
			}
			if np < 0 {
				if e.Kind == lexicon.ElemParty && s.partyActors(fs.parties) < 2 {
					return false
				}
				continue
			}
			switch e.Kind {
			case lexicon.ElemTarget:
				if fs.target < 0 {
					fs.target = np
				}
			case lexicon.ElemSource:
				fs.source = np
			case lexicon.ElemParty:
				fs.parties = append(fs.parties, np)
			}
			pos = s.nps[np].end
			if e.Kind == lexicon.ElemTarget {
				// past the whole coordination: "a appelé Israël et le Hamas à ..."
				group := s.coordinated(np, true)
				pos = s.nps[group[len(group)-1]].end
			}
		}
	}
	if fs.target < 0 && !g.noun && !p.Recip && !p.HasSlot(lexicon.ElemTarget) && !p.HasSlot(lexicon.ElemParty) {
		// a pattern that names no target still takes a demonym on its
		// direct object: "lamenta la reacción argentina" is GBR -> ARG
		fs.target = s.adjectivalTarget(g.end, &lexicon.Elem{Kind: lexicon.ElemTarget})
	}
	return s.assign(p, g, &fs)
}

// matchBefore matches the frame elements written before "_".
func (s *scratch) matchBefore(p *lexicon.Pattern, g *vgroup, fs *frameState) bool {
	pos := g.start - 1
	for i := len(p.Before) - 1; i >= 0; i-- {
		e := &p.Before[i]
		switch e.Kind {
		case lexicon.ElemNear:
			found := -1
			for k := pos; k >= 0 && k > pos-3; k-- {
				if e.Matches(s.ids[k], s.toks[k].Fold) {
					found = k
					break
				}
				if !s.is(k, lexicon.WDet|lexicon.WAdv) {
					break
				}
			}
			if found < 0 {
				return false
			}
			pos = found - 1
		case lexicon.ElemTarget, lexicon.ElemSource, lexicon.ElemParty:
			k := pos
			for k >= 0 && s.npAt[k] < 0 && pos-k < window {
				k--
			}
			if k < 0 || s.npAt[k] < 0 {
				if e.Kind == lexicon.ElemParty {
					return false
				}
				continue
			}
			np := int(s.npAt[k])
			switch e.Kind {
			case lexicon.ElemTarget:
				fs.target = np
			case lexicon.ElemSource:
				fs.source = np
			case lexicon.ElemParty:
				fs.parties = append(fs.parties, np)
			}
			pos = s.nps[np].start - 1
		case lexicon.ElemLater:
			found := false
			for k := pos; k >= 0 && k > pos-12; k-- {
				if e.Matches(s.ids[k], s.toks[k].Fold) {
					found = true
					pos = k - 1
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// partyActors counts the actors of the parties found so far.
func (s *scratch) partyActors(parties []int) int {
	n := 0
	for _, k := range parties {
		n += len(s.nps[k].actors)
	}
	return n
}

// fits reports whether a phrase's actors have one of the agent types a
// slot asks for ("+:COP/MIL").
func (s *scratch) fits(np *phrase, agents []string) bool {
	if len(agents) == 0 {
		return true
	}
	for _, a := range np.actors {
		for _, want := range agents {
			if a.Agent == want {
				return true
			}
		}
	}
	return false
}

// introducedBy reports whether the word before a phrase (past its
// determiners) is one of words: a preposition, or "y", "et", "and" after a
// first party.
func (s *scratch) introducedBy(np *phrase, words []int32) bool {
	k := np.start - 1
	for k >= 0 && s.is(k, lexicon.WDet) && !s.is(k, lexicon.WPrep) {
		k--
	}
	if k < 0 {
		return false
	}
	for _, w := range words {
		if s.ids[k] == w {
			return true
		}
		// au, aux, del, al are split into two tokens: the word before the article
		if k >= 1 && s.ids[k-1] == w && s.is(k, lexicon.WDet) {
			return true
		}
	}
	return false
}

// npAfter finds the first actor phrase starting at or after pos within the
// window and the clause that fills slot e: introduced by one of its words,
// or (none) not introduced by a preposition; of the agent types it asks
// for. places admits phrases that are only a place.
func (s *scratch) npAfter(pos int, e *lexicon.Elem, places bool) int {
	preps := e.Preps
	for k := pos; k < len(s.toks) && k < pos+window; k++ {
		if k > pos && (s.hardBoundary(k) || s.is(k, lexicon.WReport) && s.fold(k-1) != "to") {
			return -1 // ", officials said": the attribution is not the object
		}
		idx := s.npAt[k]
		if idx < 0 || s.nps[idx].start != k {
			continue
		}
		np := &s.nps[idx]
		k = np.end - 1
		if np.adjectival || !np.has() && !np.pronoun && !np.both && !(places && np.placeOnly && np.country != "") {
			continue
		}
		if !s.fits(np, e.Agents) {
			continue
		}
		if len(preps) == 0 && !hasCountry(np) && np.start > 0 && s.is(np.start-1, lexicon.WPossessive) {
			continue // "withdrew its troops": the actor's own forces, not a target
		}
		if len(preps) == 0 {
			if np.prepTok < 0 || np.prepTok < pos {
				if np.placeOnly && !np.has() && !places {
					continue
				}
				return int(idx)
			}
			continue
		}
		if np.start > pos-1 && s.introducedBy(np, preps) {
			return int(idx)
		}
	}
	return -1
}

// subjectBefore finds the subject of a verb group starting at pos: the
// nearest actor phrase before it in its clause that no preposition
// introduces.
func (s *scratch) subjectBefore(pos int) int {
	closed := false // a comma seen since pos: an inserted clause may have ended there
	for k := pos - 1; k >= 0; k-- {
		if s.fold(k) == "," {
			closed = true
		}
		if s.fold(k) == ")" {
			// skip a parenthesis: "Policías (de élite) atacaron"
			depth := 0
			for ; k >= 0; k-- {
				if s.fold(k) == ")" {
					depth++
				} else if s.fold(k) == "(" {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			continue
		}
		if s.dash(k) {
			// skip a dashed insertion: "varios cientos de israelíes -la mayoría
			// colonos- habían manifestado"
			j := k - 1
			for j >= 0 && !s.dash(j) {
				j--
			}
			if j >= 0 {
				k = j
				continue
			}
		}
		if k == pos-1 && s.fold(k) == "\"" && k > 0 && s.npAt[k-1] >= 0 {
			continue // Álvarez "a exprimé la volonté ...": a quotation opening on the verb
		}
		if s.hardBoundary(k) {
			// "Los campesinos, que reclaman ..., bloquearon": skip the relative
			// clause back to its antecedent
			if closed && s.is(k, lexicon.WRel) && k > 0 && s.fold(k-1) == "," {
				k--
				closed = false
				continue
			}
			return -1
		}
		idx := s.npAt[k]
		if idx < 0 {
			continue
		}
		np := &s.nps[idx]
		k = np.start
		if closed {
			// "Le ministre, qui a rencontré son homologue chinois, a salué":
			// a phrase inside a relative clause is not the main verb's subject
			if r := s.relativeStart(np.start); r > 0 {
				k = r - 1
				closed = false
				continue
			}
		}
		if np.adjectival || np.prepTok >= 0 && s.fold(np.prepTok) != "'s" {
			continue
		}
		if np.has() || np.pronoun || np.both {
			if closed {
				// "Pakistan, a key U.S. ally in the war, has refused": the head
				// before an apposition is the subject
				if c := s.segmentStart(np.start); c > 0 {
					if h := s.subjectBefore(c); h >= 0 && s.nps[h].has() && s.nps[h].end == c {
						return h
					}
				}
			}
			if !hasCountry(np) && np.start > 0 && s.fold(np.start-1) == "," {
				// "The US commander in Iraq, General David Petraeus, held":
				// the apposition's head names the country
				if h := s.subjectBefore(np.start - 1); h >= 0 && hasCountry(&s.nps[h]) {
					return h
				}
			}
			return int(idx)
		}
	}
	return -1
}

func hasCountry(np *phrase) bool {
	for _, a := range np.actors {
		if a.Country != "" {
			return true
		}
	}
	return false
}

// subjectOf finds the subject phrase of a verb group, following relative
// pronouns, coordination and participial clauses.
func (s *scratch) subjectOf(g *vgroup) int {
	b := g.start - 1
	// qui a rencontré / who met: the antecedent
	if g.relSubject && b >= 0 {
		k := b - 1
		if k >= 0 && s.fold(k) == "," {
			k--
		}
		if k >= 0 && s.npAt[k] >= 0 {
			return int(s.npAt[k])
		}
	}
	// "a cargo plane flying from Karachi", "protesters carrying banners": an
	// English -ing form right after a noun modifies that noun, which is its
	// subject (none, if the noun is no actor)
	if b >= 0 && b == g.head-1 && s.lex.Lang.Code == "en" && s.isGerund(g) {
		if idx := s.npAt[b]; idx >= 0 && s.nps[idx].end == g.head && !s.nps[idx].placeOnly && s.nps[idx].prepTok < 0 {
			if s.nps[idx].pronoun {
				return -1
			}
			return int(idx)
		}
		if s.toks[b].Kind == text.Word && (s.cls[b] == 0 || s.cls[b] == lexicon.WVerbNoun) && s.mentAt[b] < 0 && len(s.lex.TrigOf(s.ids[b])) == 0 {
			return -1
		}
	}
	// X a rencontré Y et a signé: the subject of the previous verb
	if b >= 0 && s.is(b, lexicon.WCoord) && s.lastSubj >= 0 {
		return s.lastSubj
	}
	// , soulignant que / , accueilli par: the subject of the clause before
	// (the last subject found in the sentence), else the main subject
	if b >= 0 && s.fold(b) == "," && (g.participial || s.isGerundOrParticiple(g)) {
		if m := s.mainSubject; m >= 0 && s.nps[m].start < g.start && (s.lastSubj < 0 || s.nps[s.lastSubj].start < s.nps[m].start) {
			return m // "Tras anunciarse que el FMI otorgó ..., miles de trabajadores iniciaron ..., exigiendo"
		}
		if s.lastSubj >= 0 && s.nps[s.lastSubj].start < g.start {
			return s.lastSubj
		}
		if s.mainSubject >= 0 && s.nps[s.mainSubject].start < g.start {
			return s.mainSubject
		}
	}
	return s.subjectBefore(g.start)
}

// dash reports whether the token at k is a dash that opens or closes an
// insertion, not a hyphen inside a word ("ex-presidente").
func (s *scratch) dash(k int) bool {
	switch s.toks[k].Text {
	case "-", "–", "—":
	default:
		return false
	}
	attachedBefore := s.toks[k].Flags&text.FlagSpace == 0
	attachedAfter := k+1 < len(s.toks) && s.toks[k+1].Flags&text.FlagSpace == 0
	return !(attachedBefore && attachedAfter) && k > 0 && k+1 < len(s.toks)
}

// isGerund reports whether the group's verb is only a gerund here.
func (s *scratch) isGerund(g *vgroup) bool {
	all, _ := s.headReadings(g)
	return all&text.VerbGer != 0 && all&text.VerbFin == 0
}

// isGerundOrParticiple reports whether a non-finite reading of the group's
// verb is a gerund or a participle.
func (s *scratch) isGerundOrParticiple(g *vgroup) bool {
	_, nonFinite := s.headReadings(g)
	return nonFinite&(text.VerbGer|text.VerbPP) != 0
}

// headReadings returns the union of the tags of the group's verb readings,
// and of those of its non-finite readings.
func (s *scratch) headReadings(g *vgroup) (all, nonFinite uint8) {
	for _, t := range s.lex.TrigOf(s.ids[g.head]) {
		all |= t.Tags
		if t.Tags&text.VerbFin == 0 {
			nonFinite |= t.Tags
		}
	}
	return all, nonFinite
}

// agentAfter finds the agent of a passive: par/por/by + actor phrase.
func (s *scratch) agentAfter(pos int) int {
	for k := pos; k < len(s.toks) && k < pos+window; k++ {
		if k > pos && s.hardBoundary(k) {
			return -1
		}
		if s.is(k, lexicon.WPrepAgent) {
			// the agent follows par/por/by directly, past its determiners:
			// "por la noche en Lipljan" has none
			j := k + 1
			for j < len(s.toks) && s.npAt[j] < 0 && s.is(j, lexicon.WDet|lexicon.WQuantity) {
				j++
			}
			if j < len(s.toks) && s.npAt[j] >= 0 && s.nps[s.npAt[j]].start == j && s.nps[s.npAt[j]].has() {
				return int(s.npAt[j])
			}
			continue
		}
	}
	return -1
}

// actorsOf returns the actors of a phrase, resolving pronouns, and places
// as countries when asPlace is set.
func (s *scratch) actorsOf(idx int, asPlace bool) []model.Actor {
	if idx < 0 {
		return nil
	}
	np := &s.nps[idx]
	if np.own {
		// son pays: the country of the sentence's subject
		a := s.ownerOf(idx)
		if a == nil || a.Country == "" {
			return nil
		}
		txt, st, en := s.span(np.start, np.end)
		out := model.Actor{Code: a.Country, Country: a.Country, Text: txt, Start: st, End: en}
		if f := s.fold(np.start + 1); f == "gouvernement" || f == "government" || f == "gobierno" {
			out.Agent, out.Code = "GOV", a.Country+"GOV"
		}
		return []model.Actor{out}
	}
	if np.pronoun {
		// "Iran said that it would ...": the main subject before the pronoun
		if m := s.mainSubject; m >= 0 && m != idx && s.nps[m].end <= np.start && s.nps[m].has() && s.nps[m].prepTok < 0 &&
			s.subordinateBefore(s.nps[m].end, np.start) {
			a := s.nps[m].actors[0]
			txt, st, en := s.span(np.start, np.end)
			a.Text, a.Start, a.End = txt, st, en
			return []model.Actor{a}
		}
		if s.ctx.subject != nil {
			a := *s.ctx.subject
			txt, st, en := s.span(np.start, np.end)
			a.Text, a.Start, a.End = txt, st, en
			return []model.Actor{a}
		}
		return nil
	}
	if asPlace && np.placeOnly && np.country != "" {
		txt, st, en := s.span(np.start, np.end)
		return []model.Actor{{Code: np.country, Country: np.country, Text: txt, Start: st, End: en}}
	}
	return np.actors
}

// assign decides source and target from the frame and the voice, and
// appends the candidates.
func (s *scratch) assign(p *lexicon.Pattern, g *vgroup, fs *frameState) bool {
	var srcNP, tgtNP int = -1, -1
	var srcs, tgts []model.Actor
	tgtAsPlace := false
	direct := p.HasSlot(lexicon.ElemTarget) && !hasPreps(p)
	switch {
	case len(fs.parties) > 0:
		var parties []model.Actor
		for _, np := range fs.parties {
			parties = append(parties, s.actorsOf(np, false)...)
		}
		if len(parties) < 2 {
			return false
		}
		for i := range parties {
			for j := range parties {
				if i != j && parties[i].Code != parties[j].Code {
					s.addCandidate(p, g, p.Code, parties[i], &parties[j], fs)
				}
			}
		}
		return true
	case g.noun:
		srcNP = fs.source
		if srcNP < 0 {
			srcNP = s.nounSource(g, fs.target)
		}
		tgtNP = fs.target
		tgtAsPlace = true
		if g.mode == "" {
			g.mode = s.governingMode(g.head)
		}
		if s.without(g.head) {
			g.negated = true // "sin incidentes", "sans violence", "without clashes"
		}
	case g.passive && direct:
		srcNP = s.agentAfter(g.end)
		tgtNP = s.subjectOf(g)
		if fs.target >= 0 && fs.target == srcNP {
			fs.target = -1
		}
	case g.participial && direct:
		srcNP = s.agentAfter(g.end)
		tgtNP = s.subjectOf(g)
	default:
		srcNP = s.subjectOf(g)
		tgtNP = fs.target
		if fs.target >= 0 && fs.target == srcNP {
			tgtNP = -1
		}
		tgtAsPlace = true
	}
	if tgtNP >= 0 && s.nps[tgtNP].placeOnly && !s.nps[tgtNP].has() {
		tgtAsPlace = true // "bombed Aleppo": a city as the object is its country
	}
	switch {
	case g.passive && tgtNP >= 0:
		s.lastSubj = tgtNP // "indicted by the court and will resign": the subject goes on
	case srcNP >= 0 && !g.noun && !g.participial && !g.passive:
		s.lastSubj = srcNP
	}
	if srcNP < 0 && !g.noun && !g.passive && !g.participial && !direct && s.lex.Lang.Code != "en" {
		// "Protestaron los campesinos", "ont manifesté des milliers d'étudiants":
		// an intransitive verb's subject may follow it
		srcNP = s.subjectAfter(g.end)
	}
	srcs = s.actorsOfGroup(srcNP, false, false, s.srcBuf[:0])
	s.srcBuf = srcs[:0]
	if len(srcs) == 0 {
		switch {
		case s.lex.Lang.Code == "es" && !g.noun && srcNP < 0 && !g.passive && !g.participial && s.ctx.subject != nil:
			// Spanish drops subject pronouns: the last subject of the article
			srcs = []model.Actor{*s.ctx.subject}
		case p.Anon != "" && !(g.noun && s.inPrepPhrase(g.head)):
			// "Hubo disturbios en Bogotá": an act with nobody named doing it;
			// not "ante una oleada de protestas", a circumstance of another act
			srcs = []model.Actor{{Code: p.Anon, Agent: p.Anon}}
		default:
			return false
		}
	}
	if tgtNP >= 0 {
		asPlace := tgtAsPlace && (p.Place || s.nps[tgtNP].prepTok >= 0 && s.is(s.nps[tgtNP].prepTok, lexicon.WPrepLoc) || !s.nps[tgtNP].has())
		tgts = s.actorsOfGroup(tgtNP, asPlace, true, s.tgtBuf[:0])
		s.tgtBuf = tgts[:0]
	}
	if len(tgts) == 0 && p.NeedTgt {
		return false // "; target": the pattern's own slot must have matched
	}
	if len(tgts) == 0 && tgtNP < 0 && !g.passive && !g.participial && !(p.Recip && len(srcs) >= 2) && !typedTarget(p) {
		// no target in the frame: the first actor after the trigger in its clause
		if k := s.anyTargetAfter(g, srcNP); k >= 0 {
			tgtNP = k
			tgts = s.actorsOfGroup(k, true, true, s.tgtBuf[:0])
			s.tgtBuf = tgts[:0]
		}
	}
	if len(tgts) == 0 && p.NeedTgt {
		return false
	}
	// note the subject for later pronouns
	if !g.passive && !g.participial && srcNP >= 0 && !s.nps[srcNP].pronoun {
		s.ctx.noteSubject(srcs[0])
	}
	code := p.Code
	if (g.passive || g.participial) && p.Passive != "" {
		code = p.Passive
	}
	if g.purpose && g.mode == "" && (cooperative(code) || len(tgts) == 0 && code[:2] >= "15" && !(p.Recip && len(srcs) >= 2)) {
		// a purpose infinitive states the act itself when it is contentious
		// ("marcharon para exigir", "disparó para dispersar a la multitud"),
		// but an aim when it is cooperative ("multiplient les initiatives pour
		// approfondir leurs relations") or force against nobody named ("pour
		// affronter les menaces")
		g.mode = ModeFuture
	}
	switch {
	case g.mode == ModeFuture && (strings.HasPrefix(code, "03") || strings.HasPrefix(code, "13")):
		g.mode = "" // a promise or a threat is made now, whatever the tense of what it promises
	case g.mode == ModeFuture && (!g.infinitive || g.intent) && !g.negated:
		// "will provide aid", "visitará Moscú", "realizarán una marcha": saying
		// one will act is an intent (03x) or a threat (13x), done now
		if c := futureCode(code); c != "" {
			code = c
			g.mode = ""
		}
	case g.mode == ModeFuture && !g.infinitive && g.negated && cooperative(code):
		// "will not meet", "will not lift the sanctions": a refusal, done now
		code = refusalCode(code)
		g.mode = ""
		g.negated = false
	}
	if len(tgts) == 0 && p.Recip && len(srcs) >= 2 {
		for i := range srcs {
			for j := range srcs {
				if i != j && srcs[i].Code != srcs[j].Code {
					s.addCandidate(p, g, code, srcs[i], &srcs[j], fs)
				}
			}
		}
		return true
	}
	for i := range srcs {
		if len(tgts) == 0 {
			s.addCandidate(p, g, code, srcs[i], nil, fs)
			continue
		}
		for j := range tgts {
			t := tgts[j]
			if tgtNP >= 0 && s.nps[tgtNP].counterpart {
				t.Agent = srcs[i].Agent
				t.Code = t.Country + t.Agent
			}
			if srcNP >= 0 && s.nps[srcNP].counterpart {
				srcs[i].Agent = t.Agent
				srcs[i].Code = srcs[i].Country + srcs[i].Agent
			}
			if t.Code == "" || (t.Start == srcs[i].Start && t.End == srcs[i].End && t.Start != t.End) || (t.Code == srcs[i].Code && t.Name != "" && t.Name == srcs[i].Name) {
				// an actor is never its own target; another actor of the same
				// country is ("Serbia lifted the curfew in Belgrade")
				s.addCandidate(p, g, code, srcs[i], nil, fs)
				continue
			}
			s.addCandidate(p, g, code, srcs[i], &t, fs)
			if p.Rev != "" && code == p.Code {
				// (not when the act was recoded: a promise to visit implies no hosting)
				s.addCandidate(p, g, p.Rev, t, &srcs[i], fs)
			}
		}
	}
	return true
}

func hasPreps(p *lexicon.Pattern) bool {
	for i := range p.Frame {
		if p.Frame[i].Kind == lexicon.ElemTarget {
			return len(p.Frame[i].Preps) > 0
		}
	}
	return false
}

func (s *scratch) addCandidate(p *lexicon.Pattern, g *vgroup, code string, src model.Actor, tgt *model.Actor, fs *frameState) {
	if src.Code == "" {
		return
	}
	c := candidate{p: p, code: code, src: src, g: *g, loc: -1}
	if tgt != nil && tgt.Code != "" {
		c.tgt, c.hasTgt = *tgt, true
	}
	s.evs = append(s.evs, c)
}

// nounSource finds the source of a nominal trigger: "de/of X" after it, a
// demonym next to it, an English possessive before it, or the subject of
// the light verb that governs it.
func (s *scratch) nounSource(g *vgroup, target int) int {
	// de X / of X / del X right after the noun
	j := g.end
	if j < len(s.toks) && (s.is(j, lexicon.WConnect) || s.fold(j) == "by" || s.fold(j) == "par" || s.fold(j) == "por") {
		k := j + 1
		for k < len(s.toks) && s.is(k, lexicon.WDet) {
			k++
		}
		if k < len(s.toks) && s.npAt[k] >= 0 && int(s.npAt[k]) != target && s.nps[s.npAt[k]].has() {
			return int(s.npAt[k])
		}
	}
	// la visite russe / la visita estadounidense: a demonym right after
	if j < len(s.toks) && s.npAt[j] >= 0 && s.nps[s.npAt[j]].start == j && s.kindAt(j) == lexicon.KindDemonym && int(s.npAt[j]) != target {
		return int(s.npAt[j])
	}
	// the Russian visit, Russia's attack
	b := g.head - 1
	for b >= 0 && !s.toks[b].Cap() && s.toks[b].Kind == text.Word && s.cls[b] == 0 && g.head-b < 3 {
		b--
	}
	if b >= 0 && (s.fold(b) == "'s" || s.fold(b) == "s'") {
		b--
	}
	if b >= 0 && s.npAt[b] >= 0 && int(s.npAt[b]) != target {
		np := &s.nps[s.npAt[b]]
		if np.end >= g.head-2 && (np.prepTok < 0 || s.fold(np.prepTok) == "'s") && s.lex.Lang.Code == "en" {
			return int(s.npAt[b])
		}
	}
	// "Qiu Xiaoqi, ..., en visite à Cuba", "X, on a visit to Y": the phrase apposed to
	if b := g.head - 1; b >= 1 && (s.fold(b) == "en" || s.fold(b) == "on" || s.fold(b) == "de") && s.fold(b-1) == "," {
		if k := s.subjectBefore(b - 1); k >= 0 && k != target {
			return k
		}
	}
	if b := g.head - 1; b >= 2 && s.is(b, lexicon.WDet) && !s.is(b, lexicon.WPossessive) && (s.fold(b-1) == "on" || s.fold(b-1) == "en") && s.fold(b-2) == "," {
		if k := s.subjectBefore(b - 2); k >= 0 && k != target {
			return k
		}
	}
	// "sa visite à Kiev", "his visit": the owner is the subject
	if b := g.head - 1; b >= 0 && s.is(b, lexicon.WPossessive) {
		for _, k := range []int{s.lastSubj, s.mainSubject} {
			if k >= 0 && k != target && s.nps[k].start < g.head && s.nps[k].has() {
				return k
			}
		}
		if k := s.subjectBefore(b); k >= 0 && k != target {
			return k
		}
	}
	// X held talks / X a effectué une visite / X realizó un ataque / X est en visite
	for k := g.head - 1; k >= 0 && k >= g.head-5; k-- {
		if s.is(k, lexicon.WCopula) && k+1 < g.head && (s.fold(k+1) == "en" || s.fold(k+1) == "on") {
			cg := s.verbGroup(k, s.lex.VerbTagsOf(s.ids[k]))
			return s.subjectOf(&cg)
		}
		if !s.is(k, lexicon.WLight|lexicon.WIntend) && len(s.lex.TrigOf(s.ids[k])) > 0 && !s.triggerIsNoun(k, s.lex.TrigOf(s.ids[k])) {
			break // "ont appelé à une grève": another verb governs the noun
		}
		if s.is(k, lexicon.WLight|lexicon.WIntend) { // "ont annoncé une grève": the announcer's
			lg := s.verbGroup(k, s.lex.VerbTagsOf(s.ids[k]))
			if lg.negated {
				g.negated = true
			}
			if lg.mode != "" && g.mode == "" {
				g.mode = lg.mode
			}
			return s.subjectOf(&lg)
		}
		if s.npAt[k] >= 0 && !s.nps[s.npAt[k]].adjectival || s.punct(k) && s.fold(k) != "-" {
			break // "held joint military exercises", "a multi-pronged attack": modifiers do not stop the search
		}
	}
	return -1
}

// coordinated returns the phrases coordinated with phrase idx ("Moscou et
// La Havane", "Brazil and the United States"): backward for a subject,
// forward for an object; idx itself comes first.
//
// The list lives in the scratch and is valid until the next call.
func (s *scratch) coordinated(idx int, forward bool) []int {
	s.coord = append(s.coord[:0], idx)
	cur := idx
	for n := 0; n < 8; n++ {
		np := &s.nps[cur]
		var k int
		if forward {
			k = np.end
			if k >= len(s.toks) || !(s.is(k, lexicon.WCoord) && !s.is(k, lexicon.WNeg) || s.fold(k) == ",") {
				return s.coord
			}
			k++
			if k < len(s.toks) && s.fold(k-1) == "," && s.is(k, lexicon.WCoord) {
				k++ // "A, B, and C"
			}
			for k < len(s.toks) && s.is(k, lexicon.WDet) && !s.is(k, lexicon.WPossessive) && s.npAt[k] < 0 {
				k++
			}
			if k >= len(s.toks) || s.npAt[k] < 0 {
				return s.coord
			}
		} else {
			k = np.start - 1
			for k >= 0 && s.is(k, lexicon.WDet) && s.npAt[k] < 0 {
				k--
			}
			if k < 0 || !(s.is(k, lexicon.WCoord) && !s.is(k, lexicon.WNeg) || s.fold(k) == ",") {
				return s.coord
			}
			k--
			if k >= 0 && s.fold(k) == "," && s.is(k+1, lexicon.WCoord) {
				k-- // "A, B, and C"
			}
			if k < 0 || s.npAt[k] < 0 {
				return s.coord
			}
		}
		next := int(s.npAt[k])
		o := &s.nps[next]
		// after a coordinator the second member has no preposition of its own:
		// "entre Israël et le Hamas"
		samePrep := (o.prepTok >= 0) == (s.nps[idx].prepTok >= 0) || (forward && o.prepTok < 0)
		if o.adjectival || !o.has() || !samePrep {
			return s.coord
		}
		if s.fold(k) == "," || (forward && s.fold(s.nps[cur].end) == ",") {
			// a comma list must end with a coordinator: "A, B et C"
			if !s.listEnds(next, forward) {
				return s.coord
			}
		}
		s.coord = append(s.coord, next)
		cur = next
	}
	return s.coord
}

// listEnds checks that a comma-separated list continues to a coordinator.
func (s *scratch) listEnds(idx int, forward bool) bool {
	for n := 0; n < 8; n++ {
		np := &s.nps[idx]
		var k int
		if forward {
			k = np.end
		} else {
			k = np.start - 1
			for k >= 0 && s.is(k, lexicon.WDet) && s.npAt[k] < 0 {
				k--
			}
		}
		if k < 0 || k >= len(s.toks) {
			return false
		}
		if s.is(k, lexicon.WCoord) {
			return true
		}
		if s.fold(k) != "," {
			return false
		}
		if forward {
			k++
			if k < len(s.toks) && s.is(k, lexicon.WCoord) {
				return true // "A, B, and C"
			}
		} else {
			k--
		}
		if k < 0 || k >= len(s.toks) || s.npAt[k] < 0 {
			return false
		}
		idx = int(s.npAt[k])
	}
	return false
}

// actorsOfGroup returns the actors of a phrase and those coordinated with it.
func (s *scratch) actorsOfGroup(idx int, asPlace, forward bool, out []model.Actor) []model.Actor {
	if idx < 0 {
		return out
	}
	country := ""
	for n, k := range s.coordinated(idx, forward) {
		for _, a := range s.actorsOf(k, asPlace) {
			if n == 0 && country == "" {
				country = a.Country
			}
			if n > 0 && a.Country == "" && a.Agent != "" && country != "" && forward {
				// "Israeli helicopters and tanks": the demonym qualifies both
				a.Country, a.Code = country, country+a.Agent
			}
			out = append(out, a)
		}
	}
	return out
}

// npByAgentOrOf finds, when a verb has no actor as its direct object, the
// actor behind the object: "a qualifié l'opération menée par les forces
// américaines", "condemned the policy of Washington".
func (s *scratch) npByAgentOrOf(pos int) int {
	for k := pos; k < len(s.toks) && k < pos+7; k++ {
		if k > pos && s.hardBoundary(k) {
			return -1
		}
		idx := s.npAt[k]
		if idx < 0 || s.nps[idx].start != k {
			continue
		}
		np := &s.nps[idx]
		if np.prepTok >= 0 && (s.is(np.prepTok, lexicon.WPrepAgent|lexicon.WConnect) || s.fold(np.prepTok) == "'s") && np.has() && !np.adjectival {
			return int(idx)
		}
		return -1
	}
	return -1
}

// ownerOf is whose "son pays" / "his country" a phrase means: the subject
// of the clause before, else of the sentence, else the article's last.
func (s *scratch) ownerOf(idx int) *model.Actor {
	for _, subj := range []int{s.lastSubj, s.mainSubject} {
		if subj < 0 || subj == idx {
			continue
		}
		np := &s.nps[subj]
		if len(np.actors) > 0 {
			return &np.actors[0]
		}
		if np.pronoun {
			return s.ctx.subject
		}
	}
	return nil
}

// subjectAfter finds a subject that follows its verb (Spanish and French
// inversion): the first actor phrase right after the verb group, past
// adverbs and time words, that no preposition introduces.
func (s *scratch) subjectAfter(pos int) int {
	for k := pos; k < len(s.toks) && k < pos+5; k++ {
		if idx := s.npAt[k]; idx >= 0 {
			np := &s.nps[idx]
			if np.start == k && np.prepTok < 0 && np.has() && !np.adjectival && !np.placeOnly {
				return int(idx)
			}
			return -1
		}
		if !s.is(k, lexicon.WAdv|lexicon.WTime|lexicon.WDet|lexicon.WQuantity|lexicon.WConnect) && s.toks[k].Kind != text.Number {
			return -1
		}
	}
	return -1
}

// governingMode is the mode a nominal trigger takes from the verbs before it
// in its clause: "convocará una huelga", "se prevé una manifestación",
// "anunció que participará en una huelga" are not done acts.
func (s *scratch) governingMode(head int) string {
	for k := head - 1; k >= 0 && k >= head-8; k-- {
		if s.hardBoundary(k) && !s.is(k, lexicon.WSubord) {
			break
		}
		if s.is(k, lexicon.WFuture) {
			return ModeFuture
		}
		if s.is(k, lexicon.WModal) {
			return ModeHypothetical
		}
		if s.is(k, lexicon.WIntend) {
			return ModeFuture // "anunció una marcha", "prepara nuevas protestas": announced, not done
		}
		tags := s.lex.VerbTagsOf(s.ids[k])
		for _, t := range s.lex.TrigOf(s.ids[k]) {
			if !s.lex.Patterns[t.Pattern].Noun {
				tags |= t.Tags
			}
		}
		if tags&text.VerbFut != 0 && tags&(text.VerbPP|text.VerbInf) == 0 {
			return ModeFuture
		}
	}
	return ""
}

// adjectivalTarget finds a target named only by a demonym on the object
// noun: "protestan contra pruebas nucleares francesas", "condamne
// l'ingérence américaine", "condemned the Israeli strikes".
func (s *scratch) adjectivalTarget(pos int, e *lexicon.Elem) int {
	start := pos
	if len(e.Preps) > 0 {
		start = -1
		for k := pos; k < len(s.toks) && k < pos+window; k++ {
			if s.hardBoundary(k) {
				return -1
			}
			for _, w := range e.Preps {
				if s.ids[k] == w {
					start = k + 1
					break
				}
			}
			if start >= 0 {
				break
			}
		}
		if start < 0 {
			return -1
		}
	}
	for k := start; k < len(s.toks) && k < start+5; k++ {
		if s.punct(k) || s.hardBoundary(k) {
			return -1
		}
		if idx := s.npAt[k]; idx >= 0 {
			np := &s.nps[idx]
			if np.adjectival && np.has() {
				return int(idx)
			}
			return -1
		}
		if len(s.lex.TrigOf(s.ids[k])) > 0 && !s.triggerIsNoun(k, s.lex.TrigOf(s.ids[k])) {
			return -1 // a verb: the object phrase has ended
		}
	}
	return -1
}

// inPrepPhrase reports whether the noun at i heads a prepositional phrase
// ("ante una oleada de protestas", "tras la marcha", "los líderes de la protesta").
func (s *scratch) inPrepPhrase(i int) bool {
	k := i - 1
	for k >= 0 && (s.is(k, lexicon.WDet|lexicon.WQuantity|lexicon.WPossessive) && !s.is(k, lexicon.WPrep) ||
		s.toks[k].Kind == text.Number || (s.toks[k].Kind == text.Word && s.cls[k] == 0 && s.mentAt[k] < 0 && !s.toks[k].Cap() && len(s.lex.TrigOf(s.ids[k])) == 0)) {
		k--
	}
	if k < 0 || !s.is(k, lexicon.WPrep) {
		return false
	}
	switch s.fold(k) {
	case "de", "d'", "del", "du", "des", "of", "ante", "tras", "contra", "against", "after", "despues", "apres", "pese", "malgre", "despite", "sobre", "sur", "about", "por":
		return true // a complement of another noun, or a circumstance
	}
	return false // "en la manifestación murieron", "dans les émeutes": the act itself
}

// relativeStart finds, left of token i within its comma-delimited segment,
// a relative pronoun right after a comma ("..., qui a rencontré X, ...")
// and returns its index, or -1.
func (s *scratch) relativeStart(i int) int {
	for k := i - 1; k > 0; k-- {
		if s.fold(k) == "," {
			return -1
		}
		if s.is(k, lexicon.WRel) && s.fold(k-1) == "," {
			return k
		}
		if s.hardBoundary(k) {
			return -1
		}
	}
	return -1
}

// futureIntent maps the codes of acts to the code of announcing them: the
// CAMEO codebook codes a promise to act as 03x and a threat as 13x.
var futureIntent = map[string]string{
	"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"08": "035", "081": "0351", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
	"14": "133", "15": "138", "16": "130", "163": "1312", "166": "1313", "17": "137", "18": "138", "19": "138", "20": "138",
}

// futureCode returns the code of announcing the act code, "" for acts
// whose announcement is not an event of its own.
func futureCode(code string) string {
	if len(code) >= 3 {
		if c, ok := futureIntent[code[:3]]; ok {
			return c
		}
	}
	return futureIntent[code[:2]]
}

func cooperative(code string) bool {
	r := code[:2]
	return r >= "03" && r <= "08"
}

// subordinateBefore reports whether a subordinating word (that, que) lies
// between tokens a and b.
func (s *scratch) subordinateBefore(a, b int) bool {
	for k := a; k < b; k++ {
		if s.is(k, lexicon.WSubord|lexicon.WReport) {
			return true // "that", or "said it had"
		}
	}
	return false
}

// refusalCode is the CAMEO code of refusing to do a cooperative act.
func refusalCode(code string) string {
	switch code[:2] {
	case "03":
		return "120" // "will not accept": a refusal
	case "04":
		return "125" // reject a proposal to meet
	case "06":
		return "121" // reject material cooperation
	case "07":
		return "122" // reject a request for aid
	case "08":
		return "124" // refuse to yield
	}
	return "120"
}

// segmentStart finds the comma that opens the comma-delimited segment
// holding token i, within its clause; -1 if none.
func (s *scratch) segmentStart(i int) int {
	for k := i - 1; k >= 0; k-- {
		if s.fold(k) == "," {
			return k
		}
		if s.hardBoundary(k) {
			return -1
		}
	}
	return -1
}

// anyTargetAfter finds, for a pattern that named no target, the first
// actor after the trigger in its clause ("agreed to an extension of the
// mandate of the force in Lebanon", "granted asylum to five Panamanian
// officers"): an actor phrase, or a country or city after a preposition of
// direction.
func (s *scratch) anyTargetAfter(g *vgroup, srcNP int) int {
	for k := g.end; k < len(s.toks) && k < g.end+12; k++ {
		if k > g.end && (s.hardBoundary(k) || s.is(k, lexicon.WReport) || s.punct(k) && s.fold(k) != "-") {
			return -1
		}
		if len(s.lex.TrigOf(s.ids[k])) > 0 && !s.triggerIsNoun(k, s.lex.TrigOf(s.ids[k])) && s.verbTagsAt(k)&text.VerbFin != 0 && !s.nounEvidence(k, false) {
			return -1 // another verb: its own objects
		}
		idx := s.npAt[k]
		if idx < 0 || s.nps[idx].start != k {
			continue
		}
		np := &s.nps[idx]
		k = np.end - 1
		if int(idx) == srcNP || np.adjectival || np.pronoun {
			continue
		}
		if np.has() && !np.placeOnly && hasCountry(np) {
			return int(idx)
		}
		if np.has() && !np.placeOnly && np.prepTok >= 0 && relational(s.fold(np.prepTok)) && !s.is(np.start-1, lexicon.WPossessive) {
			return int(idx) // "demands from Shona rebels", "a truce with Moslem forces"; not "its troops"
		}
		if np.placeOnly && np.country != "" && np.prepTok >= 0 && directional(s.fold(np.prepTok)) {
			return int(idx) // "withdraw from Lebanon", "evacuated to Cyprus"; not "in Cairo"
		}
	}
	return -1
}

// relational reports whether a preposition introduces the other party of
// an act: from, with, against, by.
func relational(f string) bool {
	switch f {
	case "from", "with", "against", "by", "de", "avec", "contre", "par", "con", "contra", "por":
		return true
	}
	return false
}

// directional reports whether a preposition points at a place as the
// other side of an act rather than where it happened.
func directional(f string) bool {
	switch f {
	case "to", "into", "towards", "toward", "from", "against", "vers", "contre", "depuis", "hacia", "contra", "desde":
		return true
	}
	return false
}

// typedTarget reports whether the pattern asks for a target of given agent types.
func typedTarget(p *lexicon.Pattern) bool {
	for i := range p.Frame {
		if p.Frame[i].Kind == lexicon.ElemTarget && len(p.Frame[i].Agents) > 0 {
			return true
		}
	}
	return false
}

// without reports whether a noun at i is governed by "sin", "sans" or
// "without" (past its determiners and adjectives).
func (s *scratch) without(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch s.fold(k) {
		case "sin", "sans", "without":
			return true
		}
		if !s.is(k, lexicon.WDet|lexicon.WQuantity) && !(s.toks[k].Kind == text.Word && s.cls[k] == 0 && s.mentAt[k] < 0) {
			return false
		}
	}
	return false
}
