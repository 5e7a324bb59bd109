// Package text turns an article into analysed text: its language, its
// sentences and their tokens (with offsets into the article, folded forms for
// matching), the dateline and the quotations. Each language lives in its own
// package under text/lang; text/langs lists them.
package text

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/model"
)

// Analyzer analyses articles in a fixed set of languages. It is safe for
// concurrent use.
type Analyzer struct {
	langs  []*Language
	byCode map[string]*Language
}

// NewAnalyzer returns an analyzer for the given languages; the first is the
// default.
func NewAnalyzer(langs ...*Language) *Analyzer {
	a := &Analyzer{langs: langs, byCode: map[string]*Language{}}
	for _, l := range langs {
		a.byCode[l.Code] = l
	}
	return a
}

// Lang returns the language with this ISO 639-1 code (or a BCP 47 tag whose
// primary subtag it is: fr-FR), nil if the analyzer has none.
func (a *Analyzer) Lang(code string) *Language {
	code = strings.ToLower(strings.TrimSpace(code))
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	switch code {
	case "eng":
		code = "en"
	case "fra", "fre":
		code = "fr"
	case "spa":
		code = "es"
	}
	return a.byCode[code]
}

// Languages lists the analyzer's languages.

// Document is an analysed article.
type Document struct {
	Article   *model.Article
	Lang      *Language
	Detection Detection
	Tokens    []Token
	Sentences []Sentence
	Dateline  *Dateline
	Quotes    []Quote
}

// Sentence is one sentence with the range of its tokens in Document.Tokens.
type Sentence struct {
	model.Sentence
	Tok0, Tok1 int
}

// Options steer the analysis of one article.
type Options struct {
	// Lang forces the language (the user said so); else it is detected,
	// with the article's own Lang field as a hint.
	Lang string
}

// Analyze splits the article into sentences and tokens. It returns an error
// wrapping ErrUnsupportedLanguage when the text is not in one of the
// analyzer's languages.
func (a *Analyzer) Analyze(art *model.Article, opt Options) (*Document, error) {
	doc := &Document{Article: art}
	if opt.Lang != "" {
		doc.Lang = a.Lang(opt.Lang)
		if doc.Lang == nil {
			return nil, fmt.Errorf("%w: %q (dyad codes en, fr, es)", ErrUnsupportedLanguage, opt.Lang)
		}
		doc.Detection = Detection{Lang: doc.Lang, Source: "declared"}
	} else {
		doc.Detection = a.Detect(art.Text, art.Lang)
		doc.Lang = doc.Detection.Lang
		if doc.Lang == nil {
			return nil, fmt.Errorf("%s", doc.Detection.Describe())
		}
	}
	text := art.Text
	start := 0
	if dl := FindDateline(text); dl != nil {
		doc.Dateline = dl
		start = dl.End
	}
	doc.Tokens = doc.Lang.Tokenizer.Tokenize(make([]Token, 0, len(text)/5+8), text[start:], start)
	for i, r := range SplitSentences(doc.Tokens, doc.Lang) {
		t0, t1 := r[0], r[1]
		s := Sentence{Tok0: t0, Tok1: t1}
		s.Index = i
		s.Start = doc.Tokens[t0].Start
		s.End = doc.Tokens[t1-1].End
		s.Text = text[s.Start:s.End]
		doc.Sentences = append(doc.Sentences, s)
	}
	doc.Quotes = findQuotes(doc)
	return doc, nil
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := &d.Sentences[i]
	return d.Tokens[s.Tok0:s.Tok1]
}
