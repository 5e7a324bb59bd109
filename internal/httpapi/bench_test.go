package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
	"github.com/dyad-events/dyad/internal/store/sqlite"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

// BenchmarkAPI measures the API under concurrent clients on loopback over a
// generated database: 100,000 events, or 1,000,000 with DYAD_BENCH_LARGE=1.
// SQLite by default, in a temporary directory; PostgreSQL in a temporary
// schema with DYAD_BENCH_POSTGRES=1 (and DYAD_TEST_POSTGRES). DYAD_BENCH_DB
// names a database to keep and reuse instead: a SQLite file or a
// postgres:// address (its search_path picks the schema). It reports the
// latencies' median and 99th percentile (docs/PERFORMANCE.md).
//
//	go test -run '^$' -bench API -benchtime 2000x ./internal/httpapi
func BenchmarkAPI(b *testing.B) {
	size := 100_000
	if os.Getenv("DYAD_BENCH_LARGE") == "1" {
		size = 1_000_000
	}
	ctx := context.Background()
	var st *store.SQL
	var err error
	backend, db := "sqlite", os.Getenv("DYAD_BENCH_DB")
	switch {
	case strings.HasPrefix(db, "postgres://"):
		backend = "postgres"
		st, err = postgres.Open(ctx, db, store.DefaultMergeOptions(), postgres.DefaultOptions())
	case os.Getenv("DYAD_BENCH_POSTGRES") == "1":
		backend = "postgres"
		st, err = postgres.Open(ctx, storetest.PostgresSchema(b), store.DefaultMergeOptions(), postgres.DefaultOptions())
	default:
		if db == "" {
			db = filepath.Join(b.TempDir(), "bench.db")
		}
		st, err = sqlite.Open(ctx, db, store.DefaultMergeOptions())
	}
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if stats.Events == 0 {
		start := time.Now()
		if stats, err = storetest.Generate(ctx, st, storetest.GenerateOptions{Events: size}); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.Logf("%s: generated %d articles, %d mentions, %d events in %s (%.0f events/s)", backend, stats.Articles, stats.Mentions, stats.Events,
			el.Round(time.Second), float64(stats.Events)/el.Seconds())
	} else {
		b.Logf("%s: reusing %d articles, %d mentions, %d events", backend, stats.Articles, stats.Mentions, stats.Events)
	}
	srv := newServer(b, st, "")
	c := storetest.Countries
	// each kind of query cycles through a few variants, so that no one
	// answer is all that is measured
	queries := map[string][]string{
		"events": {
			"/api/v1/events?limit=50",
			"/api/v1/events?actor=" + c[0] + "&limit=50",
			"/api/v1/events?dyad=" + c[1] + ":" + c[3] + "&limit=50",
			"/api/v1/events?root=19&since=2023-06-01&until=2023-06-30&limit=50",
			"/api/v1/events?country=" + c[12] + "&quad=4&limit=50",
			"/api/v1/events?q=sanctioned+border&limit=50",
		},
		"series": {
			"/api/v1/dyads/" + c[0] + "/" + c[2] + "/series?interval=week&since=2023-01-01&until=2023-12-31&both=true",
			"/api/v1/dyads/" + c[1] + "/" + c[3] + "/series?interval=month&since=2021-01-01&until=2023-12-31",
			"/api/v1/actors/" + c[4] + "/series?interval=day&since=2023-01-01&until=2023-03-31",
		},
		"network": {
			"/api/v1/network?period=2023-06&top=50",
			"/api/v1/network?since=2023-01-01&until=2023-03-31&top=100&quad=4",
			"/api/v1/network?period=2022-11-15",
		},
	}
	for _, name := range []string{"events", "series", "network"} {
		b.Run(name, func(b *testing.B) { benchQueries(b, srv.URL, queries[name]) })
	}
}

// benchQueries runs the queries round-robin from 4 clients per core
// (DYAD_BENCH_PARALLELISM clients per core if set; -cpu sets the cores),
// recording every latency.
func benchQueries(b *testing.B, base string, paths []string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	var lat []time.Duration
	var next int64
	par := 4
	if v, err := strconv.Atoi(os.Getenv("DYAD_BENCH_PARALLELISM")); err == nil && v > 0 {
		par = v
	}
	b.SetParallelism(par)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			mu.Lock()
			p := paths[next%int64(len(paths))]
			next++
			mu.Unlock()
			t0 := time.Now()
			resp, err := client.Get(base + p)
			if err != nil {
				b.Error(err)
				return
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Errorf("%s: %d %v", p, resp.StatusCode, err)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
}

// TestGenerate checks that the benchmark's generator makes what it says.
func TestGenerate(t *testing.T) {
	st := backends()[0].open(t)
	defer st.Close()
	stats, err := storetest.Generate(context.Background(), st, storetest.GenerateOptions{Events: 4000, Batch: 300})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Events < 3600 || stats.Events > 4400 || stats.Mentions != stats.Articles*4 || stats.Sources != stats.Articles {
		t.Errorf("asked for 4000 events, got %+v", stats)
	}
	// the corpus answers the benchmark's queries
	srv := newServer(t, st, "")
	for _, p := range []string{"/api/v1/events?actor=" + storetest.Countries[0], "/api/v1/network?period=2023-06", "/api/v1/events?q=sanctioned+border"} {
		r := get(t, srv.URL+p)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", p, r.status, r.raw)
		}
		var n int
		switch d := r.body["data"].(type) {
		case []any:
			n = len(d)
		case map[string]any:
			n = len(d["edges"].([]any))
		}
		if n == 0 {
			t.Errorf("%s: empty answer on the generated corpus", p)
		}
	}
}
