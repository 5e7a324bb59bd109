package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/refdata"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/text/langs"
)

// benchDocs reads the seed articles (bundled with the CLI's samples).
func benchDocs(b *testing.B) ([]*text.Document, int) {
	dir := filepath.Join(refdata.RepoRoot(), "internal", "cli", "samples")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skip("no sample articles")
	}
	var arts []*model.Article
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, &model.Article{ID: f, Text: string(raw)})
	}
	return analyzeAll(b, arts, "")
}

// caseDocs makes articles of ten sentences each from a language's case
// sentences (testdata/cases_<lang>.txt): news sentences of every kind the
// coder knows, in that language.
func caseDocs(b *testing.B, lang string) ([]*text.Document, int) {
	cs := readCases(b, filepath.Join("testdata", "cases_"+lang+".txt"), lang)
	var arts []*model.Article
	for i := 0; i < len(cs); i += 10 {
		var sb strings.Builder
		for j := i; j < i+10 && j < len(cs); j++ {
			sb.WriteString(cs[j].text)
			sb.WriteString("\n\n")
		}
		arts = append(arts, &model.Article{ID: lang, Text: sb.String(), Published: cs[i].date})
	}
	return analyzeAll(b, arts, lang)
}

// analyzeAll analyses articles once and counts their sentences.
func analyzeAll(b *testing.B, arts []*model.Article, lang string) ([]*text.Document, int) {
	_, an := testCoder(b)
	var docs []*text.Document
	n := 0
	for _, a := range arts {
		doc, err := an.Analyze(a, text.Options{Lang: lang})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		n += len(doc.Sentences)
	}
	return docs, n
}

// benchSet is the seed articles ("seeds") or a language's cases.
func benchSet(b *testing.B, set string) ([]*text.Document, int) {
	if set == "seeds" {
		return benchDocs(b)
	}
	return caseDocs(b, set)
}

func reportPerSentence(b *testing.B, n int) {
	perSent := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
	b.ReportMetric(1e9/perSent, "sentences/s")
	b.ReportMetric(perSent, "ns/sentence")
}

// BenchmarkCode measures the coder alone on analysed sentences: the figure
// docs/PERFORMANCE.md reports as sentences per second on one core. "seeds"
// is the two French seed articles; en, fr and es are the construction cases.
func BenchmarkCode(b *testing.B) {
	for _, set := range []string{"seeds", "en", "fr", "es"} {
		b.Run(set, func(b *testing.B) {
			c, _ := testCoder(b)
			docs, n := benchSet(b, set)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					c.Code(d, Options{})
				}
			}
			b.StopTimer()
			reportPerSentence(b, n)
		})
	}
}

// BenchmarkAnalyzeAndCode measures text analysis and coding together, from
// the article's raw text to its events.
func BenchmarkAnalyzeAndCode(b *testing.B) {
	for _, set := range []string{"seeds", "en", "fr", "es"} {
		b.Run(set, func(b *testing.B) {
			c, an := testCoder(b)
			docs, n := benchSet(b, set)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					doc, err := an.Analyze(d.Article, text.Options{Lang: d.Lang.Code})
					if err != nil {
						b.Fatal(err)
					}
					c.Code(doc, Options{})
				}
			}
			b.StopTimer()
			reportPerSentence(b, n)
		})
	}
}

// BenchmarkLoad measures loading every lexicon (actors, places, patterns of
// the three languages) from the embedded files: the start-up cost of a run.
func BenchmarkLoad(b *testing.B) {
	ls := langs.All()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := lexicon.Load(ls, lexicon.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
