package text

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
	Symbol
)

// Token flags.
const (
	FlagCap     uint8 = 1 << iota // first letter upper case
	FlagUpper                     // all letters upper case (and at least two letters)
	FlagSpace                     // white space before the token
	FlagNewline                   // a line break before the token
	FlagPara                      // a blank line (paragraph break) before the token
	FlagSplit                     // the token was split off a written word (elision, clitic, contraction)
	FlagAbbrev                    // a dotted abbreviation such as U.S. or EE.UU.
)

// Token is one word, number or punctuation mark with its byte offsets in the
// article text.
type Token struct {
	Start, End int
	Text       string // the surface form, as written
	Fold       string // lower case, no accents, straight quotes
	Kind       Kind
	Flags      uint8
}

// Is reports whether the token has all the given flags.
func (t *Token) Is(f uint8) bool { return t.Flags&f == f }

// Cap reports whether the token starts with an upper-case letter.
func (t *Token) Cap() bool { return t.Flags&FlagCap != 0 }

// Tokenizer splits text into tokens for one language.
type Tokenizer struct {
	// Elisions are folded prefixes that end in an apostrophe and are split
	// off the following word: l', d', qu' (French).
	Elisions map[string]bool
	// Clitics are folded endings split off the preceding word: 's, n't, 're (English).
	Clitics []string
	// Contractions are folded words split in two: del → de + el (Spanish).
	Contractions map[string][2]string
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u00AD'
}

func isApos(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC' || r == '\u2018'
}

// folder collects the folded forms of a text's tokens in one buffer, so
// that tokenizing a document allocates once for all of them rather than once
// per capitalised or accented word.
type folder struct {
	buf  []byte
	refs []foldRef
}

type foldRef struct {
	tok  int // index in the token slice
	a, b int // range in buf
}

// fold records the folded form of w for token index tok; it returns w itself
// when w is already folded (no copy needed).
func (f *folder) fold(tok int, w string) (string, bool) {
	i := foldedPrefix(w)
	if i == len(w) {
		return w, false
	}
	a := len(f.buf)
	f.buf = append(f.buf, w[:i]...)
	for _, r := range w[i:] {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			f.buf = append(f.buf, byte(r))
			continue
		}
		if s, ok := FoldRune(r); ok {
			f.buf = append(f.buf, s...)
		}
	}
	f.refs = append(f.refs, foldRef{tok: tok, a: a, b: len(f.buf)})
	return "", true
}

// finish gives the recorded tokens their folded forms, all substrings of one string.
func (f *folder) finish(toks []Token) {
	if len(f.refs) == 0 {
		return
	}
	all := string(f.buf)
	for _, r := range f.refs {
		toks[r.tok].Fold = all[r.a:r.b]
	}
}

// Tokenize appends the tokens of s to dst. base is the byte offset of s in
// the article, so that token offsets point into the article text.
func (tk *Tokenizer) Tokenize(dst []Token, s string, base int) []Token {
	var fd folder
	fd.buf = make([]byte, 0, len(s)/4+16)
	dst = tk.tokenize(dst, s, base, &fd)
	fd.finish(dst)
	return dst
}

func (tk *Tokenizer) tokenize(dst []Token, s string, base int, fd *folder) []Token {
	i := 0
	var gapFlags uint8
	newlines := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			newlines++
			gapFlags |= FlagSpace | FlagNewline
			if newlines >= 2 {
				gapFlags |= FlagPara
			}
			i += w
			continue
		}
		if unicode.IsSpace(r) || r == '\u00A0' || r == '\uFEFF' || r == '\u200B' || (r < 0x20 && r != '\t') || r == utf8.RuneError && w == 1 {
			if r != '\r' {
				gapFlags |= FlagSpace
			}
			i += w
			continue
		}
		if r == '\r' || r == '\t' {
			gapFlags |= FlagSpace
			i += w
			continue
		}
		start := i
		var kind Kind
		if isWordRune(r) {
			i = tk.scanWord(s, i)
			kind = Word
		} else if r == '.' && i+2 < len(s) && s[i+1] == '.' && s[i+2] == '.' {
			i += 3
			for i < len(s) && s[i] == '.' {
				i++
			}
			kind = Punct
		} else {
			i += w
			kind = Punct
			if unicode.IsSymbol(r) {
				kind = Symbol
			}
		}
		word := s[start:i]
		flags := gapFlags
		gapFlags, newlines = 0, 0
		if kind == Word {
			dst = tk.appendWord(dst, word, base+start, flags, fd)
			continue
		}
		f, _ := fd.fold(len(dst), word)
		dst = append(dst, Token{Start: base + start, End: base + i, Text: word, Fold: f, Kind: kind, Flags: flags})
	}
	return dst
}

// scanWord returns the end of the word starting at i: letters and digits,
// with internal periods for dotted abbreviations (U.S., EE.UU.), decimal
// separators in numbers (3.5, 1,000) and internal apostrophes.
func (tk *Tokenizer) scanWord(s string, i int) int {
	start := i
	letters := 0 // letters since the last period, for dotted abbreviations
	dotted := false
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if unicode.IsLetter(r) {
				letters++
			}
			i += w
			continue
		}
		if i+1 < len(s) {
			nr, nw := utf8.DecodeRuneInString(s[i+w:])
			_ = nw
			switch {
			case (r == '.' || r == ',') && i > start && isDigitByte(s[i-1]) && unicode.IsDigit(nr):
				i += w
				continue
			case r == '.' && letters >= 1 && letters <= 2 && unicode.IsLetter(nr) && allCapsOrShort(s[start:i]):
				// U.S, EE.UU: a dotted abbreviation continues
				dotted = true
				letters = 0
				i += w
				continue
			case isApos(r) && unicode.IsLetter(nr):
				i += w
				continue
			}
		}
		if r == '.' && dotted && letters <= 2 {
			i += w // the final period of U.S.
		}
		break
	}
	return i
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// allCapsOrShort reports whether the letters of a dotted-abbreviation
// candidate are capitals or single letters (U.S, p.ex, EE.UU).
func allCapsOrShort(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if unicode.IsLower(r) && n > 1 {
				return false
			}
		}
		if r == '.' {
			n = 0
		}
	}
	return true
}

func wordFlags(w string) uint8 {
	var f uint8
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		f |= FlagCap
		upper, letters := true, 0
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
				if !unicode.IsUpper(c) {
					upper = false
					break
				}
			}
		}
		if upper && letters >= 2 {
			f |= FlagUpper
		}
	}
	return f
}

// appendWord appends a written word, split into elision, clitic and
// contraction parts as the language wants.
func (tk *Tokenizer) appendWord(dst []Token, w string, off int, flags uint8, fd *folder) []Token {
	kind := Word
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		kind = Number
		for _, c := range w {
			if unicode.IsLetter(c) {
				kind = Word // 1er, 3rd, G20
				break
			}
		}
	}
	// French elision: l'ambassade → l' + ambassade (possibly repeated: jusqu'à l'...)
	for tk.Elisions != nil {
		a := aposIndex(w)
		if a <= 0 {
			break
		}
		_, aw := utf8.DecodeRuneInString(w[a:])
		pre := Fold(w[:a]) + "'"
		if !tk.Elisions[pre] || a+aw >= len(w) {
			break
		}
		dst = append(dst, Token{Start: off, End: off + a + aw, Text: w[:a+aw], Fold: pre, Kind: Word, Flags: flags | wordFlags(w[:a])})
		flags = FlagSplit
		off += a + aw
		w = w[a+aw:]
	}
	// English clitics: Russia's → Russia + 's, didn't → did + n't
	if len(tk.Clitics) > 0 {
		if a := aposIndex(w); a > 0 {
			f := Fold(w)
			for _, c := range tk.Clitics {
				if len(f) > len(c) && f[len(f)-len(c):] == c {
					cut := len(w) - cutLen(w, c)
					if cut > 0 {
						dst = append(dst, mkWord(w[:cut], off, flags, kind, len(dst), fd))
						dst = append(dst, Token{Start: off + cut, End: off + len(w), Text: w[cut:], Fold: c, Kind: Word, Flags: FlagSplit})
						return dst
					}
				}
			}
		}
	}
	if tk.Contractions != nil && len(w) <= 4 {
		if parts, ok := tk.Contractions[Fold(w)]; ok {
			n := len(parts[0])
			if n < len(w) {
				dst = append(dst, Token{Start: off, End: off + n, Text: w[:n], Fold: parts[0], Kind: Word, Flags: flags | wordFlags(w)})
				dst = append(dst, Token{Start: off + n, End: off + len(w), Text: w[n:], Fold: parts[1], Kind: Word, Flags: FlagSplit})
				return dst
			}
		}
	}
	return append(dst, mkWord(w, off, flags, kind, len(dst), fd))
}

func mkWord(w string, off int, flags uint8, kind Kind, idx int, fd *folder) Token {
	f, _ := fd.fold(idx, w)
	t := Token{Start: off, End: off + len(w), Text: w, Fold: f, Kind: kind, Flags: flags | wordFlags(w)}
	if len(w) > 2 && w[len(w)-1] == '.' {
		t.Flags |= FlagAbbrev
	}
	return t
}

// cutLen is the byte length in w of the folded clitic c (whose apostrophe
// may be written as a curly one in w).
func cutLen(w string, c string) int {
	n := 0
	runes := utf8.RuneCountInString(c)
	i := len(w)
	for ; i > 0 && n < runes; n++ {
		_, sz := utf8.DecodeLastRuneInString(w[:i])
		i -= sz
	}
	return len(w) - i
}

func aposIndex(w string) int {
	for i, r := range w {
		if isApos(r) {
			return i
		}
	}
	return -1
}
