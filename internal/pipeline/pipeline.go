// Package pipeline joins dyad's stages: text analysis then coding. It is the
// one place that knows their order; the CLI, the server and the evaluator
// call it.
package pipeline

import (
	"fmt"
	"time"

	"github.com/dyad-events/dyad/internal/coder"
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/text/langs"
)

// Pipeline analyses and codes articles. It is safe for concurrent use.
type Pipeline struct {
	Analyzer *text.Analyzer
	Coder    *coder.Coder
	Lexicons *lexicon.Set
}

// Options configure a pipeline.
type Options struct {
	// Lexicon is a user overlay directory (docs/LEXICON.md), "" for none.
	Lexicon string
}

// New loads the lexicons and builds a pipeline for English, French and Spanish.
func New(opt Options) (*Pipeline, error) {
	ls := langs.All()
	set, err := lexicon.Load(ls, lexicon.Options{Overlay: opt.Lexicon})
	if err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	return &Pipeline{Analyzer: text.NewAnalyzer(ls...), Coder: coder.New(set), Lexicons: set}, nil
}

// Result is an analysed and coded article.
type Result struct {
	Doc    *text.Document
	Events []model.Event
}

// Sentences are the article's sentences as the store keeps them.
func (r *Result) Sentences() []model.Sentence {
	out := make([]model.Sentence, len(r.Doc.Sentences))
	for i := range r.Doc.Sentences {
		out[i] = r.Doc.Sentences[i].Sentence
	}
	return out
}

// ProcessOptions steer the processing of one article.
type ProcessOptions struct {
	// Lang forces the language; else it is detected (the article's Lang is a hint).
	Lang string
	// Date is the publication date to use when the article has none.
	Date time.Time
	// KeepUnsure keeps future and hypothetical events, marked by their mode.
	KeepUnsure bool
}

// Process analyses and codes one article.
func (p *Pipeline) Process(a *model.Article, opt ProcessOptions) (*Result, error) {
	doc, err := p.Analyzer.Analyze(a, text.Options{Lang: opt.Lang})
	if err != nil {
		return nil, err
	}
	if a.Lang == "" || opt.Lang != "" {
		a.Lang = doc.Lang.Code
	} else if l := p.Analyzer.Lang(a.Lang); l != doc.Lang {
		a.Lang = doc.Lang.Code
	}
	if a.Place == "" && doc.Dateline != nil {
		a.Place = doc.Dateline.Place
	}
	evs := p.Coder.Code(doc, coder.Options{KeepUnsure: opt.KeepUnsure, Date: opt.Date})
	return &Result{Doc: doc, Events: evs}, nil
}
