package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// BenchmarkPages times each page over a store of many events (default
// 20,000; DYAD_WEB_BENCH_EVENTS=1000000 for a million, which takes a while
// to build; DYAD_WEB_BENCH_DB=FILE keeps the store between runs):
//
//	go test ./internal/web -run '^$' -bench Pages -benchtime 20x
func BenchmarkPages(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("DYAD_WEB_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	path := os.Getenv("DYAD_WEB_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	st, err := sqlite.Open(ctx, path, store.DefaultMergeOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if stats, _ := st.Stats(ctx); stats.Events < n {
		fillBench(b, st, n-stats.Events, stats.Events)
	}
	s, err := New(st, Options{CacheTTL: -1, Now: func() time.Time { return time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
	evs, _ := st.Events(ctx, store.Query{Limit: 1})
	for _, page := range []string{"/", "/?days=365", "/dyad/USA/CHN", "/dyad/USA/CHN?interval=day", "/search?q=talks", "/search?actor=RUS&root=19",
		"/event/" + evs[0].ID, "/article/" + evs[0].ArticleID} {
		b.Run(page, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, page, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", page, rec.Code)
				}
			}
		})
	}
}

// fillBench stores n one-sentence articles with an event each, among 40
// countries over 2024.
func fillBench(b *testing.B, st store.Store, n, from int) {
	countries := []string{"USA", "CHN", "RUS", "UKR", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "PAK", "BRA", "MEX", "EGY", "SAU",
		"JPN", "KOR", "PRK", "VEN", "COL", "CUB", "SYR", "IRQ", "AFG", "NGA", "ETH", "KEN", "ZAF", "ARG", "CHL", "PER", "ESP", "ITA",
		"POL", "SRB", "GRC", "QAT", "ARE", "IDN"}
	codes := []string{"040", "042", "043", "036", "057", "071", "111", "112", "130", "172", "190", "195"}
	var batch []*store.Bundle
	for i := from; i < from+n; i++ {
		src, tgt := countries[i%len(countries)], countries[(i/len(countries)+1+i)%len(countries)]
		if src == tgt {
			tgt = "USA"
			if src == "USA" {
				tgt = "CHN"
			}
		}
		code := codes[(i/7)%len(codes)]
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%366).Format(dateLayout)
		text := fmt.Sprintf("%s officials held talks with %s envoys about case %d.", src, tgt, i)
		sent := model.Sentence{Index: 0, Text: text, Start: 0, End: len(text)}
		m := model.Event{Code: code, Root: code[:2], QuadClass: map[byte]int{'0': 1, '1': 3}[code[0]], Sentence: sent, Date: date, DatePrecision: model.PrecisionDay, Lang: "en",
			Source: model.Actor{Code: src + "GOV", Country: src, Agent: "GOV", Text: src + " officials", Start: 0, End: 3 + len(" officials")},
			Target: &model.Actor{Code: tgt, Country: tgt, Text: tgt, Start: len(src) + 26, End: len(src) + 29}}
		if code >= "07" && code < "10" {
			m.QuadClass = 2
		} else if code >= "14" {
			m.QuadClass = 4
		}
		m.Trigger = model.Span{Text: "held talks", Start: len(src) + 11, End: len(src) + 21}
		id := fmt.Sprintf("bench-%08d", i)
		m.ArticleID = id
		batch = append(batch, &store.Bundle{Article: &model.Article{ID: id, URL: "https://bench.example/" + id, Lang: "en", Text: text, Title: text,
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, Sentences: []model.Sentence{sent}, Mentions: []model.Event{m}})
		if len(batch) == 2000 || i == from+n-1 {
			if _, err := st.SaveArticles(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}
