package text

import "unicode"

// MaxSentenceTokens bounds a sentence: longer runs without a boundary (lists,
// tables, markup soup) are cut, so that no sentence costs the coder more than
// a fixed amount.
const MaxSentenceTokens = 160

// SplitSentences returns the token ranges [start, end) of the sentences of
// toks. Boundaries are sentence-final punctuation (with the closing quotes
// and brackets that follow it) and line breaks that end a headline or a
// paragraph; abbreviations, initials and numbers do not end a sentence.
func SplitSentences(toks []Token, lang *Language) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		if end > start {
			out = append(out, [2]int{start, end})
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if i > start && t.Flags&FlagNewline != 0 && lineBreakEnds(toks, start, i) {
			emit(i)
		}
		if i-start >= MaxSentenceTokens {
			emit(i)
		}
		if t.Kind != Punct {
			continue
		}
		switch t.Fold {
		case ".", "!", "?", "...", "?!", "!?":
		default:
			continue
		}
		// absorb closing quotes and brackets, and repeated marks
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && toks[j].Flags&FlagNewline == 0 && isCloser(toks[j].Fold) {
			j++
		}
		if j >= len(toks) {
			continue
		}
		next := &toks[j]
		if next.Flags&FlagNewline != 0 {
			i = j - 1
			emit(j)
			continue
		}
		if !endsSentence(toks, i, next, lang) {
			continue
		}
		i = j - 1
		emit(j)
	}
	emit(len(toks))
	return out
}

func isCloser(f string) bool {
	switch f {
	case "\"", ")", "]", "'", ".", "!", "?", "...":
		return true
	}
	return false
}

// lineBreakEnds decides whether a line break before toks[i] ends the
// sentence that began at start: always after a blank line, else when the
// line before had no sentence-final mark (a headline) or the next line starts
// like a sentence.
func lineBreakEnds(toks []Token, start, i int) bool {
	t := &toks[i]
	if t.Flags&FlagPara != 0 {
		return true
	}
	prev := &toks[i-1]
	switch prev.Fold {
	case ",", ";", "(", "-", "de", "of", "the", "la", "le", "el", "les", "los", "las", "et", "y", "and", "a":
		return false // a hard-wrapped line in the middle of a sentence
	}
	return t.Cap() || t.Kind == Punct || t.Kind == Number || i-start >= 3
}

func endsSentence(toks []Token, i int, next *Token, lang *Language) bool {
	t := &toks[i]
	first := firstRune(next.Text)
	lowerNext := unicode.IsLower(first)
	if t.Fold != "." {
		// ! ? ...: a lower-case continuation is part of the sentence
		return !lowerNext
	}
	if i == 0 {
		return !lowerNext
	}
	prev := &toks[i-1]
	if prev.End != t.Start { // "word ." with a space: a sentence end unless lower case follows
		return !lowerNext
	}
	if prev.Kind == Word {
		f := prev.Fold
		if lang != nil && lang.TitleAbbrevs[f] {
			return false
		}
		if isInitial(prev.Text) {
			// J. Smith, George W. Bush: a lone capital letter is an initial
			return false
		}
		if prev.Flags&FlagAbbrev != 0 || (lang != nil && lang.Abbrevs[f]) {
			return !lowerNext && next.Kind != Number && unicode.IsUpper(first) && !isInitial(next.Text)
		}
	}
	if next.Kind == Number && prev.Kind == Number {
		return true
	}
	return !lowerNext
}

func isInitial(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n == 1
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
