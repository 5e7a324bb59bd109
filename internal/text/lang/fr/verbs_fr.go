package fr

import (
	"bufio"
	_ "embed"
	"strings"

	"github.com/dyad-events/dyad/internal/text"
)

//go:embed verbs_fr.txt
var irregularTxt string

// morph conjugates French verbs from their infinitive: regular -er and -ir
// verbs by rule, the others from the principal parts in verbs_fr.txt.
type morph struct {
	irregular map[string]parts // by folded lemma or "-ending"
	endings   []string         // family endings, longest first
}

type parts struct {
	s       [3][]string // present singular forms
	p, q, f []string    // stems: nous/vous/imparfait, ils/subjunctive, future
	t       []string    // passé simple stem
	u       []string    // past participles
	extra   []string
}

func newMorph() *morph {
	m := &morph{irregular: map[string]parts{}}
	sc := bufio.NewScanner(strings.NewReader(irregularTxt))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 7 {
			continue
		}
		var p parts
		for i, s := range strings.SplitN(f[1], ",", 3) {
			p.s[i] = strings.Split(s, "|")
		}
		p.p, p.q, p.f = strings.Split(f[2], "|"), strings.Split(f[3], "|"), strings.Split(f[4], "|")
		p.t, p.u = strings.Split(f[5], "|"), strings.Split(f[6], "|")
		if len(f) > 7 && strings.HasPrefix(f[7], "+") {
			p.extra = strings.Split(f[7][1:], ",")
		}
		m.irregular[f[0]] = p
		if strings.HasPrefix(f[0], "-") {
			m.endings = append(m.endings, f[0][1:])
		}
	}
	// longest ending first
	for i := 1; i < len(m.endings); i++ {
		for j := i; j > 0 && len(m.endings[j]) > len(m.endings[j-1]); j-- {
			m.endings[j], m.endings[j-1] = m.endings[j-1], m.endings[j]
		}
	}
	return m
}

// lookup finds the principal parts of a lemma: its own line, a verb it is a
// prefixed compound of (intervenir ← venir), or a family ending (-indre).
func (m *morph) lookup(lemma string) (prefix string, p parts, ok bool) {
	if p, ok := m.irregular[lemma]; ok {
		return "", p, true
	}
	best := ""
	for k := range m.irregular {
		if k[0] != '-' && len(k) > len(best) && len(k) < len(lemma) && strings.HasSuffix(lemma, k) {
			best = k
		}
	}
	if best != "" && len(best) >= 4 {
		return lemma[:len(lemma)-len(best)], m.irregular[best], true
	}
	for _, e := range m.endings {
		if strings.HasSuffix(lemma, e) && len(lemma) > len(e) {
			return lemma[:len(lemma)-len(e)], m.irregular["-"+e], true
		}
	}
	return "", parts{}, false
}

// regular returns the principal parts of a regular -er, -ir (finir) or -re
// (rendre) verb.
func regular(lemma string) (parts, bool) {
	switch {
	case strings.HasSuffix(lemma, "er"):
		st := lemma[:len(lemma)-2]
		stems := []string{st}
		if strings.HasSuffix(st, "g") {
			stems = append(stems, st+"e") // mangeons, partageait
		}
		sing := []string{st}
		if strings.HasSuffix(st, "el") || strings.HasSuffix(st, "et") {
			sing = append(sing, st+st[len(st)-1:]) // appelle, rejette
		}
		if strings.HasSuffix(st, "y") {
			sing = append(sing, st[:len(st)-1]+"i") // emploie, paie
		}
		var p parts
		for _, s := range sing {
			p.s[0] = append(p.s[0], s+"e")
			p.s[1] = append(p.s[1], s+"es")
			p.s[2] = append(p.s[2], s+"e")
			p.q = append(p.q, s)
			p.f = append(p.f, s+"er")
		}
		p.p = stems
		p.t = nil // -er passé simple handled by the caller
		p.u = []string{st + "e"}
		return p, true
	case strings.HasSuffix(lemma, "ir"):
		st := lemma[:len(lemma)-2]
		return parts{s: [3][]string{{st + "is"}, {st + "is"}, {st + "it"}}, p: []string{st + "iss"}, q: []string{st + "iss"},
			f: []string{lemma}, t: []string{st + "i"}, u: []string{st + "i"}}, true
	case strings.HasSuffix(lemma, "re"):
		st := lemma[:len(lemma)-2]
		third := st
		if !strings.HasSuffix(st, "d") && !strings.HasSuffix(st, "t") {
			third = st + "t"
		}
		return parts{s: [3][]string{{st + "s"}, {st + "s"}, {third}}, p: []string{st}, q: []string{st},
			f: []string{st + "r"}, t: []string{st + "i"}, u: []string{st + "u"}}, true
	}
	return parts{}, false
}

// VerbForms returns the folded forms of a French verb.
func (m *morph) VerbForms(lemma string) []text.VerbForm {
	lemma = text.Fold(strings.TrimSpace(lemma))
	prefix, p, ok := m.lookup(lemma)
	er := false
	if !ok {
		p, ok = regular(lemma)
		if !ok {
			return []text.VerbForm{{Form: lemma, Tags: text.VerbInf}}
		}
		er = strings.HasSuffix(lemma, "er")
	}
	var out []text.VerbForm
	add := func(tags uint8, forms ...string) {
		for _, f := range forms {
			out = append(out, text.VerbForm{Form: prefix + f, Tags: tags})
		}
	}
	out = append(out, text.VerbForm{Form: lemma, Tags: text.VerbInf})
	for _, s := range p.s {
		add(text.VerbFin, s...)
	}
	for _, st := range p.p {
		add(text.VerbFin, st+"ons", st+"ez", st+"ais", st+"ait", st+"ions", st+"iez", st+"aient")
		add(text.VerbGer, st+"ant")
	}
	for _, st := range p.q {
		add(text.VerbFin, st+"ent", st+"e", st+"es")
	}
	for _, st := range p.f {
		add(text.VerbFin|text.VerbFut, st+"ai", st+"as", st+"a", st+"ons", st+"ez", st+"ont", st+"ais", st+"ait", st+"ions", st+"iez", st+"aient")
	}
	if er {
		for _, st := range p.p {
			add(text.VerbFin, st+"ai", st+"as", st+"a", st+"ames", st+"ates", st+"asse", st+"at")
		}
		add(text.VerbFin, p.q[0]+"erent")
	}
	for _, st := range p.t {
		add(text.VerbFin, st+"s", st+"t", st+"mes", st+"tes", st+"rent", st+"sse", st+"ssent")
	}
	for _, u := range p.u {
		add(text.VerbPP, u)
		if strings.HasSuffix(u, "s") {
			add(text.VerbPP, u+"e", u+"es")
		} else if !strings.HasSuffix(u, "e") || strings.HasSuffix(u, "ee") || er || len(p.u) == 1 {
			add(text.VerbPP, u+"e", u+"s", u+"es")
		}
	}
	if len(p.extra) > 0 {
		add(text.VerbFin, p.extra...)
	}
	return out
}

// NounForms returns the folded singular and plural of a French noun.
func (m *morph) NounForms(noun string) []string {
	n := text.Fold(strings.TrimSpace(noun))
	switch {
	case strings.HasSuffix(n, "s"), strings.HasSuffix(n, "x"), strings.HasSuffix(n, "z"):
		return []string{n}
	case strings.HasSuffix(n, "al"):
		return []string{n, n[:len(n)-2] + "aux", n + "s"}
	case strings.HasSuffix(n, "au"), strings.HasSuffix(n, "eu"):
		return []string{n, n + "x"}
	}
	return []string{n, n + "s"}
}
