package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Full-text search over evidence sentences. Both backends index the same
// folded text (lower case, accents removed, every run of letters and digits a
// word), made here, so a search finds the same events on either: SQLite
// through FTS5, PostgreSQL through a tsvector with the 'simple' configuration.

// MaxSearchWords bounds the words of one search.
const MaxSearchWords = 8

// SearchWord is one word of a search; Prefix matches words that start with it.
type SearchWord struct {
	Word   string
	Prefix bool
}

// Fold returns the searchable form of a text: lower case, without accents,
// words separated by single spaces.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			switch r = unicode.ToLower(r); r {
			case 'ß':
				b.WriteString("ss")
			case 'æ':
				b.WriteString("ae")
			case 'œ':
				b.WriteString("oe")
			case 'ø':
				b.WriteRune('o')
			case 'ł':
				b.WriteRune('l')
			case 'đ':
				b.WriteRune('d')
			default:
				b.WriteRune(r)
			}
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// ParseSearch splits a search into folded words. A word written with a
// trailing * is a prefix. It fails when there is no word, too many, or a
// prefix shorter than two letters.
func ParseSearch(q string) ([]SearchWord, error) {
	var out []SearchWord
	for _, tok := range strings.Fields(q) {
		prefix := strings.HasSuffix(tok, "*")
		words := strings.Fields(Fold(tok))
		for i, w := range words {
			sw := SearchWord{Word: w, Prefix: prefix && i == len(words)-1}
			if sw.Prefix && len([]rune(w)) < 2 {
				return nil, badQuery("text", "text %q: a prefix needs at least two letters before *", tok)
			}
			out = append(out, sw)
		}
	}
	if len(out) == 0 {
		return nil, badQuery("text", "text %q: no word to search for", q)
	}
	if len(out) > MaxSearchWords {
		return nil, badQuery("text", "text %q: at most %d words", q, MaxSearchWords)
	}
	return out, nil
}

// FTS5Query writes words as an SQLite FTS5 query: each word quoted (folded
// words hold only letters and digits), all required.
func FTS5Query(words []SearchWord) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w.Word + `"`
		if w.Prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// TSQuery writes words as a PostgreSQL tsquery: all required, :* for a prefix.
func TSQuery(words []SearchWord) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = w.Word
		if w.Prefix {
			parts[i] += ":*"
		}
	}
	return strings.Join(parts, " & ")
}
