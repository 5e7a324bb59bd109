package coder

import (
	"strings"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// phrase is an actor phrase: the mentions, names and connecting words that
// together name one actor ("le ministre chinois de la Sécurité publique,
// Wang Xiaohong") or several coordinated ones ("les ministres cubain et chinois").
type phrase struct {
	start, end  int // token range
	prepTok     int // the preposition that introduces the phrase, -1
	actors      []model.Actor
	pronoun     bool // il, he, él: resolved from the article
	counterpart bool // son homologue cubain: takes the other party's agent
	both        bool // les deux pays
	own         bool // son pays, his country: the subject's own state
	locative    bool // a place after à/en/in: a location, or a target country
	placeOnly   bool // a city or country with no agent, fit to be a place
	place       int32
	country     string // for locatives: the country of the place
	title       bool   // names a person by title
	adjectival  bool   // a demonym qualifying a common noun: la fermeté russe, Russian firmness
	person      bool
	plural      bool
}

func (p *phrase) has() bool { return len(p.actors) > 0 }

// actorLike reports whether a mention can be part of an actor phrase.
func (m *mention) actorLike() bool {
	return m.kind != lexicon.KindPlace || m.learned != nil
}

// buildPhrases groups mentions, names and connectors into actor phrases.
func (s *scratch) buildPhrases() {
	n := len(s.toks)
	for i := 0; i < n; i++ {
		mi := s.mentAt[i]
		var p phrase
		p.prepTok = -1
		p.place = -1
		switch {
		case mi >= 0 && s.ments[mi].start == i:
			m := &s.ments[mi]
			if m.name && !s.nameStartsPhrase(m) {
				i = m.end - 1
				continue
			}
			p.start, p.end = i, m.end
		case (s.is(i, lexicon.WPronSubj) && !s.toks[i].Cap() || s.is(i, lexicon.WPronSubj) && (i == 0 || s.punct(i-1))) && !s.timeAfter(i):
			p.start, p.end, p.pronoun = i, i+1, true
		case s.is(i, lexicon.WBoth) && i+1 < n && s.isCountryNoun(i+1):
			p.start, p.end, p.both = i, i+2, true
		case s.is(i, lexicon.WCounterpart):
			p.start, p.end, p.counterpart = i, i+1, true
		case s.is(i, lexicon.WPossessive) && i+1 < n && s.isOwnNoun(i+1) && s.mentAt[i+1] < 0:
			// son pays, his country, su gobierno: the subject's own
			p.start, p.end, p.own = i, i+2, true
		case s.is(i, lexicon.WFirstPerson) && !s.is(i, lexicon.WPossessive) && s.ctx.speakerAt(s.sent.Tok0+i) != nil:
			// nous, we, nosotros inside a quotation: its speaker
			a := *s.ctx.speakerAt(s.sent.Tok0 + i)
			txt, st, en := s.span(i, i+1)
			a.Text, a.Start, a.End = txt, st, en
			p.start, p.end = i, i+1
			p.actors = []model.Actor{a}
			p.prepTok = -1
			p.place = -1
			s.addPhrase(p)
			continue
		default:
			continue
		}
		if !p.pronoun && !p.both && !p.own {
			p.end = s.extendPhrase(p.start, p.end)
		}
		s.introduce(&p)
		s.resolve(&p)
		p.adjectival = s.isAdjectival(&p)
		if !p.has() && !p.pronoun && !p.both && !p.counterpart && !p.own && p.place < 0 {
			i = p.end - 1
			continue
		}
		s.addPhrase(p)
		i = p.end - 1
	}
}

// placeAgents gives an agent named without a country the country of a
// place right after it: "security forces in Guinea", "la police à Bogota".
func (s *scratch) placeAgents() {
	for k := range s.nps {
		np := &s.nps[k]
		if hasCountry(np) || !np.has() || np.end >= len(s.toks) || s.is(np.start-1, lexicon.WPossessive) {
			continue // not "su embajador en México": a possessive says whose
		}
		from := s.fold(np.end) == "from"
		if !s.is(np.end, lexicon.WPrepLoc) && !from {
			continue
		}
		j := np.end + 1
		for j < len(s.toks) && (s.is(j, lexicon.WDet|lexicon.WQuantity) || s.toks[j].Kind == text.Number) && !s.is(j, lexicon.WPrep) {
			j++
		}
		if j >= len(s.toks) || s.npAt[j] < 0 {
			continue
		}
		pl := &s.nps[s.npAt[j]]
		country := pl.country
		if from && !pl.placeOnly {
			// "doctors from two American aid groups", "officials from Iran"
			for _, a := range pl.actors {
				if a.Country != "" {
					country = a.Country
					break
				}
			}
		} else if !pl.placeOnly {
			continue
		}
		if country == "" {
			continue
		}
		for a := range np.actors {
			switch np.actors[a].Agent {
			case "", "IGO", "NGO", "IMG", "MNC":
				continue // aid workers in Niger are not Nigerien
			}
			if np.actors[a].Country == "" {
				np.actors[a].Country = country
				np.actors[a].Code = country + np.actors[a].Agent
			}
		}
	}
}

func (s *scratch) addPhrase(p phrase) {
	idx := int32(len(s.nps))
	s.nps = append(s.nps, p)
	for k := p.start; k < p.end; k++ {
		s.npAt[k] = idx
	}
}

// isOwnNoun: the nouns a possessive turns into the subject's own state.
func (s *scratch) isOwnNoun(i int) bool {
	switch s.toks[i].Fold {
	case "pays", "gouvernement", "country", "government", "nation", "pais", "gobierno", "nacion":
		return true
	}
	return false
}

// nameStartsPhrase: an unknown name is an actor only with a title next to
// it (apposition or a title before), which extendPhrase and the phrase
// before it handle; alone it starts a phrase only when an apposition with
// a title follows ("Wang Xiaohong, ministre chinois de ...").
func (s *scratch) nameStartsPhrase(m *mention) bool {
	j := m.end
	if j < len(s.toks) && s.toks[j].Fold == "," {
		k := j + 1
		for k < len(s.toks) && s.is(k, lexicon.WDet) {
			k++
		}
		if k < len(s.toks) && s.mentAt[k] >= 0 {
			mk := &s.ments[s.mentAt[k]]
			return mk.kind == lexicon.KindTitle || mk.kind == lexicon.KindDemonym
		}
	}
	return false
}

func (s *scratch) isCountryNoun(i int) bool {
	switch s.toks[i].Fold {
	case "pays", "nations", "gouvernements", "parties", "countries", "governments", "sides", "paises", "naciones", "gobiernos", "partes", "capitales", "capitals", "etats", "states", "estados":
		return true
	}
	return false
}

// extendPhrase grows a phrase over adjacent mentions, connectors (de, of,
// 's) followed by mentions, coordinated demonyms, names after titles and
// appositions.
func (s *scratch) extendPhrase(start, end int) int {
	n := len(s.toks)
	lastKind := s.kindAt(end - 1)
	hasTitle := lastKind == lexicon.KindTitle || lastKind == lexicon.KindAgent
	for end < n {
		j := end
		if mi := s.mentAt[j]; mi >= 0 && s.ments[mi].start == j {
			m := &s.ments[mi]
			if m.name && s.lex.Lang.Code == "en" && m.end < n && (s.kindAt(m.end) == lexicon.KindTitle || s.kindAt(m.end) == lexicon.KindPortfolio) &&
				(lastKind == lexicon.KindCountry || lastKind == lexicon.KindDemonym || lastKind == lexicon.KindOrg) {
				// "US Deputy Secretary", "Iraqi Acting Minister": words qualifying a title
				end = m.end
				continue
			}
			if m.name || m.learned != nil || m.kind == lexicon.KindPerson {
				if !hasTitle && lastKind != lexicon.KindDemonym && lastKind != lexicon.KindCountry && lastKind != lexicon.KindPortfolio && lastKind != lexicon.KindOrg && lastKind != lexicon.KindGroup {
					break
				}
			} else if !m.actorLike() {
				break
			} else if !s.adjacentJoins(lastKind, m.kind) {
				break
			}
			end = m.end
			lastKind = m.kind
			if m.name {
				lastKind = lexicon.KindPerson
			}
			hasTitle = hasTitle || m.kind == lexicon.KindTitle || m.kind == lexicon.KindAgent
			continue
		}
		// prefix-demonym: russo-cubaine
		if s.toks[j].Fold == "-" && s.toks[j].Flags&text.FlagSpace == 0 && lastKind == lexicon.KindPrefix {
			if j+1 < n && s.mentAt[j+1] >= 0 {
				end = s.ments[s.mentAt[j+1]].end
				lastKind = s.ments[s.mentAt[j+1]].kind
				continue
			}
		}
		// French and Spanish: a title's qualifiers before its demonym,
		// "le général de corps d'armée cubain", "el jefe de la policía colombiana"
		if hasTitle && s.lex.Lang.Code != "en" {
			if e := s.lookahead(j); e > 0 {
				end = e
				lastKind = lexicon.KindDemonym
				continue
			}
		}
		// connector: de, of, del, 's + (det) + mention
		if s.is(j, lexicon.WConnect) || s.toks[j].Fold == "'s" || s.toks[j].Fold == "s'" {
			k := j + 1
			for k < n && (s.is(k, lexicon.WDet) && !s.is(k, lexicon.WPossessive)) {
				k++
			}
			if s.lex.Lang.Code == "en" {
				// "the mayor of the northern West Bank city": adjectives before the country
				for a := 0; a < 2 && k < n && s.mentAt[k] < 0 && s.toks[k].Kind == text.Word && !s.toks[k].Cap() && s.cls[k] == 0 && len(s.lex.TrigOf(s.ids[k])) == 0; a++ {
					k++
				}
			}
			if k < n && s.mentAt[k] >= 0 && s.ments[s.mentAt[k]].start == k {
				m := &s.ments[s.mentAt[k]]
				if s.connectorJoins(j, lastKind, m) {
					end = m.end
					lastKind = m.kind
					hasTitle = hasTitle || m.kind == lexicon.KindTitle || m.kind == lexicon.KindAgent
					// "los cancilleres de Colombia y Venezuela": countries sharing the title
					if m.kind == lexicon.KindCountry && hasTitle {
						for end+1 < n && s.is(end, lexicon.WCoord) {
							k2 := end + 1
							for k2 < n && s.is(k2, lexicon.WDet) && !s.is(k2, lexicon.WPossessive) {
								k2++
							}
							if k2 < n && s.mentAt[k2] >= 0 && s.ments[s.mentAt[k2]].start == k2 && s.ments[s.mentAt[k2]].kind == lexicon.KindCountry {
								end = s.ments[s.mentAt[k2]].end
								continue
							}
							break
						}
					}
					continue
				}
			}
			break
		}
		// coordinated demonyms: les ministres cubain et chinois
		if s.is(j, lexicon.WCoord) && lastKind == lexicon.KindDemonym && (s.lex.Lang.Code != "en" || s.agentFollows(j+1)) {
			if j+1 < n && s.mentAt[j+1] >= 0 && s.ments[s.mentAt[j+1]].kind == lexicon.KindDemonym && s.ments[s.mentAt[j+1]].start == j+1 {
				end = s.ments[s.mentAt[j+1]].end
				continue
			}
		}
		// apposition: , Wang Xiaohong, | , ministre de ...,
		if s.toks[j].Fold == "," && j+1 < n {
			k := j + 1
			for k < n && s.is(k, lexicon.WDet) {
				k++
			}
			if k < n && s.mentAt[k] >= 0 && s.ments[s.mentAt[k]].start == k {
				m := &s.ments[s.mentAt[k]]
				nameAfterTitle := hasTitle && (m.name || m.learned != nil || m.kind == lexicon.KindPerson) && k == j+1
				titleAfterName := (lastKind == lexicon.KindPerson) && (m.kind == lexicon.KindTitle || m.kind == lexicon.KindDemonym || m.kind == lexicon.KindAgent)
				if nameAfterTitle || titleAfterName {
					e := s.extendPhrase(k, m.end)
					end = e
					lastKind = s.kindAt(e - 1)
					hasTitle = true
					continue
				}
			}
			break
		}
		// parenthetical acronym: (ONU), (WFP)
		if s.toks[j].Fold == "(" && j+2 < n && s.toks[j+2].Fold == ")" && s.toks[j+1].Flags&text.FlagUpper != 0 {
			end = j + 3
			continue
		}
		// an adjective between a title and what qualifies it: le représentant spécial de la Chine
		if hasTitle && s.toks[j].Kind == text.Word && !s.toks[j].Cap() && s.cls[j] == 0 && j+1 < n &&
			len(s.lex.TrigOf(s.ids[j])) == 0 && (s.is(j+1, lexicon.WConnect) || s.mentAt[j+1] >= 0) && s.lex.Lang.Code != "en" {
			end = j + 1
			continue
		}
		break
	}
	return end
}

func (s *scratch) kindAt(i int) lexicon.Kind {
	if i < 0 || i >= len(s.toks) {
		return 0
	}
	mi := s.mentAt[i]
	if mi < 0 {
		return 0
	}
	m := &s.ments[mi]
	if m.name || m.learned != nil {
		return lexicon.KindPerson
	}
	return m.kind
}

// adjacentJoins: two mentions side by side belong to one phrase when one
// qualifies the other (US + Secretary, ministre + russe, Russian + Foreign
// Minister); two countries or two organisations side by side do not.
func (s *scratch) adjacentJoins(prev, next lexicon.Kind) bool {
	switch prev {
	case lexicon.KindTitle, lexicon.KindAgent, lexicon.KindPortfolio:
		return next != lexicon.KindCountry || s.lex.Lang.Code == "en" || true
	case lexicon.KindDemonym, lexicon.KindPrefix:
		return next == lexicon.KindTitle || next == lexicon.KindAgent || next == lexicon.KindPortfolio || next == lexicon.KindDemonym || next == lexicon.KindPerson
	case lexicon.KindCountry, lexicon.KindCapital:
		// English premodifier: US Secretary, Israeli army; Brazil's handled by 's
		return s.lex.Lang.Code == "en" && (next == lexicon.KindTitle || next == lexicon.KindAgent || next == lexicon.KindPortfolio)
	case lexicon.KindOrg, lexicon.KindGroup:
		return next == lexicon.KindTitle || next == lexicon.KindAgent || next == lexicon.KindDemonym
	case lexicon.KindPerson:
		// "the Bush administration", "the Maduro regime": a leader's name before an agent
		return next == lexicon.KindDemonym || s.lex.Lang.Code == "en" && next == lexicon.KindAgent
	}
	return false
}

// connectorJoins: "de/of X" continues a phrase when X qualifies the head:
// a ministry's portfolio, the country of an agent, the agent of a country.
func (s *scratch) connectorJoins(conn int, last lexicon.Kind, m *mention) bool {
	if m.name {
		return false
	}
	switch last {
	case lexicon.KindTitle, lexicon.KindAgent, lexicon.KindPortfolio:
		switch m.kind {
		case lexicon.KindCountry, lexicon.KindCapital, lexicon.KindSeat, lexicon.KindPortfolio, lexicon.KindOrg, lexicon.KindGroup, lexicon.KindAgent:
			return true
		}
	case lexicon.KindCountry, lexicon.KindCapital, lexicon.KindOrg:
		// Syria's army, Russia's Foreign Minister
		if s.toks[conn].Fold == "'s" || s.toks[conn].Fold == "s'" {
			return m.kind == lexicon.KindTitle || m.kind == lexicon.KindAgent || m.kind == lexicon.KindPortfolio || m.kind == lexicon.KindPerson || m.kind == lexicon.KindOrg
		}
	case lexicon.KindDemonym:
		// le ministre russe de l'Intérieur
		return m.kind == lexicon.KindPortfolio
	case lexicon.KindPerson:
		// "King Hassan of Morocco", "le roi Mohammed VI du Maroc"
		return s.toks[conn].Fold != "'s" && (m.kind == lexicon.KindCountry || m.kind == lexicon.KindCapital)
	}
	return false
}

// introduce finds the preposition before a phrase (skipping determiners)
// and marks locatives.
func (s *scratch) introduce(p *phrase) {
	k := p.start - 1
	for adj := 0; k >= 0; k-- {
		if (s.is(k, lexicon.WDet) || s.is(k, lexicon.WAdv) || s.is(k, lexicon.WQuantity) || s.toks[k].Kind == text.Number) && !s.is(k, lexicon.WPrep) {
			continue // "against 28 Peruvian officials"
		}
		// "sur l'ancien président": an adjective between the preposition and the phrase
		if adj < 2 && s.toks[k].Kind == text.Word && s.cls[k] == 0 && (s.mentAt[k] < 0 || s.ments[s.mentAt[k]].name) &&
			(!s.toks[k].Cap() || k+1 == p.start && s.onlyKinds(p, lexicon.KindAgent)) &&
			len(s.lex.TrigOf(s.ids[k])) == 0 && k > 0 && s.is(k-1, lexicon.WDet|lexicon.WPrep) {
			// "sur l'ancien président", "a truce with Moslem forces"
			adj++
			continue
		}
		break
	}
	if k >= 0 && s.articleNotPrep(k) {
		p.prepTok = -1 // "Des manifestants ont bloqué": des is the article here
		return
	}
	if k >= 0 && s.is(k, lexicon.WPrep) {
		p.prepTok = k
		// "cientos de campesinos", "des milliers de manifestants", "thousands of
		// protesters": a quantity makes the phrase after "de" the head
		if s.is(k, lexicon.WConnect) && k > 0 && (s.is(k-1, lexicon.WQuantity) || s.toks[k-1].Kind == text.Number) {
			p.prepTok = -1
		}
		// "killing about 20 people", "over 300 soldiers": an approximation, not a preposition
		if k+1 < p.start && (s.toks[k+1].Kind == text.Number || s.is(k+1, lexicon.WQuantity)) {
			switch s.fold(k) {
			case "about", "around", "over", "under", "some", "nearly", "almost":
				p.prepTok = -1
			}
		}
	}
	if k >= 0 && s.toks[k].Fold == "'s" {
		p.prepTok = k
	}
}

// resolve turns a phrase's pieces into its actors.
func (s *scratch) resolve(p *phrase) {
	if p.pronoun || p.own {
		return
	}
	if p.both {
		if a, b := s.ctx.lastTwoCountries(); a != "" {
			p.actors = append(p.actors, model.Actor{Code: a, Country: a}, model.Actor{Code: b, Country: b})
		}
		return
	}
	var countries []string
	var agent, name string
	var org string
	title, capital, place, onlyPlaceLike := false, false, int32(-1), true
	var personActor *model.Actor
	for i := p.start; i < p.end; {
		mi := s.mentAt[i]
		if mi < 0 {
			i++
			continue
		}
		m := &s.ments[mi]
		i = m.end
		switch {
		case m.learned != nil:
			personActor = m.learned
			onlyPlaceLike = false
			continue
		case m.name:
			txt, _, _ := s.span(m.start, m.end)
			if name == "" {
				name = txt
			}
			onlyPlaceLike = false
			continue
		case m.kind == lexicon.KindPlace:
			place = m.place
			continue
		}
		e := s.pickEntry(m)
		if e == nil {
			continue
		}
		switch e.Kind {
		case lexicon.KindCountry, lexicon.KindDemonym, lexicon.KindPrefix:
			if e.Kind == lexicon.KindDemonym && m.start > 0 && s.kindAt(m.start-1) == lexicon.KindDemonym && len(countries) > 0 {
				// "Bosnian Serbs": the first demonym says where (English);
				// "Serbes bosniaques": the second does (French, Spanish)
				if s.lex.Lang.Code != "en" {
					countries[len(countries)-1] = e.Country
				}
				continue
			}
			countries = appendUniq(countries, e.Country)
			if e.Agent != "" && agent == "" {
				agent = e.Agent
			}
			if e.Kind == lexicon.KindDemonym {
				p.plural = p.plural || s.toks[m.end-1].Fold[len(s.toks[m.end-1].Fold)-1] == 's'
			}
		case lexicon.KindCapital:
			countries = appendUniq(countries, e.Country)
			capital = true
		case lexicon.KindSeat:
			countries = appendUniq(countries, e.Country)
			if agent == "" {
				agent = e.Agent
			}
			onlyPlaceLike = false
		case lexicon.KindOrg, lexicon.KindGroup:
			if org == "" {
				org = e.Code
			}
			onlyPlaceLike = false
		case lexicon.KindAgent, lexicon.KindTitle, lexicon.KindPortfolio:
			if agent == "" || (e.Kind != lexicon.KindPortfolio && s.lex.Lang.Code == "en") {
				if !(agent != "" && e.Kind == lexicon.KindPortfolio) {
					agent = e.Agent
				}
			}
			if e.Kind == lexicon.KindTitle {
				title = true
			}
			onlyPlaceLike = false
		case lexicon.KindPerson:
			pa := model.Actor{Code: e.Code, Country: e.Country, Agent: e.Agent, Name: e.Phrase}
			personActor = &pa
			onlyPlaceLike = false
			if t, _, _ := s.span(m.start, m.end); strings.Contains(t, " ") {
				s.ctx.learnName(t, pa) // "Wang" later in the article
			}
		}
	}
	if p.counterpart {
		title = true
		onlyPlaceLike = false
	}
	if s.ethnic(p.start) && len(countries) > 0 && personActor == nil && org == "" {
		// "ethnic Albanians", "los indígenas de origen..." name a people, not a state:
		// where they live decides their country
		countries = nil
		if agent == "" {
			agent = "CVL"
		}
		onlyPlaceLike = false
	}
	txt, st, en := s.span(p.start, p.end)
	p.title = title
	p.place = place
	if personActor != nil {
		p.person = true
		a := *personActor
		if len(countries) == 1 && countries[0] != a.Country {
			a.Country = countries[0]
			a.Code = countries[0] + a.Agent
		}
		a.Text, a.Start, a.End = txt, st, en
		p.actors = append(p.actors, a)
		return
	}
	if org != "" {
		c, ag := lexicon.SplitCode(org)
		a := model.Actor{Code: org, Country: c, Agent: ag, Text: txt, Start: st, End: en}
		if len(countries) == 1 && ag == "" && agent != "" && c != "IGO" && c != "NGO" {
			a.Agent = agent
		}
		a.Code = a.Country + a.Agent
		if a.Country == "" {
			a.Code = org
		}
		p.actors = append(p.actors, a)
		return
	}
	if onlyPlaceLike && len(countries) <= 1 && agent == "" {
		p.placeOnly = true
		if len(countries) == 1 {
			p.country = countries[0]
		} else if place >= 0 {
			p.country = s.lex.Set().Places[place].Country
		}
	}
	if capital && agent == "" {
		agent = "GOV"
	}
	if len(countries) == 0 {
		if agent == "" || p.counterpart {
			if p.counterpart || title {
				p.actors = append(p.actors, model.Actor{Agent: agent, Name: name, Text: txt, Start: st, End: en})
			}
			return
		}
		p.actors = append(p.actors, model.Actor{Code: agent, Agent: agent, Name: name, Text: txt, Start: st, End: en})
		return
	}
	for _, c := range countries {
		p.actors = append(p.actors, model.Actor{Code: c + agent, Country: c, Agent: agent, Name: name, Text: txt, Start: st, End: en})
	}
	if name != "" && len(countries) == 1 && (title || agent != "") {
		s.ctx.learnName(name, p.actors[0])
		p.person = true
	}
}

// pickEntry chooses among a mention's entries: the one of the best kind
// (persons dated by the article's date are already filtered).
func (s *scratch) pickEntry(m *mention) *lexicon.Entry {
	var best *lexicon.Entry
	for _, ei := range s.entries(m) {
		e := &s.lex.Entries[ei]
		if best == nil || kindRank(e.Kind) < kindRank(best.Kind) || (e.Kind == best.Kind && e.From > best.From) {
			best = e
		}
	}
	return best
}

func appendUniq(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// isAdjectival: a phrase made only of a demonym that qualifies a common
// noun ("la coopération russo-cubaine", "Russian firmness") names no actor
// of its own; nominal triggers still use it as their source.
func (s *scratch) isAdjectival(p *phrase) bool {
	if s.onlyKinds(p, lexicon.KindPortfolio) {
		return true // "Justice", "Security" alone: a portfolio needs a title or ministry
	}
	if s.lex.Lang.Code == "en" && s.onlyKinds(p, lexicon.KindAgent, lexicon.KindCountry) {
		// "terrorist activities", "a key U.S. ally": a noun qualifying another noun
		j := p.end
		if j < len(s.toks) && s.toks[j].Kind == text.Word && s.cls[j] == 0 && !s.toks[j].Cap() && s.mentAt[j] < 0 &&
			(len(s.lex.TrigOf(s.ids[j])) == 0 || s.triggerIsNoun(j, s.lex.TrigOf(s.ids[j]))) {
			return true
		}
	}
	if s.lex.Lang.Code != "en" && s.onlyKinds(p, lexicon.KindAgent, lexicon.KindTitle) {
		// "agression armée", "lutte armée": an agent noun right after a common noun is an adjective
		j := p.start - 1
		if j >= 0 && s.toks[j].Kind == text.Word && s.cls[j] == 0 && s.mentAt[j] < 0 && !s.toks[j].Cap() &&
			(len(s.lex.TrigOf(s.ids[j])) == 0 || s.triggerIsNoun(j, s.lex.TrigOf(s.ids[j]))) {
			return true // "manœuvres militaires", "opération militaire"
		}
	}
	for i := p.start; i < p.end; i++ {
		k := s.kindAt(i)
		if k != lexicon.KindDemonym && k != lexicon.KindPrefix && s.toks[i].Kind != text.Punct && !s.is(i, lexicon.WCoord) {
			return false
		}
	}
	if s.lex.Lang.Code == "en" {
		j := p.end
		return j < len(s.toks) && s.toks[j].Kind == text.Word && s.cls[j] == 0 && !s.toks[j].Cap() && len(s.lex.TrigOf(s.ids[j])) == 0
	}
	j := p.start - 1
	return j >= 0 && s.toks[j].Kind == text.Word && s.cls[j] == 0 && s.mentAt[j] < 0 && !s.toks[j].Cap() && s.toks[j].Kind != text.Number
}

// lookahead scans a few words of qualification after a title (connectors,
// articles, lower-case words, agent nouns) for the demonym that ends them,
// and returns the end of that demonym, or -1.
func (s *scratch) lookahead(j int) int {
	for k := j; k < len(s.toks) && k < j+6; k++ {
		if mi := s.mentAt[k]; mi >= 0 {
			m := &s.ments[mi]
			if m.start != k {
				return -1
			}
			switch m.kind {
			case lexicon.KindDemonym:
				if k == j {
					return -1 // adjacent: handled by the mention rule
				}
				return m.end
			case lexicon.KindAgent, lexicon.KindTitle:
				k = m.end - 1
				continue
			}
			return -1
		}
		t := &s.toks[k]
		if t.Kind != text.Word || t.Cap() {
			return -1
		}
		if s.is(k, lexicon.WConnect|lexicon.WDet) && !s.is(k, lexicon.WPossessive) {
			continue
		}
		if s.cls[k] != 0 || len(s.lex.TrigOf(s.ids[k])) > 0 {
			return -1
		}
	}
	return -1
}

// onlyKinds reports whether every mention of the phrase is of the given kinds.
func (s *scratch) onlyKinds(p *phrase, kinds ...lexicon.Kind) bool {
	seen := false
	for i := p.start; i < p.end; i++ {
		if s.toks[i].Kind == text.Punct || s.is(i, lexicon.WDet|lexicon.WConnect|lexicon.WCoord) {
			continue
		}
		k := s.kindAt(i)
		ok := false
		for _, want := range kinds {
			if k == want {
				ok = true
			}
		}
		if !ok {
			return false
		}
		seen = true
	}
	return seen
}

// articleNotPrep: French "des"/"du" are an article, not de + le(s), at the
// start of a clause or right after a verb ("Des manifestants ont bloqué",
// "ont arrêté des militants").
func (s *scratch) articleNotPrep(k int) bool {
	if s.lex.Lang.Code != "fr" {
		return false
	}
	if f := s.fold(k); f != "des" && f != "du" {
		return false
	}
	if k == 0 {
		return true
	}
	p := k - 1
	if s.punct(p) || s.is(p, lexicon.WSubord|lexicon.WRel|lexicon.WCoord) {
		return true
	}
	if len(s.lex.TrigOf(s.ids[p])) > 0 && !s.triggerIsNoun(p, s.lex.TrigOf(s.ids[p])) {
		return true // right after a verb
	}
	return s.lex.VerbTagsOf(s.ids[p]) != 0 || s.is(p, lexicon.WAuxHave|lexicon.WAuxBe|lexicon.WNeg)
}

// agentFollows: an English demonym at i followed by an agent or title noun
// ("the French and Italian leaders").
func (s *scratch) agentFollows(i int) bool {
	if i >= len(s.toks) || s.mentAt[i] < 0 {
		return false
	}
	m := &s.ments[s.mentAt[i]]
	if m.kind != lexicon.KindDemonym || m.end >= len(s.toks) {
		return false
	}
	k := s.kindAt(m.end)
	return k == lexicon.KindAgent || k == lexicon.KindTitle || k == lexicon.KindPortfolio
}

// ethnic reports whether the word before a phrase makes its demonym an
// ethnic group: "ethnic Albanians", "les Kurdes d'origine", "étnicos".
func (s *scratch) ethnic(start int) bool {
	switch s.fold(start - 1) {
	case "ethnic", "ethnique", "ethniques", "etnico", "etnicos", "etnica", "etnicas":
		return true
	}
	return false
}

// timeAfter: "este domingo", "cette semaine": a demonstrative before a time
// word is a determiner, not a pronoun.
func (s *scratch) timeAfter(i int) bool {
	if i+1 >= len(s.toks) {
		return false
	}
	if s.is(i+1, lexicon.WTime) {
		return true
	}
	w, ok := s.lex.Dates[s.ids[i+1]]
	return ok && (w.Kind == lexicon.DateMonth || w.Kind == lexicon.DateWeekday || w.Kind == lexicon.DateUnit)
}
