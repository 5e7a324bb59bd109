package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// loadPipeline loads the lexicons once for all tests and benchmarks.
var loadPipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) { return pipeline.New(pipeline.Options{}) })

func openStore(tb testing.TB) *store.SQL {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "dyad.db"), store.DefaultMergeOptions())
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestGeneratorIsDeterministic(t *testing.T) {
	g := NewGenerator(1)
	a, b := g.Article(42), g.Article(42)
	if a.Text != b.Text || a.Published != b.Published || a.ID != b.ID {
		t.Fatal("Article(42) differs between calls")
	}
	if g.Article(43).Text == a.Text {
		t.Fatal("two articles, one text")
	}
	for i := range 3 {
		if got := g.Article(i).Lang; got != languages[i] {
			t.Errorf("article %d in %s, want %s", i, got, languages[i])
		}
	}
}

// TestGeneratedArticlesCode checks that the coder finds events in the
// generated articles of every language and that no two articles are taken
// for copies of each other: the benchmark measures coding and merging, not
// duplicate detection.
func TestGeneratedArticlesCode(t *testing.T) {
	p, err := loadPipeline()
	if err != nil {
		t.Fatal(err)
	}
	g := NewGenerator(7)
	const n = 90
	perLang := map[string]int{}
	for i := range n {
		a := g.Article(i)
		res, err := p.Process(a, pipeline.ProcessOptions{})
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if len(res.Events) > 0 {
			perLang[a.Lang]++
		}
	}
	for _, lang := range languages {
		t.Logf("%s: %d of %d articles with events", lang, perLang[lang], n/len(languages))
		if perLang[lang] < n/len(languages)/2 {
			t.Errorf("%s: events in %d of %d articles, want at least half", lang, perLang[lang], n/len(languages))
		}
	}
	st := openStore(t)
	defer st.Close()
	r, err := Ingest(context.Background(), p, st, g, n)
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != n || r.Duplicates != 0 || r.Failed != 0 || r.Mentions == 0 {
		t.Errorf("ingest: %+v, want %d articles, no duplicates, no failures, some mentions", r, n)
	}
}

// BenchmarkIngest ingests 1,000 and 10,000 generated articles (and 100,000
// with DYAD_BENCH_LARGE=1) through the pipeline into a fresh SQLite store,
// and checks that the cost per article does not grow with the store:
//
//	go test ./internal/bench -run '^$' -bench Ingest -benchtime 1x
func BenchmarkIngest(b *testing.B) {
	p, err := loadPipeline()
	if err != nil {
		b.Fatal(err)
	}
	sizes := []int{1000, 10000}
	if os.Getenv("DYAD_BENCH_LARGE") == "1" {
		sizes = append(sizes, 100000)
	}
	perArticle := map[int]float64{}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			var r Result
			var elapsed, storing, cpu float64
			for range b.N {
				b.StopTimer()
				st := openStore(b)
				runtime.GC()
				b.StartTimer()
				c0 := cpuTime()
				var err error
				r, err = Ingest(context.Background(), p, st, NewGenerator(1), n)
				if err != nil {
					b.Fatal(err)
				}
				cpu += (cpuTime() - c0).Seconds()
				b.StopTimer()
				elapsed += r.Elapsed.Seconds()
				storing += r.Store.Seconds()
				st.Close()
				b.StartTimer()
			}
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			ns := elapsed * 1e9 / float64(b.N*n)
			cpuNs := cpu * 1e9 / float64(b.N*n)
			// growth is judged on CPU time, which other processes on a
			// shared machine disturb less than wall time
			perArticle[n] = cpuNs
			if cpuNs == 0 {
				perArticle[n] = ns
			}
			b.ReportMetric(ns, "ns/article")
			b.ReportMetric(cpuNs, "cpu-ns/article")
			b.ReportMetric(float64(n*b.N)/elapsed, "articles/s")
			b.ReportMetric(storing*1e9/float64(b.N*n), "store-ns/article")
			b.ReportMetric(float64(r.Mentions)/float64(n), "mentions/article")
			b.ReportMetric(float64(r.NewEvents), "events")
			b.ReportMetric(float64(r.PeakHeapInuse)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-after-MB")
			b.ReportMetric(float64(r.Duplicates), "duplicates")
			// the generator's texts are templated: among 100,000 a few pairs come
			// close enough to be taken for copies (3 at 100,000), which is fine
			if r.Failed != 0 || r.Duplicates > n/1000 {
				b.Errorf("%d duplicates, %d failed: the generator should make distinct, codable articles", r.Duplicates, r.Failed)
			}
		})
	}
	// near-linear: the cost of an article may grow a little with the store
	// (deeper indexes), but not in proportion to what is already stored
	small := perArticle[sizes[0]]
	for _, n := range sizes[1:] {
		if small == 0 || perArticle[n] == 0 {
			continue
		}
		ratio := perArticle[n] / small
		b.Logf("CPU time per article at %d articles is %.2f× that at %d", n, ratio, sizes[0])
		if ratio > 2 {
			b.Errorf("CPU time per article grows %.2f× from %d to %d articles: ingest is not near-linear", ratio, sizes[0], n)
		}
	}
}
