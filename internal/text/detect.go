package text

import (
	"errors"
	"fmt"

	"github.com/abadojack/whatlanggo"
)

// ErrUnsupportedLanguage is returned for text in a language dyad does not code.
var ErrUnsupportedLanguage = errors.New("unsupported language")

// Detection is the outcome of language identification.
type Detection struct {
	Lang *Language // nil when the text is in another language or too short to tell
	// Source says how the language was decided: "declared" (given by the
	// user), "detected" (trigram model and stop words agree), "stopwords",
	// "hint" (page or feed metadata), "default".
	Source string
	// Other is the ISO 639-1 code of an unsupported language that was recognised.
	Other      string
	Confidence float64
}

// sampleBytes bounds the text looked at to identify a language; trigram
// detection looks at the first trigramBytes of it, which is plenty for
// whatlanggo and keeps its cost (2 ms for 4,000 bytes) off long articles.
const (
	sampleBytes  = 4000
	trigramBytes = 1200
)

// Detect identifies the language of s among the analyzer's languages. hint is
// the language the page or feed declares, used for short texts.
func (a *Analyzer) Detect(s, hint string) Detection {
	s = cutUTF8(s, sampleBytes)
	// stop-word counts over the sample
	counts := make([]int, len(a.langs))
	words := 0
	var scratch []Token
	tk := Tokenizer{}
	scratch = tk.Tokenize(scratch, s, 0)
	for i := range scratch {
		if scratch[i].Kind != Word {
			continue
		}
		words++
		for j, l := range a.langs {
			if l.StopWords[scratch[i].Fold] {
				counts[j]++
			}
		}
	}
	best, second := -1, -1
	for j := range counts {
		if best < 0 || counts[j] > counts[best] {
			second, best = best, j
		} else if second < 0 || counts[j] > counts[second] {
			second = j
		}
	}
	hinted := a.Lang(hint)
	if words == 0 {
		if hinted != nil {
			return Detection{Lang: hinted, Source: "hint"}
		}
		return Detection{}
	}
	ratio := float64(counts[best]) / float64(words)
	margin := counts[best]
	if second >= 0 {
		margin -= counts[second]
	}
	if words >= 12 {
		info := whatlanggo.Detect(cutUTF8(s, trigramBytes))
		code := info.Lang.Iso6391()
		if l := a.Lang(code); l != nil {
			if l == a.langs[best] || ratio < 0.15 {
				return Detection{Lang: l, Source: "detected", Confidence: info.Confidence}
			}
		} else if info.IsReliable() && ratio < 0.30 {
			return Detection{Other: code, Source: "detected", Confidence: info.Confidence}
		}
	}
	if counts[best] >= 2 && margin >= 1 && ratio >= 0.10 {
		return Detection{Lang: a.langs[best], Source: "stopwords", Confidence: ratio}
	}
	if hinted != nil {
		return Detection{Lang: hinted, Source: "hint"}
	}
	if counts[best] >= 1 && margin >= 1 {
		return Detection{Lang: a.langs[best], Source: "stopwords", Confidence: ratio}
	}
	return Detection{}
}

// Describe gives a user a one-line account of an unsupported detection.
func (d Detection) Describe() string {
	if d.Other != "" {
		return fmt.Sprintf("%v: text is in %q", ErrUnsupportedLanguage, d.Other)
	}
	return fmt.Sprintf("%v: could not tell the language (too short or not English, French or Spanish)", ErrUnsupportedLanguage)
}

// cutUTF8 returns at most about n bytes of s, cut at a character boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && s[n]&0xC0 == 0x80 {
		n++
	}
	return s[:n]
}
