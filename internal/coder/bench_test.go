package coder

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/refdata"
	"github.com/dyad-events/dyad/internal/text"
)

// benchDocs analyses the seed articles (bundled with the CLI's samples) once.
func benchDocs(b *testing.B) ([]*text.Document, int) {
	c, an := testCoder(b)
	_ = c
	dir := filepath.Join(refdata.RepoRoot(), "internal", "cli", "samples")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Skip("no sample articles")
	}
	var docs []*text.Document
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := an.Analyze(&model.Article{ID: f, Text: string(raw)}, text.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		n += len(doc.Sentences)
	}
	return docs, n
}

// BenchmarkCode measures the coder alone on analysed sentences: the figure
// docs/PERFORMANCE.md reports as sentences per second on one core.
func BenchmarkCode(b *testing.B) {
	c, _ := testCoder(b)
	docs, n := benchDocs(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			c.Code(d, Options{})
		}
	}
	b.StopTimer()
	perSent := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
	b.ReportMetric(1e9/perSent, "sentences/s")
	b.ReportMetric(perSent, "ns/sentence")
}

// BenchmarkAnalyzeAndCode measures text analysis and coding together.
func BenchmarkAnalyzeAndCode(b *testing.B) {
	c, an := testCoder(b)
	docs, n := benchDocs(b)
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
	perSent := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
	b.ReportMetric(1e9/perSent, "sentences/s")
	b.ReportMetric(perSent, "ns/sentence")
}
