// Package lexicon holds what dyad knows of actors, places and event triggers
// in each language: the plain-text files under data/ (docs/LEXICON.md,
// docs/PATTERNS.md), embedded in the binary, plus an optional user overlay
// directory, compiled into tries over word ids for fast matching.
package lexicon

import (
	"bufio"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/text"
)

//go:embed data
var embedded embed.FS

// ErrBadLexicon wraps the errors of lexicon files that could not be read.
var ErrBadLexicon = errors.New("bad lexicon file")

// Place is one city of the gazetteer.
type Place struct {
	ID       int32
	Name     string // English name
	NameFR   string
	NameES   string
	Country  string // ISO alpha-3
	Admin1   string
	Lat, Lon float64
	Pop      int32
	Capital  bool
}

// Lexicon is the compiled knowledge of one language.
type Lexicon struct {
	Lang    *text.Language
	Vocab   *Vocab
	Entries []Entry
	Actors  *Trie // actor phrases → Entries
	Places  *Trie // place names → Set.Places indices
	Words   map[int32]WordClass
	// Exact holds the classes of function words by lower-case surface for
	// the folds that two words share (French a/à, ou/où, Spanish el/él):
	// there the accent decides.
	Exact    map[string]WordClass
	ambig    map[int32]bool
	surfaces map[int32]string
	plain    map[int32]WordClass // classes of the unaccented spelling of a fold
	// dense copies of the maps above, indexed by word id, for the hot path
	trigD    [][]Trig
	vtagsD   []uint8
	clsD     []WordClass
	ambigD   []bool
	Patterns []*Pattern
	Triggers map[int32][]Trig // head word id → patterns
	Dates    map[int32]DateWord
	// VerbTags are the tags of the inflected forms of the verbs of words.txt
	// (light, report, copula), so that "realizarán una huelga" is a future.
	VerbTags map[int32]uint8
	set      *Set
}

// Set is the lexicons of every language with the gazetteer they share.
type Set struct {
	byLang   map[string]*Lexicon
	Places   []Place
	Names    map[string]string // country code → English name
	Warnings []string          // overlay problems that were skipped
}

// Options say where to read the lexicon from.
type Options struct {
	// Overlay is a directory with the same layout as data/ whose files are
	// read after the embedded ones (docs/LEXICON.md). "" for none.
	Overlay string
	// NoPlaces skips the gazetteer (for tests that do not need it).
	NoPlaces bool
}

// For returns the lexicon of a language, nil if there is none.
func (s *Set) For(lang string) *Lexicon { return s.byLang[lang] }

// Set returns the set the lexicon belongs to.
func (l *Lexicon) Set() *Set { return l.set }

// Load compiles the embedded lexicon (and the overlay) for the languages given.
func Load(langs []*text.Language, opt Options) (*Set, error) {
	s := &Set{byLang: map[string]*Lexicon{}, Names: map[string]string{}}
	var errs []error
	if err := s.loadNames(); err != nil {
		errs = append(errs, err)
	}
	if !opt.NoPlaces {
		if err := s.loadPlaces(); err != nil {
			errs = append(errs, err)
		}
	}
	var overlay fs.FS
	if opt.Overlay != "" {
		st, err := os.Stat(opt.Overlay)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%w: overlay %s is not a directory", ErrBadLexicon, opt.Overlay)
		}
		overlay = os.DirFS(opt.Overlay)
	}
	ont := cameo.Default()
	for _, lang := range langs {
		l, err := s.build(lang, ont, overlay)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.byLang[lang.Code] = l
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func (s *Set) loadNames() error {
	b, err := embedded.ReadFile("data/countrycodes.tsv")
	if err != nil {
		return nil // written by the country data; absent in a partial tree
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) >= 5 {
			s.Names[f[0]] = f[4]
		}
	}
	return nil
}

func (s *Set) loadPlaces() error {
	f, err := embedded.Open("data/places.tsv.gz")
	if err != nil {
		return fmt.Errorf("%w: gazetteer: %v", ErrBadLexicon, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%w: gazetteer: %v", ErrBadLexicon, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 11 {
			continue
		}
		id, _ := strconv.Atoi(c[0])
		lat, _ := strconv.ParseFloat(c[7], 64)
		lon, _ := strconv.ParseFloat(c[8], 64)
		pop, _ := strconv.Atoi(c[9])
		s.Places = append(s.Places, Place{ID: int32(id), Name: c[1], NameFR: c[3], NameES: c[4], Country: c[5],
			Admin1: c[6], Lat: lat, Lon: lon, Pop: int32(pop), Capital: c[10] == "1"})
	}
	return sc.Err()
}

// source is one file to read, embedded or from the overlay.
type source struct {
	name    string
	content string
	overlay bool
}

func readSources(fsys fs.FS, dir string, overlay bool) []source {
	if fsys == nil {
		return nil
	}
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []source
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		p := path.Join(dir, e.Name())
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue
		}
		name := "lexicon/" + p
		if overlay {
			name = p
		}
		out = append(out, source{name: name, content: string(b), overlay: overlay})
	}
	return out
}

func (s *Set) build(lang *text.Language, ont *cameo.Ontology, overlay fs.FS) (*Lexicon, error) {
	l := &Lexicon{Lang: lang, Vocab: newVocab(), Actors: newTrie(), Places: newTrie(), Words: map[int32]WordClass{},
		Triggers: map[int32][]Trig{}, VerbTags: map[int32]uint8{}, set: s, Exact: map[string]WordClass{}, plain: map[int32]WordClass{}, ambig: map[int32]bool{}, surfaces: map[int32]string{}}
	dataFS, _ := fs.Sub(embedded, "data")
	var srcs []source
	srcs = append(srcs, readSources(dataFS, lang.Code, false)...)
	srcs = append(srcs, readSources(dataFS, "persons", false)...)
	srcs = append(srcs, readSources(overlay, lang.Code, true)...)
	srcs = append(srcs, readSources(overlay, "persons", true)...)
	var errs []string
	var removed = map[string]bool{}
	for _, src := range srcs {
		base := path.Base(src.name)
		var fileErrs []string
		sc := bufio.NewScanner(strings.NewReader(src.content))
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		n := 0
		start := len(l.Entries)
		startPat := len(l.Patterns)
		for sc.Scan() {
			n++
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' {
				continue
			}
			where := src.name + ":" + strconv.Itoa(n)
			var err error
			switch {
			case base == "words.txt":
				err = l.addWords(line, where)
			case base == "dates.txt":
				err = l.addDateWord(line)
			case base == "patterns.txt" || strings.HasPrefix(base, "patterns"):
				err = l.addPattern(line, where, ont)
			case src.overlay && strings.HasPrefix(line, "- "):
				removed[text.Fold(strings.TrimSpace(line[2:]))] = true
			default:
				err = l.addEntry(line, where)
			}
			if err != nil {
				fileErrs = append(fileErrs, where+": "+err.Error())
			}
		}
		if len(fileErrs) > 0 {
			if src.overlay {
				// refuse the whole overlay file
				l.Entries = l.Entries[:start]
				l.Patterns = l.Patterns[:startPat]
				s.Warnings = append(s.Warnings, fileErrs...)
			}
			errs = append(errs, fileErrs...)
		}
	}
	// an overlay entry replaces embedded entries of the same kind and phrase
	replaced := map[string]bool{}
	for i := range l.Entries {
		e := &l.Entries[i]
		if strings.HasPrefix(e.Source, "lexicon/") {
			continue
		}
		replaced[strconv.Itoa(int(e.Kind))+"\x00"+text.Fold(e.Phrase)] = true
	}
	kept := l.Entries[:0]
	for _, e := range l.Entries {
		k := strconv.Itoa(int(e.Kind)) + "\x00" + text.Fold(e.Phrase)
		if removed[text.Fold(e.Phrase)] || (strings.HasPrefix(e.Source, "lexicon/") && replaced[k]) {
			continue
		}
		kept = append(kept, e)
	}
	l.Entries = kept
	for i := range l.Entries {
		l.Actors.insert(l.phraseIDs(l.Entries[i].Phrase), int32(i))
	}
	for i := range s.Places {
		p := &s.Places[i]
		names := []string{p.Name}
		switch lang.Code {
		case "fr":
			names = append(names, p.NameFR)
		case "es":
			names = append(names, p.NameES)
		}
		for _, n := range names {
			if n != "" {
				l.Places.insert(l.phraseIDs(n), int32(i))
			}
		}
	}
	for i, p := range l.Patterns {
		var forms []text.VerbForm
		if p.Noun {
			for _, f := range lang.Morph.NounForms(p.Head) {
				forms = append(forms, text.VerbForm{Form: f})
			}
		} else {
			forms = lang.Morph.VerbForms(p.Head)
		}
		seen := map[string]uint8{}
		for _, f := range forms {
			seen[f.Form] |= f.Tags
		}
		for form, tags := range seen {
			id := l.Vocab.add(form)
			l.Triggers[id] = append(l.Triggers[id], Trig{Pattern: int32(i), Tags: tags})
		}
	}
	for id := range l.Triggers {
		ts := l.Triggers[id]
		sort.SliceStable(ts, func(a, b int) bool {
			return l.Patterns[ts[a].Pattern].Specificity > l.Patterns[ts[b].Pattern].Specificity
		})
	}
	if len(errs) > 0 && !allOverlay(errs, srcs) {
		return nil, fmt.Errorf("%w:\n%s", ErrBadLexicon, strings.Join(errs, "\n"))
	}
	l.densify()
	return l, nil
}

// densify copies the per-word maps into slices indexed by word id: the
// coder looks them up for every token.
func (l *Lexicon) densify() {
	n := l.Vocab.Len()
	l.trigD = make([][]Trig, n)
	for id, ts := range l.Triggers {
		l.trigD[id] = ts
	}
	l.vtagsD = make([]uint8, n)
	for id, t := range l.VerbTags {
		l.vtagsD[id] = t
	}
	l.clsD = make([]WordClass, n)
	for id, c := range l.Words {
		l.clsD[id] = c
	}
	l.ambigD = make([]bool, n)
	for id := range l.ambig {
		l.ambigD[id] = true
	}
}

// TrigOf returns the patterns a word id heads, with the tags of its form.
func (l *Lexicon) TrigOf(id int32) []Trig {
	if id < 0 || int(id) >= len(l.trigD) {
		return nil
	}
	return l.trigD[id]
}

// VerbTagsOf returns the verb tags of a word id of the verb classes of words.txt.
func (l *Lexicon) VerbTagsOf(id int32) uint8 {
	if id < 0 || int(id) >= len(l.vtagsD) {
		return 0
	}
	return l.vtagsD[id]
}

func allOverlay(errs []string, srcs []source) bool {
	for _, e := range errs {
		if strings.HasPrefix(e, "lexicon/") {
			return false
		}
	}
	return true
}

// phraseIDs tokenizes a phrase the way text is tokenized and interns its words.
func (l *Lexicon) phraseIDs(phrase string) []int32 {
	toks := l.Lang.Tokenizer.Tokenize(nil, phrase, 0)
	ids := make([]int32, len(toks))
	for i := range toks {
		ids[i] = l.Vocab.add(toks[i].Fold)
	}
	return ids
}

func (l *Lexicon) addEntry(line, where string) error {
	code, kind, from, until, phrases, note, err := parseEntry(line)
	if err != nil {
		return err
	}
	country, agent := SplitCode(code)
	if kind == KindAgent || kind == KindTitle || kind == KindPortfolio {
		if !cameo.IsAgent(code) {
			return fmt.Errorf("%s code %q is not a CAMEO agent type", kind, code)
		}
		country, agent = "", code
	}
	for _, p := range phrases {
		l.Entries = append(l.Entries, Entry{Code: code, Country: country, Agent: agent, Kind: kind, From: from, Until: until,
			Phrase: p, Caps: allCaps(p), Proper: startsUpper(p), Source: where, Note: note, Place: -1})
	}
	return nil
}

func (l *Lexicon) addWords(line, where string) error {
	class, name, words, err := parseWords(line)
	if err != nil {
		return err
	}
	for _, w := range words {
		forms := []string{text.Fold(w)}
		if name == "light" || name == "report" || name == "copula" || name == "intend" || name == "aspect" {
			forms = forms[:0]
			for _, f := range l.Lang.Morph.VerbForms(w) {
				forms = append(forms, f.Form)
				l.VerbTags[l.Vocab.add(f.Form)] |= f.Tags
			}
		}
		for _, f := range forms {
			for _, part := range splitElision(f) {
				id := l.Vocab.add(part)
				l.Words[id] |= class
			}
		}
		if len(forms) == 1 && !strings.ContainsAny(w, " '") {
			low := strings.ToLower(w)
			id := l.Vocab.add(forms[0])
			l.Exact[low] |= class
			if low == forms[0] {
				l.plain[id] |= class
			}
			if prev, ok := l.surfaces[id]; ok && prev != low {
				l.ambig[id] = true
			} else {
				l.surfaces[id] = low
			}
		}
	}
	return nil
}

func (l *Lexicon) addPattern(line, where string, ont *cameo.Ontology) error {
	p, _, err := parsePattern(line, l.Lang, ont, l.Vocab)
	if err != nil {
		return err
	}
	p.Source = where
	l.Patterns = append(l.Patterns, p)
	return nil
}

// Class returns the function-word classes of a word id.
func (l *Lexicon) Class(id int32) WordClass {
	if id < 0 || int(id) >= len(l.clsD) {
		return 0
	}
	return l.clsD[id]
}

// TokenClass returns the function-word classes of a token: by its folded
// form, or by its accented surface where two function words share a fold.
func (l *Lexicon) TokenClass(id int32, surface string) WordClass {
	if id < 0 || int(id) >= len(l.clsD) {
		return 0
	}
	if c := l.clsD[id]; c&WVerbNoun != 0 {
		// "never a verb" is said of a spelling: Spanish "arresto" (a noun)
		// is not "arrestó" (he arrested), though both fold to arresto
		c &^= WVerbNoun
		if l.Exact[strings.ToLower(surface)]&WVerbNoun != 0 {
			c |= WVerbNoun
		}
		if l.ambigD[id] {
			if e, ok := l.Exact[strings.ToLower(surface)]; ok {
				return e
			}
		}
		return c
	}
	if l.ambigD[id] {
		if c, ok := l.Exact[strings.ToLower(surface)]; ok {
			return c
		}
		// a surface the lists do not spell (the "l" of Spanish "del"): the
		// unaccented word of that fold
		if c, ok := l.plain[id]; ok {
			return c
		}
	}
	return l.clsD[id]
}

// IDs fills buf with the word ids of tokens and returns it.
func (l *Lexicon) IDs(toks []text.Token, buf []int32) []int32 {
	buf = buf[:0]
	for i := range toks {
		buf = append(buf, l.Vocab.ID(toks[i].Fold))
	}
	return buf
}

// CountryName is the English name of a country code, or the code.
func (s *Set) CountryName(code string) string {
	if n, ok := s.Names[code]; ok {
		return n
	}
	return code
}

// PatternAt returns the pattern written at source (file:line), nil if none.
func (l *Lexicon) PatternAt(source string) *Pattern {
	if l == nil {
		return nil
	}
	for _, p := range l.Patterns {
		if p.Source == source {
			return p
		}
	}
	return nil
}
