package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/simhash"
	"github.com/dyad-events/dyad/internal/store"
)

// RunConcurrent checks that writers, each with its own handle (and so its
// own connections) on one database, can save overlapping batches at the same
// time without losing or duplicating anything: copies, near-copies and
// re-sends of one article race each other, and many articles report the
// same events. newDB creates an empty database and returns a function that
// opens a handle on it (closed when the test ends).
func RunConcurrent(t *testing.T, newDB func(t *testing.T) func(t *testing.T) store.Store) {
	const workers, clusters, rounds = 6, 40, 3
	for round := range rounds {
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			open := newDB(t)
			c := newCorpus(uint64(round), clusters)
			stores := make([]store.Store, workers)
			for w := range stores {
				stores[w] = open(t)
			}
			// every copy goes to at least one worker, most to several
			rng := rand.New(rand.NewPCG(uint64(round), 99))
			plans := make([][]*store.Bundle, workers)
			for i := range c.bundles {
				first := rng.IntN(workers)
				for w := range workers {
					if w == first || rng.IntN(2) == 0 {
						plans[w] = append(plans[w], c.bundles[i].clone())
					}
				}
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			stored := map[string]int{} // cluster → copies saved as a new article
			errs := make(chan error, workers)
			start := make(chan struct{})
			for w := range workers {
				rng := rand.New(rand.NewPCG(uint64(round), uint64(w)))
				plan := plans[w]
				rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					for len(plan) > 0 {
						n := 1
						if w%2 == 1 { // odd workers save batches
							n = min(len(plan), 1+rng.IntN(5))
						}
						rs, err := stores[w].SaveArticles(context.Background(), plan[:n])
						if err != nil {
							errs <- fmt.Errorf("worker %d: %w", w, err)
							return
						}
						mu.Lock()
						for i, r := range rs {
							if !r.Duplicate {
								stored[c.clusterOf[plan[i].Article.ID]]++
							}
						}
						mu.Unlock()
						plan = plan[n:]
					}
				}()
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			for cl := range clusters {
				if n := stored[fmt.Sprint(cl)]; n != 1 {
					t.Errorf("cluster %d stored as a new article %d times; want once", cl, n)
				}
			}
			st := open(t)
			if got := stats(t, st); got != c.stats {
				t.Errorf("stats %+v; want %+v", got, c.stats)
			}
			got := map[string]counts{}
			for _, e := range events(t, st, store.Query{Limit: store.MaxLimit}) {
				got[e.ID] = countsOf(&e)
			}
			if !mapsEqual(got, c.counts) {
				for id, w := range c.counts {
					if got[id] != w {
						t.Errorf("event %s: counts %+v; want %+v", id, got[id], w)
					}
				}
				if len(got) != len(c.counts) {
					t.Errorf("%d events, want %d", len(got), len(c.counts))
				}
			}
		})
	}
}

type bundle struct{ *store.Bundle }

// clone copies a bundle, so that workers never share one.
func (b bundle) clone() *store.Bundle {
	a := *b.Article
	return &store.Bundle{Article: &a, Sentences: append(b.Sentences[:0:0], b.Sentences...), Mentions: append(b.Mentions[:0:0], b.Mentions...)}
}

// corpus is articles in clusters of copies (the same text from other
// outlets, near-copies) with the counts storing them all must give.
type corpus struct {
	bundles   []bundle
	clusterOf map[string]string // article id → cluster
	stats     store.Stats
	counts    map[string]counts // event id → counts
}

var words = strings.Fields(`minister government army police talks visit border trade agreement sanctions aid
	protest election parliament president rebels ceasefire envoy summit treaty security energy oil gas port
	embassy delegation court investigation attack troops drills exercise spokesman officials capital province`)

func newCorpus(seed uint64, clusters int) *corpus {
	rng := rand.New(rand.NewPCG(seed, 7))
	type dyad struct{ src, tgt string }
	dyads := []dyad{{"RUSGOV", "CUB"}, {"CUBGOV", "RUSGOV"}, {"USA", "CHN"}, {"CHNGOV", "USAGOV"}, {"UKR", "RUS"}}
	codes := []string{"040", "042", "057", "112", "190"}
	var pool []M
	for range 12 { // few events, so that articles race on them
		d := dyads[rng.IntN(len(dyads))]
		pool = append(pool, M{Source: d.src, Target: d.tgt, Code: codes[rng.IntN(len(codes))], Date: fmt.Sprintf("2024-03-%02d", 1+rng.IntN(3))})
	}
	outlets := []string{"AFP", "AP", "Reuters", "EFE", "TASS", "Xinhua", "Granma"}
	c := &corpus{clusterOf: map[string]string{}, counts: map[string]counts{}}
	type evAcc struct {
		mentions, articles int
		outlets            map[string]bool
	}
	acc := map[string]*evAcc{}
	for cl := range clusters {
		n := 12 // words: short texts are compared exactly only
		if cl%2 == 0 {
			n = 90 // long enough for near-copy detection
		}
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		ws[0] = fmt.Sprintf("Story%d", cl) // no two clusters share a text
		sentences := func(ws []string) []string {
			var out []string
			for i := 0; i < len(ws); i += 10 {
				out = append(out, strings.Join(ws[i:min(len(ws), i+10)], " ")+".")
			}
			return out
		}
		texts := [][]string{sentences(ws), sentences(ws)} // the original and a copy from another outlet
		if n >= 90 {
			// a near-copy: one word changed, where it moves the fingerprint 3 bits at most
			orig := strings.Join(texts[0], " ")
			for pos := n / 2; pos < n; pos++ {
				ed := append([]string(nil), ws...)
				ed[pos] = "changed"
				if d := simhash.Distance(simhash.Fingerprint(orig), simhash.Fingerprint(strings.Join(sentences(ed), " "))); d <= simhash.NearDuplicate {
					texts = append(texts, sentences(ed))
					break
				}
			}
		}
		var ms []M
		for range 1 + rng.IntN(3) {
			m := pool[rng.IntN(len(pool))]
			m.Sent = rng.IntN(len(texts[0]))
			ms = append(ms, m)
		}
		srcOutlets := map[string]bool{}
		var first *store.Bundle
		for v, sents := range texts {
			id := fmt.Sprintf("c%d-v%d", cl, v)
			outlet := outlets[(cl+v)%len(outlets)]
			b := Article(A{ID: id, URL: "https://news.example/" + id, Outlet: outlet, Lang: "en", Published: "2024-03-03", Sentences: sents}, ms...)
			if first == nil {
				first = b
			}
			c.bundles = append(c.bundles, bundle{b})
			c.clusterOf[id] = fmt.Sprint(cl)
			srcOutlets[outlet] = true
		}
		c.stats.Articles++
		c.stats.Sources += len(texts)
		c.stats.Mentions += len(ms)
		seen := map[string]bool{}
		for i := range first.Mentions {
			id, _ := store.EventKey(&first.Mentions[i], store.DefaultMergeOptions())
			a := acc[id]
			if a == nil {
				a = &evAcc{outlets: map[string]bool{}}
				acc[id] = a
			}
			a.mentions++
			if !seen[id] {
				seen[id] = true
				a.articles += len(texts)
				for o := range srcOutlets {
					a.outlets[o] = true
				}
			}
		}
	}
	for id, a := range acc {
		c.counts[id] = counts{a.mentions, a.articles, len(a.outlets)}
	}
	c.stats.Events = len(c.counts)
	return c
}
