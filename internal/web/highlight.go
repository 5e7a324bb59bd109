package web

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// Span kinds, which are also the CSS classes of highlighted text.
const (
	kindSource  = "src"
	kindTarget  = "tgt"
	kindTrigger = "trg"
	kindMatch   = "hit"
)

// span is a byte range of a text to highlight.
type span struct {
	Start, End int
	Kind       string
	Title      string // tooltip
}

// segment is a run of text, highlighted when Kind is set.
type segment struct {
	Text  string
	Kind  string
	Title string
}

// segments cuts text into plain and highlighted runs. Spans out of range,
// not on character boundaries, empty, or overlapping an earlier span are
// dropped, so bad offsets never break a page: the text is shown whole.
// spans is filtered and sorted in place.
func segments(text string, spans []span) []segment {
	ok := spans[:0]
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if !boundary(text, s.Start) || !boundary(text, s.End) {
			continue
		}
		ok = append(ok, s)
	}
	slices.SortStableFunc(ok, func(a, b span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := make([]segment, 0, 2*len(ok)+1)
	pos := 0
	for _, s := range ok {
		if s.Start < pos {
			continue // overlaps the previous span
		}
		if s.Start > pos {
			out = append(out, segment{Text: text[pos:s.Start]})
		}
		out = append(out, segment{Text: text[s.Start:s.End], Kind: s.Kind, Title: s.Title})
		pos = s.End
	}
	if pos < len(text) {
		out = append(out, segment{Text: text[pos:]})
	}
	return out
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// mentionSpans returns the actor and trigger spans of an event relative to
// base (the offset in the article of the text they will cut). When an
// offset does not point at the words it names (an old record, a text that
// changed), the words are looked for in the text instead.
func mentionSpans(m *model.Event, text string, base int) []span {
	out := make([]span, 0, 3)
	add := func(words string, start, end int, kind, title string) {
		if words == "" && start == end {
			return
		}
		s, e := start-base, end-base
		if s < 0 || e > len(text) || s >= e || (words != "" && text[s:e] != words) {
			i := strings.Index(text, words)
			if words == "" || i < 0 {
				return
			}
			s, e = i, i+len(words)
		}
		out = append(out, span{Start: s, End: e, Kind: kind, Title: title})
	}
	add(m.Source.Text, m.Source.Start, m.Source.End, kindSource, "source: "+actorTitle(m.Source.Code))
	if m.Target != nil {
		add(m.Target.Text, m.Target.Start, m.Target.End, kindTarget, "target: "+actorTitle(m.Target.Code))
	}
	add(m.Trigger.Text, m.Trigger.Start, m.Trigger.End, kindTrigger, "trigger of "+m.Code)
	return out
}

func actorTitle(code string) string {
	if n := actorName(code); n != "" {
		return code + " (" + n + ")"
	}
	return code
}

// searchSpans marks the words of text that a search's words match (folded:
// case and accents aside; a word ending in * matches as a prefix).
func searchSpans(text string, words []store.SearchWord) []span {
	if len(words) == 0 {
		return nil
	}
	var out []span
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := store.Fold(text[start:end])
		for _, sw := range words {
			if w == sw.Word || sw.Prefix && strings.HasPrefix(w, sw.Word) {
				out = append(out, span{Start: start, End: end, Kind: kindMatch})
				break
			}
		}
		start = -1
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
