package en

import (
	"bufio"
	_ "embed"
	"strings"

	"github.com/dyad-events/dyad/internal/text"
)

//go:embed verbs_en.txt
var irregularTxt string

// morph inflects English verbs: -s, -ed, -ing by rule, irregular pasts from
// verbs_en.txt.
type morph struct {
	irregular map[string][2][]string // base -> past, past participle
}

func newMorph() *morph {
	m := &morph{irregular: map[string][2][]string{}}
	sc := bufio.NewScanner(strings.NewReader(irregularTxt))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		m.irregular[f[0]] = [2][]string{strings.Split(f[1], "|"), strings.Split(f[2], "|")}
	}
	return m
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// VerbForms returns the folded forms of an English verb.
func (m *morph) VerbForms(lemma string) []text.VerbForm {
	b := text.Fold(strings.TrimSpace(lemma))
	if b == "" {
		return nil
	}
	out := []text.VerbForm{{Form: b, Tags: text.VerbInf | text.VerbFin}}
	if b == "be" {
		for _, f := range []string{"is", "are", "am", "'s", "'re", "'m"} {
			out = append(out, text.VerbForm{Form: f, Tags: text.VerbFin})
		}
	}
	add := func(tags uint8, forms ...string) {
		for _, f := range forms {
			out = append(out, text.VerbForm{Form: f, Tags: tags})
		}
	}
	n := len(b)
	last := b[n-1]
	// third person singular
	switch {
	case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "x") || strings.HasSuffix(b, "z") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "o"):
		add(text.VerbFin, b+"es")
	case last == 'y' && n > 1 && !isVowel(b[n-2]):
		add(text.VerbFin, b[:n-1]+"ies")
	default:
		add(text.VerbFin, b+"s")
	}
	// -ing
	switch {
	case strings.HasSuffix(b, "ie"):
		add(text.VerbGer, b[:n-2]+"ying")
	case last == 'e' && n > 2 && !strings.HasSuffix(b, "ee") && !strings.HasSuffix(b, "oe"):
		add(text.VerbGer, b[:n-1]+"ing")
	default:
		add(text.VerbGer, b+"ing")
	}
	doubled := n >= 3 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(b[n-2]) && !isVowel(b[n-3])
	if doubled {
		add(text.VerbGer, b+string(last)+"ing") // planning, committing
	}
	// past
	if p, ok := m.lookupIrregular(b); ok {
		add(text.VerbFin, p[0]...)
		add(text.VerbPP, p[1]...)
		return out
	}
	var past string
	switch {
	case last == 'e':
		past = b + "d"
	case last == 'y' && n > 1 && !isVowel(b[n-2]):
		past = b[:n-1] + "ied"
	default:
		past = b + "ed"
	}
	add(text.VerbFin|text.VerbPP, past)
	if doubled {
		add(text.VerbFin|text.VerbPP, b+string(last)+"ed") // planned, committed
	}
	return out
}

func (m *morph) lookupIrregular(b string) ([2][]string, bool) {
	if p, ok := m.irregular[b]; ok {
		return p, true
	}
	// prefixed compounds: undertake, outrun, overthrow, withdraw
	for _, pre := range []string{"re", "over", "under", "out", "with", "up", "mis"} {
		if strings.HasPrefix(b, pre) {
			if p, ok := m.irregular[b[len(pre):]]; ok && len(b)-len(pre) >= 3 {
				var q [2][]string
				for i := range p {
					for _, f := range p[i] {
						q[i] = append(q[i], pre+f)
					}
				}
				return q, true
			}
		}
	}
	return [2][]string{}, false
}

// NounForms returns the folded singular and plural of an English noun.
func (m *morph) NounForms(noun string) []string {
	n := text.Fold(strings.TrimSpace(noun))
	if n == "" {
		return nil
	}
	l := n[len(n)-1]
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "x") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "sh"):
		return []string{n, n + "es"}
	case l == 'y' && len(n) > 1 && !isVowel(n[len(n)-2]):
		return []string{n, n[:len(n)-1] + "ies"}
	case strings.HasSuffix(n, "man"):
		return []string{n, n[:len(n)-3] + "men"}
	}
	return []string{n, n + "s"}
}
