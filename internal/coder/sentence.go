package coder

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// candidate is an event found in a sentence before it becomes a model.Event.
type candidate struct {
	p          *lexicon.Pattern
	code       string
	src, tgt   model.Actor
	hasTgt     bool
	g          vgroup
	loc        int32 // place index, -1
	locName    string
	locCountry string
}

// codeSentence finds the events of the scratch's sentence and appends them to out.
func (c *Coder) codeSentence(s *scratch, out []model.Event, opt Options) []model.Event {
	s.findMentions()
	s.buildPhrases()
	s.placeAgents()
	s.mainSubject = -1
	for k := range s.nps {
		np := &s.nps[k]
		if np.prepTok < 0 && (np.has() || np.pronoun) && !np.adjectival {
			if s.mainSubject < 0 {
				s.mainSubject = k
			}
			if !s.inFrontedClause(np.start) {
				s.mainSubject = k
				break
			}
		}
	}
	s.lastSubj = -1
	s.lastPassive = -1
	for i := 0; i < len(s.toks); i++ {
		trigs := s.lex.TrigOf(s.ids[i])
		if len(trigs) == 0 {
			continue
		}
		if s.notATrigger(i) {
			continue
		}
		noun := s.triggerIsNoun(i, trigs)
		// every pattern of the word is tried; the most specific match wins,
		// and a match that found its target beats one that did not
		base := len(s.evs)
		s.best = s.best[:0]
		bestScore := -1
		for _, t := range trigs {
			p := s.lex.Patterns[t.Pattern]
			if p.Noun != noun {
				continue
			}
			if !p.Noun && t.Tags == 0 {
				continue
			}
			if !p.Noun && s.adjectivalParticiple(i, t.Tags) && !s.coordinatedPassive(i, t.Tags) {
				continue
			}
			end, ok := s.particles(p, i+1)
			if !ok {
				continue
			}
			var g vgroup
			if p.Noun {
				g = vgroup{start: i, head: i, end: end, noun: true}
			} else {
				g = s.verbGroup(i, t.Tags)
				g.end = end
				if s.coordinatedPassive(i, t.Tags) {
					g.passive = true
					g.start = s.lastPassiveStart
				}
				if g.passive {
					s.lastPassive, s.lastPassiveStart = i, g.start
				}
				if p.Reflexive && !g.reflexive {
					continue
				}
				if !p.Reflexive && g.reflexive && s.lex.Lang.Code != "en" && !g.passive {
					// "se" with a non-pronominal pattern: Spanish passive se (se firmó) or reciprocal; keep as is
				}
			}
			if !s.matchPattern(p, &g) {
				s.evs = s.evs[:base]
				continue
			}
			// words the frame requires first, then a target found, then the rest
			score := 16*p.Words + p.Specificity
			for _, cd := range s.evs[base:] {
				if cd.hasTgt {
					score += 8
					break
				}
			}
			if score > bestScore {
				bestScore = score
				s.best = append(s.best[:0], s.evs[base:]...)
			}
			s.evs = s.evs[:base]
		}
		s.evs = append(s.evs, s.best...)
	}
	return c.emit(s, out, opt)
}

// particles checks the words that must follow a trigger directly.
func (s *scratch) particles(p *lexicon.Pattern, j int) (int, bool) {
	for _, w := range p.After {
		// allow one object pronoun or adverb between verb and particle
		if j < len(s.toks) && s.ids[j] != w && s.is(j, lexicon.WAdv) {
			j++
		}
		if j >= len(s.toks) || s.ids[j] != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// emit turns the sentence's candidates into events, drops negated and
// unsure ones, removes duplicates and updates the article context.
func (c *Coder) emit(s *scratch, out []model.Event, opt Options) []model.Event {
	// remember the countries in focus, in the order the sentence names them
	for k := range s.nps {
		for _, a := range s.nps[k].actors {
			s.ctx.noteCountry(a.Country)
		}
		if s.nps[k].placeOnly && s.nps[k].country != "" {
			s.ctx.noteCountry(s.nps[k].country)
		}
	}
	// the sentence's main subject is what a pronoun in the next one means
	if s.mainSubject >= 0 && !s.nps[s.mainSubject].pronoun && s.nps[s.mainSubject].has() && !s.nps[s.mainSubject].adjectival && !s.nps[s.mainSubject].placeOnly {
		defer s.ctx.noteSubject(s.nps[s.mainSubject].actors[0])
	}
	if len(s.evs) == 0 {
		return out
	}
	date, prec := s.ctx.sentenceDate(s)
	later := date != "" && date != s.ctx.pubDay && s.ctx.date != 0 && prec == model.PrecisionDay && lexicon.DateInt(date) > s.ctx.date
	home := s.homeCountry()
	first := len(out)
	for k := range s.evs {
		cd := &s.evs[k]
		if cd.g.negated {
			continue
		}
		if s.anonymous(cd) && s.namedSameRoot(cd, opt) {
			continue // "en huelga ... en protesta por": the named protesters' act already says it
		}
		if !cd.hasTgt && s.subsumed(cd, opt) {
			continue // ", killing 20": the same act with its target is already there
		}
		if later && cd.g.mode == "" && !strings.HasPrefix(cd.code, "03") && !strings.HasPrefix(cd.code, "13") {
			// "el próximo miércoles se enfrenten": dated after the article, not done yet
			if strings.HasPrefix(cd.code, "14") {
				cd.code = "133"
			} else {
				cd.g.mode = ModeFuture
			}
		}
		if cd.g.mode != "" && !opt.KeepUnsure {
			continue
		}
		if cd.src.Code == "" {
			continue
		}
		et, ok := c.ont.Lookup(cd.code)
		if !ok {
			continue
		}
		root := et.Root()
		ev := model.Event{
			ArticleID:     s.doc.Article.ID,
			Date:          date,
			DatePrecision: prec,
			Source:        cd.src,
			Code:          et.Code,
			Root:          root,
			QuadClass:     et.QuadClass,
			Goldstein:     et.Goldstein,
			Plover:        et.Plover,
			Sentence:      s.sent.Sentence,
			Mode:          cd.g.mode,
			Pattern:       cd.p.Source,
			Lang:          s.lex.Lang.Code,
		}
		if cd.hasTgt {
			t := cd.tgt
			ev.Target = &t
		}
		inferCountry(&ev.Source, home, ev.Target)
		if ev.Target != nil {
			th := home
			if stateAgent(ev.Target.Agent) && stateAgent(ev.Source.Agent) && ev.Target.Country == "" && home != "" && home == ev.Source.Country {
				// "the US commander met President Suleiman ... in Beirut": a state
				// counterpart of a state actor is more likely foreign
				th = s.foreignHome(home)
			}
			inferCountry(ev.Target, th, &ev.Source)
			if ev.Target.Code == ev.Source.Code && ev.Target.Name == ev.Source.Name && ev.Target.Text == ev.Source.Text {
				ev.Target = nil
			}
		}
		if s.codedBefore(out[first:], &ev) {
			continue
		}
		txt, st, en := s.span(cd.g.head, cd.g.end)
		if cd.g.start < cd.g.head && !cd.g.noun {
			txt, st, en = s.span(cd.g.start, cd.g.end)
		}
		ev.Trigger = model.Span{Text: txt, Start: st, End: en}
		ev.Location = s.location(cd)
		ev.ID = eventID(&ev)
		out = append(out, ev)
	}
	return out
}

func tgtCode(a *model.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// codedBefore reports whether the sentence already gave ev's dyad and root,
// once countries are inferred: a verb and its noun ("ont exprimé leur
// solidarité") or two patterns that say the same act give one event.
func (s *scratch) codedBefore(evs []model.Event, ev *model.Event) bool {
	for j := range evs {
		e := &evs[j]
		if e.Root == ev.Root && e.Source.Code == ev.Source.Code && tgtCode(e.Target) == tgtCode(ev.Target) {
			return true
		}
	}
	return false
}

// eventID is stable: the same article coded twice gives the same ids.
func eventID(e *model.Event) string {
	var buf [256]byte
	b := append(buf[:0], e.ArticleID...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.Sentence.Index), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.Trigger.Start), 10)
	for _, s := range [...]string{e.Code, e.Source.Code, tgtCode(e.Target)} {
		b = append(b, 0)
		b = append(b, s...)
	}
	b = append(b, 0)
	sum := sha1.Sum(b)
	return hex.EncodeToString(sum[:8])
}

// location is where the event happened: a place after a locative in the
// sentence (the target place of a visit first), else the dateline.
func (s *scratch) location(cd *candidate) *model.Location {
	places := s.lex.Set().Places
	pick := func(idx int32) *model.Location {
		p := &places[idx]
		name := p.Name
		switch s.lex.Lang.Code {
		case "fr":
			if p.NameFR != "" {
				name = p.NameFR
			}
		case "es":
			if p.NameES != "" {
				name = p.NameES
			}
		}
		return &model.Location{Name: name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeonameID: int(p.ID)}
	}
	if cd.loc >= 0 {
		return pick(cd.loc)
	}
	// a locative place in the sentence, nearest the trigger
	best, bestDist := int32(-1), 1<<30
	for k := range s.nps {
		np := &s.nps[k]
		if np.prepTok < 0 || !s.is(np.prepTok, lexicon.WPrepLoc) || !np.placeOnly {
			continue
		}
		idx := np.place
		if idx < 0 {
			idx = s.capitalPlace(np)
		}
		if idx < 0 {
			continue
		}
		d := np.start - cd.g.head
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = idx, d
		}
	}
	if best >= 0 {
		return pick(best)
	}
	if cd.locCountry != "" {
		return &model.Location{Name: s.lex.Set().CountryName(cd.locCountry), Country: cd.locCountry}
	}
	if s.ctx.datelinePlace >= 0 {
		return pick(s.ctx.datelinePlace)
	}
	return nil
}

// capitalPlace finds the gazetteer entry of a capital named by a phrase.
func (s *scratch) capitalPlace(np *phrase) int32 {
	for i := np.start; i < np.end; i++ {
		mi := s.mentAt[i]
		if mi < 0 {
			continue
		}
		m := &s.ments[mi]
		e := s.pickEntry(m)
		if e == nil || e.Kind != lexicon.KindCapital {
			continue
		}
		var found int32 = -1
		s.lex.Places.Walk(s.ids, m.start, func(end int, ps []int32) bool {
			if end == m.end {
				for _, p := range ps {
					if s.lex.Set().Places[p].Country == e.Country {
						found = p
						return false
					}
				}
			}
			return true
		})
		return found
	}
	return -1
}

var _ = text.Word

// homeCountry is the country an agent named without one ("police", "the
// court", "President X") most likely belongs to: the only country the
// sentence names, else the only country of its locative places, else the
// dateline's. "" when that is not clear.
func (s *scratch) homeCountry() string {
	one := func(add func(func(string))) string {
		c, n := "", 0
		add(func(x string) {
			if len(x) < 3 || x == c {
				return
			}
			switch x[:3] {
			case "IGO", "NGO", "IMG", "MNC":
				return // a body, not a country: "el FMI" lends no country to "trabajadores"
			}
			c = x
			n++
		})
		if n == 1 {
			return c
		}
		return ""
	}
	named := 0
	// "à Cuba, où les autorités ont exprimé": the place a relative clause opens on
	for k := range s.nps {
		np := &s.nps[k]
		if np.placeOnly && np.country != "" && np.prepTok >= 0 && s.is(np.prepTok, lexicon.WPrepLoc) &&
			np.end+1 < len(s.toks) && s.fold(np.end) == "," && (s.fold(np.end+1) == "ou" || s.fold(np.end+1) == "where" || s.fold(np.end+1) == "donde") {
			return np.country
		}
	}
	if c := one(func(f func(string)) {
		for k := range s.nps {
			np := &s.nps[k]
			if np.placeOnly && np.prepTok >= 0 && s.is(np.prepTok, lexicon.WPrepLoc) {
				continue // "à La Havane" is where, not who
			}
			if np.adjectival {
				continue // "la position russe" names no actor
			}
			for _, a := range np.actors {
				if a.Country != "" {
					named++
				}
				f(a.Country)
			}
		}
	}); c != "" {
		return c
	}
	if named > 0 {
		return "" // several countries named: no telling whose agent it is
	}
	if c := one(func(f func(string)) {
		for k := range s.nps {
			if s.nps[k].placeOnly && s.nps[k].prepTok >= 0 && s.is(s.nps[k].prepTok, lexicon.WPrepLoc) {
				f(s.nps[k].country)
			}
		}
	}); c != "" {
		return c
	}
	if s.ctx.datelinePlace >= 0 {
		return s.lex.Set().Places[s.ctx.datelinePlace].Country
	}
	return ""
}

// inferCountry gives an agent named without a country the home country,
// unless that would make it the other side of its own event.
func inferCountry(a *model.Actor, home string, other *model.Actor) {
	if a.Country != "" || home == "" || a.Agent == "" || len(a.Code) != 3 {
		return
	}
	if other != nil && other.Code == home+a.Agent {
		return
	}
	if a.Text == "" && other != nil && other.Country == home {
		return // an unnamed attacker is not the victim's compatriot by default
	}
	switch a.Agent {
	case "IGO", "NGO", "IMG", "MNC":
		return
	}
	a.Country = home
	a.Code = home + a.Agent
}

// triggerIsNoun decides whether a trigger word is used as a noun. A word
// that only noun patterns know is a noun ("hubo disturbios", a headline
// "ENFRENTAMIENTO ENTRE..."); a word listed as never a verb is one; a word
// both noun and verb patterns know is a noun after a determiner, a
// preposition, a number or an adjective.
func (s *scratch) triggerIsNoun(i int, trigs []lexicon.Trig) bool {
	hasNoun, hasVerb := false, false
	for _, t := range trigs {
		if s.lex.Patterns[t.Pattern].Noun {
			hasNoun = true
		} else if t.Tags != 0 {
			hasVerb = true
		}
	}
	switch {
	case !hasVerb:
		return true
	case !hasNoun:
		return s.nounEvidence(i, false) // a verb-only word after a determiner is a noun use: no verb trigger
	case s.is(i, lexicon.WVerbNoun):
		return true
	}
	if i == 0 && s.lex.Lang.Code != "en" && i+1 < len(s.toks) && s.is(i+1, lexicon.WPrep) && !s.is(i+1, lexicon.WPrepAgent) {
		return true // "ENFRENTAMIENTO ENTRE...", "Manifestation contre..."
	}
	return s.nounLike(i)
}

// adjectivalParticiple: a past participle with no auxiliary and no agent
// after it qualifies a noun ("soldados heridos", "les soldats tués"); it
// reports no act of its own.
func (s *scratch) adjectivalParticiple(i int, tags uint8) bool {
	if tags&text.VerbPP == 0 || (tags&(text.VerbFin|text.VerbInf) != 0 && s.lex.Lang.Code == "en") {
		return false
	}
	if tags&text.VerbFin != 0 && s.lex.Lang.Code != "en" {
		return false // French -er participles fold like present forms: rencontre
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		c := s.cls[k]
		if c&(lexicon.WAuxBe|lexicon.WAuxHave) != 0 && c&lexicon.WPrep == 0 {
			return false
		}
		if c&(lexicon.WAdv|lexicon.WNeg|lexicon.WNegPre|lexicon.WPronRefl|lexicon.WPronObj) == 0 {
			break
		}
	}
	for k := i + 1; k < len(s.toks) && k <= i+4; k++ {
		if s.is(k, lexicon.WPrepAgent) {
			return false // a participial passive: ", accueilli par X"
		}
		if s.punct(k) {
			break
		}
	}
	return true
}

func stateAgent(a string) bool {
	switch a {
	case "GOV", "MIL", "COP", "JUD", "LEG", "SPY":
		return true
	}
	return false
}

// foreignHome is a country other than not where the sentence's events take
// place: a locative place, else the dateline.
func (s *scratch) foreignHome(not string) string {
	for k := range s.nps {
		np := &s.nps[k]
		if np.placeOnly && np.country != "" && np.country != not && np.prepTok >= 0 && s.is(np.prepTok, lexicon.WPrepLoc) {
			return np.country
		}
	}
	if s.ctx.datelinePlace >= 0 {
		if c := s.lex.Set().Places[s.ctx.datelinePlace].Country; c != not {
			return c
		}
	}
	return ""
}

// anonymous reports whether a candidate's source is the pattern's stand-in
// for an actor nobody named.
func (s *scratch) anonymous(cd *candidate) bool {
	return cd.p.Anon != "" && cd.src.Text == "" && cd.src.Agent == cd.p.Anon
}

// namedSameRoot reports whether another candidate of the sentence has a
// named source: then an anonymous act is its circumstance or its object.
func (s *scratch) namedSameRoot(cd *candidate, opt Options) bool {
	for k := range s.evs {
		o := &s.evs[k]
		if o == cd || o.g.negated || (o.g.mode != "" && !opt.KeepUnsure) || s.anonymous(o) {
			continue
		}
		if o.src.Code != "" {
			// any act with a named source: the anonymous one is its circumstance
			// ("lanzaron bombas para disolver las protestas")
			return true
		}
	}
	return false
}

// notATrigger: a word inside an actor's name ("Human Rights Watch"), the
// second half of a hyphenated word ("Israeli-occupied", "re-open"), or a
// capitalised word inside a sentence ("Stock Exchange", "March") is not an
// event word.
func (s *scratch) notATrigger(i int) bool {
	if s.mentAt[i] >= 0 && s.ments[s.mentAt[i]].kind != lexicon.KindPlace && !s.ments[s.mentAt[i]].name {
		return true
	}
	if i > 0 && s.fold(i-1) == "-" && s.toks[i].Flags&text.FlagSpace == 0 && s.toks[i-1].Flags&text.FlagSpace == 0 {
		return true
	}
	if i > 0 && s.toks[i].Cap() && s.toks[i].Flags&text.FlagUpper == 0 && !s.titleCase() && !s.punct(i-1) {
		// a verb is lower case in running text; nouns in headlines are capitalised
		for _, t := range s.lex.TrigOf(s.ids[i]) {
			if s.lex.Patterns[t.Pattern].Noun {
				return false
			}
		}
		return true
	}
	return false
}

// subsumed reports whether another candidate of the sentence has the same
// source and root and a target: the targetless one adds nothing.
func (s *scratch) subsumed(cd *candidate, opt Options) bool {
	for k := range s.evs {
		o := &s.evs[k]
		if o == cd || !o.hasTgt || o.g.negated || (o.g.mode != "" && !opt.KeepUnsure) {
			continue
		}
		if o.src.Code == cd.src.Code && len(o.code) >= 2 && o.code[:2] == cd.code[:2] {
			return true
		}
	}
	return false
}

// coordinatedPassive reports whether a bare participle is coordinated with a
// passive verb before it: "were killed or wounded", "fueron detenidos y golpeados".
func (s *scratch) coordinatedPassive(i int, tags uint8) bool {
	if tags&text.VerbPP == 0 || i < 2 || !s.is(i-1, lexicon.WCoord) {
		return false
	}
	return s.lastPassive == i-2
}

// inFrontedClause reports whether token i lies in a subordinate clause
// opened since the start of the sentence or the last comma ("Pocas horas
// después de anunciarse que el FMI otorgó un préstamo, miles de trabajadores
// iniciaron ...": the FMI is not the sentence's subject).
func (s *scratch) inFrontedClause(i int) bool {
	for k := 0; k < i; k++ {
		if s.fold(k) == "," {
			return false // only a clause the sentence opens on
		}
	}
	return s.subordinateBefore(0, i)
}
