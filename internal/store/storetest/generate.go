package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// GenerateOptions shape a synthetic corpus.
type GenerateOptions struct {
	Events int    // about this many events (default 100000)
	Seed   uint64 // the same seed makes the same corpus
	Batch  int    // articles saved per transaction (default 500)
	// Progress, if set, is called after each batch with the articles so far.
	Progress func(articles int)
}

// Countries of the synthetic corpus, most reported first: actors are drawn
// from them with a Zipf law, as news is.
var Countries = []string{"USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK",
	"SYR", "IRQ", "AFG", "PRK", "KOR", "JPN", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "VEN", "COL", "CUB",
	"ARG", "CHL", "PER", "ETH", "SDN", "LBY", "YEM", "LBN", "PSE", "POL", "ITA", "ESP", "CAN"}

// GenerateFrom and GenerateUntil bound the synthetic events' dates.
var (
	GenerateFrom  = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	GenerateUntil = time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Generate stores a synthetic corpus of about opt.Events events through
// SaveArticles, in large transactions: articles of four sentences, one
// event mention each, a tenth of them another report of a recent event.
// It returns what the store then holds.
func Generate(ctx context.Context, st store.Store, opt GenerateOptions) (store.Stats, error) {
	if opt.Events <= 0 {
		opt.Events = 100_000
	}
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	zipf := rand.NewZipf(rng, 1.3, 2, uint64(len(Countries)-1))
	agents := []string{"", "GOV", "GOV", "MIL", "COP", "OPP"}
	ont := cameo.Default()
	var codes []*cameo.EventType
	for _, c := range ont.Codes() {
		if et, ok := ont.Lookup(c); ok && len(c) == 3 {
			codes = append(codes, et)
		}
	}
	days := int(GenerateUntil.Sub(GenerateFrom).Hours()/24) + 1
	verbs := []string{"met", "criticised", "accused", "praised", "threatened", "visited", "hosted", "sanctioned", "attacked", "aided"}
	actor := func() model.Actor {
		c := Countries[zipf.Uint64()]
		a := agents[rng.IntN(len(agents))]
		return model.Actor{Code: c + a, Country: c, Agent: a, Text: c + " " + strings.ToLower(a)}
	}
	const perArticle = 4
	articles := opt.Events * 10 / 9 / perArticle
	var recent []model.Event // events to report again
	batch := make([]*store.Bundle, 0, opt.Batch)
	optimizer, _ := st.(interface{ Optimize(context.Context) error })
	batches, nextOptimize := 0, 1
	for i := range articles {
		date := GenerateFrom.AddDate(0, 0, rng.IntN(days))
		a := &model.Article{ID: fmt.Sprintf("gen-%08d", i), URL: fmt.Sprintf("https://news%d.example/%d", i%97, i),
			Source: fmt.Sprintf("Outlet %d", i%97), Lang: "en", Published: date, Origin: "generated"}
		var text strings.Builder
		b := &store.Bundle{Article: a}
		for s := range perArticle {
			var ev model.Event
			if len(recent) > 0 && rng.IntN(10) == 0 {
				ev = recent[rng.IntN(len(recent))]
			} else {
				src, tgt := actor(), actor()
				et := codes[rng.IntN(len(codes))]
				ev = model.Event{Source: src, Target: &tgt, Code: et.Code, Root: et.Root(), QuadClass: et.QuadClass, Goldstein: et.Goldstein,
					Plover: et.Plover, Date: date.Format("2006-01-02"), DatePrecision: model.PrecisionDay, Lang: "en"}
				if rng.IntN(3) == 0 {
					ev.Location = &model.Location{Name: "City " + tgt.Country, Country: tgt.Country}
				}
				if len(recent) < 5000 {
					recent = append(recent, ev)
				} else {
					recent[rng.IntN(len(recent))] = ev
				}
			}
			if s > 0 {
				text.WriteByte(' ')
			}
			start := text.Len()
			verb := verbs[rng.IntN(len(verbs))]
			fmt.Fprintf(&text, "In report %d, %s %s %s over %s.", i, ev.Source.Text, verb, ev.Target.Text, words[rng.IntN(len(words))])
			st := model.Sentence{Index: s, Start: start, End: text.Len(), Text: text.String()[start:]}
			ev.ID = fmt.Sprintf("m%d", s)
			ev.ArticleID = a.ID
			ev.Sentence = st
			ev.Trigger = model.Span{Text: verb}
			b.Sentences = append(b.Sentences, st)
			b.Mentions = append(b.Mentions, ev)
		}
		a.Text = text.String()
		batch = append(batch, b)
		if len(batch) == opt.Batch || i == articles-1 {
			if _, err := st.SaveArticles(ctx, batch); err != nil {
				return store.Stats{}, fmt.Errorf("generate: %w", err)
			}
			batch = batch[:0]
			// the planner's statistics must follow the growing tables, or
			// it plans for the small ones they were
			if batches++; optimizer != nil && (batches == nextOptimize || i == articles-1) {
				nextOptimize *= 2
				if err := optimizer.Optimize(ctx); err != nil {
					return store.Stats{}, fmt.Errorf("generate: %w", err)
				}
			}
			if opt.Progress != nil {
				opt.Progress(i + 1)
			}
		}
	}
	return st.Stats(ctx)
}
