package es

import (
	"bufio"
	_ "embed"
	"strings"

	"github.com/dyad-events/dyad/internal/text"
)

//go:embed verbs_es.txt
var irregularTxt string

// morph conjugates Spanish verbs: regular -ar, -er and -ir endings by rule,
// stem changes and irregular forms from verbs_es.txt.
type morph struct {
	verbs   map[string]entry
	endings []string
}

type entry struct {
	flags    map[string]bool
	pp, ger  string
	extra    []string
	isEnding bool
}

func newMorph() *morph {
	m := &morph{verbs: map[string]entry{}}
	sc := bufio.NewScanner(strings.NewReader(irregularTxt))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		e := entry{flags: map[string]bool{}}
		for _, fl := range strings.Split(f[1], ",") {
			if fl != "-" {
				e.flags[fl] = true
			}
		}
		for _, x := range f[2:] {
			switch {
			case strings.HasPrefix(x, "pp="):
				e.pp = x[3:]
			case strings.HasPrefix(x, "ger="):
				e.ger = x[4:]
			case strings.HasPrefix(x, "+"):
				e.extra = strings.Split(x[1:], ",")
			}
		}
		key := f[0]
		if strings.HasPrefix(key, "-") {
			key = key[1:]
			e.isEnding = true
			m.endings = append(m.endings, key)
		}
		m.verbs[key] = e
	}
	return m
}

func (m *morph) lookup(lemma string) (prefix string, e entry, ok bool) {
	if e, ok := m.verbs[lemma]; ok && !e.isEnding {
		return "", e, true
	}
	best := ""
	for k, e := range m.verbs {
		if len(k) > len(best) && len(k) < len(lemma) && strings.HasSuffix(lemma, k) && (e.isEnding || len(k) >= 4) {
			best = k
		}
	}
	if best != "" {
		return lemma[:len(lemma)-len(best)], m.verbs[best], true
	}
	return "", entry{}, false
}

// changeStem applies a stem vowel change to the last e or o of stem.
func changeStem(stem, from, to string) string {
	i := strings.LastIndex(stem, from)
	if i < 0 {
		return stem
	}
	return stem[:i] + to + stem[i+len(from):]
}

// VerbForms returns the folded forms of a Spanish verb.
func (m *morph) VerbForms(lemma string) []text.VerbForm {
	lemma = text.Fold(strings.TrimSpace(lemma))
	if len(lemma) < 3 {
		return []text.VerbForm{{Form: lemma, Tags: text.VerbInf}}
	}
	prefix, e, known := m.lookup(lemma)
	var out []text.VerbForm
	add := func(tags uint8, forms ...string) {
		for _, f := range forms {
			out = append(out, text.VerbForm{Form: f, Tags: tags})
		}
	}
	add(text.VerbInf, lemma)
	class := lemma[len(lemma)-2:]
	st := lemma[:len(lemma)-2]
	// stem for forms before e (orthographic changes): busque, pague, reforce
	ste := st
	switch {
	case class == "ar" && strings.HasSuffix(st, "c"):
		ste = st[:len(st)-1] + "qu"
	case class == "ar" && strings.HasSuffix(st, "g"):
		ste = st + "u"
	case class == "ar" && strings.HasSuffix(st, "z"):
		ste = st[:len(st)-1] + "c"
	}
	stressed := []string{st}
	if known {
		switch {
		case e.flags["ie"]:
			stressed = append(stressed, changeStem(st, "e", "ie"))
		case e.flags["ue"]:
			stressed = append(stressed, changeStem(st, "o", "ue"))
		case e.flags["i"]:
			stressed = append(stressed, changeStem(st, "e", "i"))
		}
	}
	switch class {
	case "ar":
		for _, s := range stressed {
			add(text.VerbFin, s+"o", s+"as", s+"a", s+"an", s+"e", s+"en")
		}
		add(text.VerbFin, st+"amos", st+"ais", ste+"e", ste+"en", ste+"es", st+"aste", st+"o", st+"aron", st+"aba", st+"aban", st+"abamos",
			st+"ara", st+"aran", st+"ase", st+"asen", ste+"emos")
		add(text.VerbFin|text.VerbFut, lemma+"e", lemma+"a", lemma+"an", lemma+"emos", lemma+"ia", lemma+"ian", lemma+"as")
		add(text.VerbPP, st+"ado", st+"ada", st+"ados", st+"adas")
		add(text.VerbGer, st+"ando")
	case "er", "ir":
		pret := st
		if known && e.flags["ic"] {
			if strings.Contains(st, "e") {
				pret = changeStem(st, "e", "i")
			} else {
				pret = changeStem(st, "o", "u")
			}
		}
		for _, s := range stressed {
			add(text.VerbFin, s+"o", s+"es", s+"e", s+"en", s+"a", s+"an")
		}
		if class == "er" {
			add(text.VerbFin, st+"emos", st+"eis")
		} else {
			add(text.VerbFin, st+"imos", st+"is")
		}
		add(text.VerbFin, st+"i", st+"iste", st+"io", pret+"io", pret+"ieron", st+"ieron", st+"ia", st+"ian", st+"iamos",
			pret+"iera", pret+"ieran", pret+"iese", pret+"a", pret+"an")
		add(text.VerbFin|text.VerbFut, lemma+"e", lemma+"a", lemma+"an", lemma+"emos", lemma+"ia", lemma+"ian", lemma+"as")
		add(text.VerbPP, st+"ido", st+"ida", st+"idos", st+"idas")
		add(text.VerbGer, pret+"iendo")
		if strings.HasSuffix(st, "a") || strings.HasSuffix(st, "e") || strings.HasSuffix(st, "o") {
			add(text.VerbPP, st+"ido") // leído, caído (folded)
			add(text.VerbGer, st+"yendo")
		}
	}
	// enclitic pronouns on infinitives and gerunds: reunirse, reuniéndose, entregarlo
	n := len(out)
	for _, f := range out[:n] {
		if f.Tags&(text.VerbInf|text.VerbGer) == 0 {
			continue
		}
		out = append(out, text.VerbForm{Form: f.Form + "se", Tags: f.Tags | text.VerbRefl})
		for _, cl := range []string{"lo", "la", "los", "las", "le", "les"} {
			out = append(out, text.VerbForm{Form: f.Form + cl, Tags: f.Tags})
		}
	}
	if known {
		if e.pp != "" {
			pp := prefix + e.pp
			add(text.VerbPP, pp, pp[:len(pp)-1]+"a", pp+"s", pp[:len(pp)-1]+"as")
		}
		if e.ger != "" {
			add(text.VerbGer, prefix+e.ger)
		}
		for _, x := range e.extra {
			tags := text.VerbFin
			if strings.HasSuffix(x, "ra") || strings.HasSuffix(x, "ran") || strings.HasSuffix(x, "ria") || strings.HasSuffix(x, "rian") {
				tags |= text.VerbFut
			}
			add(tags, prefix+x)
		}
	}
	return out
}

// NounForms returns the folded singular and plural of a Spanish noun.
func (m *morph) NounForms(noun string) []string {
	n := text.Fold(strings.TrimSpace(noun))
	if n == "" {
		return nil
	}
	switch n[len(n)-1] {
	case 'a', 'e', 'i', 'o', 'u':
		return []string{n, n + "s"}
	case 's', 'x':
		return []string{n}
	case 'z':
		return []string{n, n[:len(n)-1] + "ces"}
	}
	return []string{n, n + "es"}
}
