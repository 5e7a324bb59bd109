package lexicon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/text"
)

// DateKind is the role of a word in a date expression.
type DateKind uint8

// Date word kinds (data/<lang>/dates.txt).
const (
	DateMonth DateKind = iota + 1
	DateWeekday
	DateDay
	DateLast
	DateNext
	DateThis
	DateUnit
	DateAgo
	DateYearPrep
)

var dateKinds = map[string]DateKind{"month": DateMonth, "weekday": DateWeekday, "day": DateDay, "last": DateLast,
	"next": DateNext, "this": DateThis, "unit": DateUnit, "ago": DateAgo, "yearprep": DateYearPrep}

// DateWord is a word of a date expression.
type DateWord struct {
	Kind  DateKind
	Value int
	// Caps: the word must be capitalised (English months: May, March).
	Caps bool
}

func (l *Lexicon) addDateWord(line string) error {
	if i := strings.Index(line, "#"); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 3 {
		return fmt.Errorf("want KIND VALUE word | word, got %q", strings.TrimSpace(line))
	}
	k, ok := dateKinds[f[0]]
	if !ok {
		return fmt.Errorf("unknown date word kind %q", f[0])
	}
	v, err := strconv.Atoi(f[1])
	if err != nil {
		return fmt.Errorf("bad value %q", f[1])
	}
	rest := strings.TrimSpace(line)
	rest = strings.TrimSpace(rest[strings.Index(rest, f[1])+len(f[1]):])
	for _, w := range strings.Split(rest, "|") {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		toks := l.Lang.Tokenizer.Tokenize(nil, w, 0)
		if len(toks) == 0 {
			continue
		}
		// multi-word entries (il y a) are keyed by their last word
		id := l.Vocab.add(toks[len(toks)-1].Fold)
		if l.Dates == nil {
			l.Dates = map[int32]DateWord{}
		}
		l.Dates[id] = DateWord{Kind: k, Value: v, Caps: l.Lang.Code == "en" && startsUpper(w)}
	}
	return nil
}

var _ = text.Fold
