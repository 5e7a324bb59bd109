// Package langs lists the languages dyad analyses and codes.
package langs

import (
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/text/lang/en"
	"github.com/dyad-events/dyad/internal/text/lang/es"
	"github.com/dyad-events/dyad/internal/text/lang/fr"
)

// All returns a fresh list of dyad's languages: English, French, Spanish.
func All() []*text.Language { return []*text.Language{en.New(), fr.New(), es.New()} }

// NewAnalyzer returns an analyzer for all of dyad's languages.
func NewAnalyzer() *text.Analyzer { return text.NewAnalyzer(All()...) }
