package lexicon

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/text"
)

// ElemKind is the kind of a frame element (docs/PATTERNS.md).
type ElemKind uint8

// Frame element kinds.
const (
	ElemTarget  ElemKind = iota + 1 // + or prep +
	ElemParty                       // @
	ElemSource                      // $
	ElemNear                        // word: must come next
	ElemLater                       // ~word: must come later
	ElemNot                         // -word: must not come later
	ElemTrigger                     // _
)

// Elem is one element of a pattern's frame.
type Elem struct {
	Kind  ElemKind
	Preps []int32 // words that introduce an actor slot; empty for a direct slot
	// Agents, for a slot written "+:COP/MIL", are the agent types its actor must have.
	Agents []string
	Words  []int32  // alternatives of a word element
	Pre    []string // folded prefixes (word*) of a word element
}

// Matches reports whether the word (id and folded form) is one of the element's words.
func (e *Elem) Matches(id int32, fold string) bool {
	for _, w := range e.Words {
		if w == id && id != NoWord {
			return true
		}
	}
	for _, p := range e.Pre {
		if strings.HasPrefix(fold, p) {
			return true
		}
	}
	return false
}

// Pattern is one trigger line of patterns.txt.
type Pattern struct {
	Code      string
	Head      string  // folded lemma of the verb, or the noun
	Noun      bool    // a nominal trigger
	Reflexive bool    // a pronominal verb: se rendre, reunirse
	After     []int32 // words that must follow the head directly: part, out
	Before    []Elem  // frame elements before the trigger
	Frame     []Elem  // frame elements after the trigger
	Rev       string  // code of the reverse event, if any
	Recip     bool
	Passive   string // code in the passive voice, "" for the same code
	NeedTgt   bool
	Place     bool
	// Anon is the agent type of the source when none is named: a protest
	// with no protester named is civilians' (CVL), an attack with no
	// attacker an unidentified armed force's (UAF).
	Anon   string
	Source string // file:line
	Line   string // the pattern as written
	// Specificity orders patterns that fire on the same words: more frame
	// elements and particles first.
	Specificity int
	// Words counts the words the pattern requires besides its head
	// (particles, near and later words): the first key in choosing among
	// patterns that match the same trigger.
	Words int
}

// HasSlot reports whether the frame has an element of this kind.
func (p *Pattern) HasSlot(k ElemKind) bool {
	for i := range p.Frame {
		if p.Frame[i].Kind == k {
			return true
		}
	}
	for i := range p.Before {
		if p.Before[i].Kind == k {
			return true
		}
	}
	return false
}

// Trig is an entry of the trigger index: a pattern and the tags of the
// inflected form that reaches it.
type Trig struct {
	Pattern int32
	Tags    uint8 // text.Verb* tags; 0 for a noun
}

// parsePattern parses one line of patterns.txt.
func parsePattern(line string, lang *text.Language, ont *cameo.Ontology, v *Vocab) (*Pattern, []string, error) {
	raw := line
	if i := strings.Index(line, "#"); i >= 0 {
		line = line[:i]
	}
	opts := ""
	if i := strings.Index(line, ";"); i >= 0 {
		opts = line[i+1:]
		line = line[:i]
	}
	frame := ""
	if i := strings.Index(line, "|"); i >= 0 {
		frame = line[i+1:]
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return nil, nil, fmt.Errorf("want CODE trigger [| frame] [; options], got %q", strings.TrimSpace(raw))
	}
	p := &Pattern{Code: f[0], Line: strings.TrimSpace(raw)}
	if !ont.Valid(p.Code) {
		return nil, nil, fmt.Errorf("%q is not a CAMEO event code", p.Code)
	}
	words := f[1:]
	if strings.HasPrefix(words[0], "n:") {
		p.Noun = true
		words[0] = words[0][2:]
		if words[0] == "" {
			return nil, nil, fmt.Errorf("empty noun trigger")
		}
	} else {
		if w := text.Fold(words[0]); (w == "se" || w == "s'") && len(words) > 1 {
			p.Reflexive = true
			words = words[1:]
		} else if strings.HasPrefix(w, "s'") && len(w) > 2 {
			p.Reflexive = true
			words[0] = w[2:]
		}
		if lang.Code == "es" && strings.HasSuffix(text.Fold(words[0]), "se") && len(words[0]) > 4 {
			w := text.Fold(words[0])
			if strings.HasSuffix(w, "arse") || strings.HasSuffix(w, "erse") || strings.HasSuffix(w, "irse") {
				p.Reflexive = true
				words[0] = w[:len(w)-2]
			}
		}
	}
	p.Head = text.Fold(words[0])
	var heads []string
	if p.Noun {
		heads = lang.Morph.NounForms(p.Head)
	}
	for _, w := range words[1:] {
		for _, part := range splitElision(text.Fold(w)) {
			p.After = append(p.After, v.add(part))
		}
	}
	// frame
	before := false
	var elems []Elem
	var preps []int32
	for _, tok := range strings.Fields(frame) {
		switch {
		case tok == "_":
			before = true
			p.Before = elems
			elems = nil
		case tok == "+", tok == "@", tok == "$", len(tok) > 2 && strings.ContainsAny(tok[:1], "+@$") && tok[1] == ':':
			k := map[string]ElemKind{"+": ElemTarget, "@": ElemParty, "$": ElemSource}[tok[:1]]
			e := Elem{Kind: k, Preps: preps}
			if len(tok) > 2 {
				for _, a := range strings.Split(tok[2:], "/") {
					if !cameo.IsAgent(a) {
						return nil, nil, fmt.Errorf("slot %q: %q is not a CAMEO agent type", tok, a)
					}
					e.Agents = append(e.Agents, a)
				}
			}
			elems = append(elems, e)
			preps = nil
		case strings.HasPrefix(tok, "~"), strings.HasPrefix(tok, "-") && len(tok) > 1:
			k := ElemLater
			if tok[0] == '-' {
				k = ElemNot
			}
			elems = append(elems, wordElem(k, tok[1:], v))
		default:
			// a plain word: either the preposition of a following slot, or a word that must come next
			preps = nil
			e := wordElem(ElemNear, tok, v)
			elems = append(elems, e)
		}
	}
	// a near-word directly followed by a slot is that slot's preposition
	var merged []Elem
	for i := 0; i < len(elems); i++ {
		e := elems[i]
		if e.Kind == ElemNear && i+1 < len(elems) && (elems[i+1].Kind == ElemTarget || elems[i+1].Kind == ElemParty || elems[i+1].Kind == ElemSource) && len(elems[i+1].Preps) == 0 {
			s := elems[i+1]
			s.Preps = e.Words
			merged = append(merged, s)
			i++
			continue
		}
		merged = append(merged, e)
	}
	if before {
		p.Frame = merged
		// Before was set at "_" from the elements seen so far; merge its prepositions too
		var mb []Elem
		for i := 0; i < len(p.Before); i++ {
			e := p.Before[i]
			if e.Kind == ElemNear && i+1 < len(p.Before) && p.Before[i+1].Kind >= ElemTarget && p.Before[i+1].Kind <= ElemSource {
				s := p.Before[i+1]
				s.Preps = e.Words
				mb = append(mb, s)
				i++
				continue
			}
			mb = append(mb, e)
		}
		p.Before = mb
	} else {
		p.Frame = merged
	}
	for _, o := range strings.Fields(opts) {
		k, val, _ := strings.Cut(o, "=")
		switch k {
		case "rev":
			if !ont.Valid(val) {
				return nil, nil, fmt.Errorf("rev=%s is not a CAMEO event code", val)
			}
			p.Rev = val
		case "passive":
			if !ont.Valid(val) {
				return nil, nil, fmt.Errorf("passive=%s is not a CAMEO event code", val)
			}
			p.Passive = val
		case "recip":
			p.Recip = true
		case "target":
			p.NeedTgt = true
		case "place":
			p.Place = true
		case "anon":
			if !cameo.IsAgent(val) {
				return nil, nil, fmt.Errorf("anon=%s is not a CAMEO agent type", val)
			}
			p.Anon = val
		default:
			return nil, nil, fmt.Errorf("unknown option %q", o)
		}
	}
	p.Specificity = len(p.Frame) + len(p.Before) + 2*len(p.After)
	p.Words = len(p.After)
	for _, e := range append(append([]Elem(nil), p.Before...), p.Frame...) {
		if e.Kind == ElemNear || e.Kind == ElemLater {
			p.Words++
		}
	}
	for _, e := range p.Frame {
		switch e.Kind {
		case ElemNear, ElemLater:
			p.Specificity += 2
		case ElemNot:
			p.Specificity-- // an exclusion makes a pattern narrower, not more specific
		}
		if len(e.Agents) > 0 {
			p.Specificity++
		}
	}
	return p, heads, nil
}

func wordElem(k ElemKind, s string, v *Vocab) Elem {
	e := Elem{Kind: k}
	for _, alt := range strings.Split(s, "/") {
		alt = text.Fold(alt)
		if alt == "" {
			continue
		}
		if strings.HasSuffix(alt, "*") {
			e.Pre = append(e.Pre, strings.TrimSuffix(alt, "*"))
			continue
		}
		// d'agression: the elided article is part of the word as written; match the noun
		parts := splitElision(alt)
		e.Words = append(e.Words, v.add(parts[len(parts)-1]))
		if len(parts) > 1 {
			e.Words = append(e.Words, v.add(alt))
		}
	}
	return e
}

// splitElision splits a folded word the way the tokenizer splits French
// elision: "d'agression" → "d'", "agression".
func splitElision(w string) []string {
	if i := strings.IndexByte(w, '\''); i > 0 && i < 8 && i+1 < len(w) {
		switch w[:i+1] {
		case "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'":
			return []string{w[:i+1], w[i+1:]}
		}
	}
	return []string{w}
}
