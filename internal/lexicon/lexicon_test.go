package lexicon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/text/langs"
)

func lookup(l *Lexicon, phrase string) []Entry {
	toks := l.Lang.Tokenizer.Tokenize(nil, phrase, 0)
	ids := l.IDs(toks, nil)
	var out []Entry
	l.Actors.Walk(ids, 0, func(end int, es []int32) bool {
		if end == len(ids) {
			for _, e := range es {
				out = append(out, l.Entries[e])
			}
		}
		return true
	})
	return out
}

func TestEmbeddedLexicon(t *testing.T) {
	set, err := Load(langs.All(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Places) < 24000 {
		t.Errorf("gazetteer has %d places, want the 24,361 GeoNames cities", len(set.Places))
	}
	for _, lang := range []string{"en", "fr", "es"} {
		l := set.For(lang)
		kinds := map[Kind]int{}
		for _, e := range l.Entries {
			kinds[e.Kind]++
		}
		for _, k := range []Kind{KindCountry, KindDemonym, KindCapital, KindOrg, KindAgent, KindTitle, KindPerson} {
			if kinds[k] == 0 {
				t.Errorf("%s: no %s entries", lang, k)
			}
		}
		if len(l.Patterns) == 0 {
			t.Errorf("%s: no patterns", lang)
		}
	}
	// every UN member has a name in each language
	b, err := embedded.ReadFile("data/countrycodes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 5 || strings.HasPrefix(line, "#") || f[3] != "member" {
			continue
		}
		for _, lang := range []string{"en", "fr", "es"} {
			found := false
			for _, e := range set.For(lang).Entries {
				if e.Code == f[0] && e.Kind == KindCountry {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: UN member %s (%s) has no name", lang, f[0], f[4])
			}
		}
	}
}

func TestCapsAndDates(t *testing.T) {
	set, err := Load(langs.All(), Options{NoPlaces: true})
	if err != nil {
		t.Fatal(err)
	}
	en := set.For("en")
	var us *Entry
	for _, e := range lookup(en, "US") {
		if e.Code == "USA" {
			e := e
			us = &e
		}
	}
	if us == nil || !us.Caps {
		t.Fatalf("US should be a capitals-only entry: %+v", us)
	}
	var kolo []Entry
	for _, e := range lookup(en, "Kolokoltsev") {
		kolo = append(kolo, e)
	}
	if len(kolo) == 0 {
		t.Fatal("Kolokoltsev unknown")
	}
	if !kolo[0].Current(20240308) || kolo[0].Current(20100101) {
		t.Errorf("Kolokoltsev's role %d..%d should cover 2024 and not 2010", kolo[0].From, kolo[0].Until)
	}
}

func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	os.MkdirAll(filepath.Join(dir, "es"), 0o755)
	os.WriteFile(filepath.Join(dir, "fr", "extra.txt"), []byte(`# my additions
RUSGOV person 2012-05-21.. Vladimir Kolokoltsev | Kolo
XYZ country Zubrowka
- Cuba
`), 0o644)
	os.WriteFile(filepath.Join(dir, "es", "bad.txt"), []byte("COL country Colombia\nthis line is wrong\nCOL nonsense Colombia\n"), 0o644)
	set, err := Load(langs.All(), Options{Overlay: dir, NoPlaces: true})
	if err != nil {
		t.Fatalf("a bad overlay file is skipped, not fatal: %v", err)
	}
	fr := set.For("fr")
	if es := lookup(fr, "Zubrowka"); len(es) != 1 || es[0].Code != "XYZ" || !strings.HasSuffix(es[0].Source, "fr/extra.txt:3") {
		t.Errorf("overlay entry: %+v", es)
	}
	if es := lookup(fr, "Kolo"); len(es) != 1 || es[0].Code != "RUSGOV" {
		t.Errorf("overlay person: %+v", es)
	}
	if es := lookup(fr, "Cuba"); len(es) != 0 {
		t.Errorf("'- Cuba' should remove the phrase: %+v", es)
	}
	if len(set.Warnings) != 2 {
		t.Fatalf("warnings %v: want the two bad lines of es/bad.txt", set.Warnings)
	}
	for i, want := range []string{"es/bad.txt:2:", "es/bad.txt:3: unknown kind"} {
		if !strings.HasPrefix(set.Warnings[i], want) {
			t.Errorf("warning %q: want it to start with %q", set.Warnings[i], want)
		}
	}
	// the whole bad file is refused: its good line 1 is not added either
	for _, e := range set.For("es").Entries {
		if strings.Contains(e.Source, "bad.txt") {
			t.Errorf("entry from a refused file: %+v", e)
		}
	}
	if _, err := Load(langs.All(), Options{Overlay: filepath.Join(dir, "nope")}); err == nil {
		t.Error("a missing overlay directory should be an error")
	}
}

func TestParseEntry(t *testing.T) {
	cases := []struct {
		line string
		err  string
	}{
		{"CUB country Cuba | République de Cuba # comment", ""},
		{"RUSGOV person 2004-03-09..2012-05-21 Rashid Nurgaliyev", ""},
		{"RUSGOV person 2012..2010 X", "ends before it starts"},
		{"RUSGOV person 2012-13..  X", "bad date"},
		{"cub country Cuba", "upper-case"},
		{"CUB place Cuba", "unknown kind"},
		{"CUB country", "want CODE KIND phrase"},
		{"CUB country | |", "no phrase"},
	}
	for _, c := range cases {
		_, _, _, _, _, _, err := parseEntry(c.line)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.line, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want %q", c.line, err, c.err)
		}
	}
}

func TestPatternParse(t *testing.T) {
	set, err := Load(langs.All(), Options{NoPlaces: true})
	if err != nil {
		t.Fatal(err)
	}
	fr := set.For("fr")
	p, _, err := parsePattern("042 se rendre | à/en +  ; place rev=043 # visit", fr.Lang, testOntology(), fr.Vocab)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Reflexive || p.Head != "rendre" || !p.Place || p.Rev != "043" || len(p.Frame) != 1 || p.Frame[0].Kind != ElemTarget || len(p.Frame[0].Preps) != 2 {
		t.Errorf("parsed %+v", p)
	}
	for _, bad := range []string{"999 rencontrer | +", "042 rencontrer | + ; rev=999", "042 rencontrer | + ; nonsense", "042"} {
		if _, _, err := parsePattern(bad, fr.Lang, testOntology(), fr.Vocab); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	_ = text.Fold
}
