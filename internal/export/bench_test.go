package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// benchStore holds n two-sentence articles of two mentions each.
func benchStore(b *testing.B, n int) *store.SQL {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dyad.db"), store.DefaultMergeOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	codes := []string{"RUS", "CUB", "CHN", "FRA", "USA", "COL", "VEN", "IRN"}
	for i := range n {
		first := fmt.Sprintf("Le ministre russe a rencontré son homologue à La Havane, réunion numéro %d.", i)
		text := first + fmt.Sprintf("\nDeuxième phrase %d.", i)
		a := &model.Article{ID: fmt.Sprintf("a%d", i), URL: fmt.Sprintf("https://news.example/%d", i), Lang: "fr",
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%366), Text: text}
		s0 := model.Sentence{Index: 0, Text: first, Start: 0, End: len(first)}
		var ms []model.Event
		for k := range 2 {
			src, tgt := codes[(i+k)%len(codes)], codes[(i+k+3)%len(codes)]
			ms = append(ms, model.Event{Date: a.Published.Format("2006-01-02"), DatePrecision: model.PrecisionDay,
				Source: model.Actor{Code: src + "GOV", Country: src, Agent: "GOV", Text: "ministre russe", Start: 3, End: 18},
				Target: &model.Actor{Code: tgt, Country: tgt, Text: "homologue", Start: 38, End: 47},
				Code:   []string{"040", "043"}[k], Root: "04", QuadClass: 1, Goldstein: 1,
				Plover: model.Plover{Type: "CONSULT"}, Sentence: s0, Trigger: model.Span{Text: "rencontré", Start: 22, End: 33},
				Location: havana, Lang: "fr"})
		}
		if _, err := st.SaveArticle(ctx, &store.Bundle{Article: a, Sentences: []model.Sentence{s0}, Mentions: ms}); err != nil {
			b.Fatal(err)
		}
	}
	return st
}

// BenchmarkExport writes the events of 2,000 articles in each format:
// 2,928 events (articles 1,464 apart share their date and dyads, so their
// mentions merge), or their 4,000 mentions for gdelt-mentions.
//
//	go test ./internal/export -run '^$' -bench Export -benchtime 3x
func BenchmarkExport(b *testing.B) {
	st := benchStore(b, 2000)
	for _, f := range Formats() {
		b.Run(string(f), func(b *testing.B) {
			var stats Stats
			for b.Loop() {
				var err error
				stats, err = Export(context.Background(), st, io.Discard, Options{Format: f, PageSize: 1000})
				if err != nil {
					b.Fatal(err)
				}
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*stats.Records), "ns/record")
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
			b.ReportMetric(float64(stats.Records), "records")
		})
	}
}
