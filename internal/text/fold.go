package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// asciiChars holds every ASCII character in order, so that folding one
// returns a substring instead of allocating.
const asciiChars = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"

// foldTable maps the runes of Latin-1 Supplement and Latin Extended-A/B to
// their lower-case, accent-free form. It is computed once from Unicode
// decompositions and never written after.
var foldTable = buildFoldTable()

const foldTableSize = 0x250

func buildFoldTable() [foldTableSize]string {
	var t [foldTableSize]string
	for r := rune(0xC0); r < foldTableSize; r++ {
		lr := unicode.ToLower(r)
		var b strings.Builder
		for _, d := range norm.NFD.String(string(lr)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			b.WriteRune(d)
		}
		s := b.String()
		switch lr {
		case 'ß':
			s = "ss"
		case 'æ':
			s = "ae"
		case 'œ':
			s = "oe"
		case 'ø':
			s = "o"
		case 'đ':
			s = "d"
		case 'ł':
			s = "l"
		case 'ı':
			s = "i"
		case 'ħ':
			s = "h"
		case 'þ':
			s = "th"
		case 'ð':
			s = "d"
		}
		t[r] = s
	}
	return t
}

// FoldRune returns the folded form of one rune: lower case, no accent,
// apostrophes and quotes made straight, dashes made '-'. ok is false when the
// rune folds to nothing (a combining mark, a soft hyphen, a zero-width character).
func FoldRune(r rune) (s string, ok bool) {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return asciiChars[r : r+1], true
	case r < foldTableSize && r >= 0xC0:
		return foldTable[r], true
	}
	switch r {
	case '\u2019', '\u2018', '\u02BC', '\u2032', '\u00B4', '\u0060', '\u02BB':
		return "'", true
	case '\u00AB', '\u00BB', '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u2039', '\u203A':
		return "\"", true
	case '\u2013', '\u2014', '\u2010', '\u2011', '\u2012', '\u2015', '\u2212':
		return "-", true
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return "", false
	case '\u2026':
		return "...", true
	case '\u00A0', '\u202F', '\u2009', '\u2007':
		return " ", true
	}
	if unicode.Is(unicode.Mn, r) {
		return "", false
	}
	lr := unicode.ToLower(r)
	d := norm.NFD.String(string(lr))
	if len(d) > 0 {
		first, _ := utf8.DecodeRuneInString(d)
		if first < 0x80 {
			return string(first), true
		}
	}
	return string(lr), true
}

// foldedPrefix is the length of the leading run of s that folding leaves
// as it is: ASCII without capitals.
func foldedPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return i
		}
	}
	return len(s)
}

// Fold returns s in lower case with accents removed, curly apostrophes and
// quotes made straight and dashes made '-'. It allocates only when s is not
// already folded.
func Fold(s string) string {
	i := foldedPrefix(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if f, ok := FoldRune(r); ok {
			b.WriteString(f)
		}
	}
	return b.String()
}

// NormalizeQuotes replaces curly apostrophes by ' and collapses white space;
// it is the comparison form the gold sets use for sentence anchors (after NFC).
func NormalizeQuotes(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == '\u2019' || r == '\u2018' {
			r = '\''
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
