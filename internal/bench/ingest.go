package bench

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// Result is what an ingest run did and what it cost.
type Result struct {
	Articles   int // stored (new or duplicate)
	Duplicates int // stored only as another source of an earlier article
	Failed     int // the pipeline refused them
	Mentions   int
	NewEvents  int // events the mentions created; the rest merged into existing ones
	Elapsed    time.Duration
	// Store is the part of Elapsed spent in SaveArticle: storing and merging.
	Store time.Duration
	// PeakHeapInuse is the largest runtime.MemStats.HeapInuse seen, sampled
	// every SampleEvery articles and at the end.
	PeakHeapInuse uint64
}

// SampleEvery is how often (in articles) Ingest samples the heap.
const SampleEvery = 1000

// Ingest codes the articles gen makes, 0 to n-1, on GOMAXPROCS goroutines
// and stores them in order, one transaction each, as `dyad ingest` does: at
// most a few dozen articles are in memory at once.
func Ingest(ctx context.Context, p *pipeline.Pipeline, st store.Store, gen *Generator, n int) (Result, error) {
	type job struct {
		a    *model.Article
		res  *pipeline.Result
		err  error
		done chan struct{}
	}
	start := time.Now()
	workers := runtime.GOMAXPROCS(0)
	queue := make(chan *job, 4*workers) // in article order, for the writer
	sem := make(chan struct{}, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(queue)
		for i := range n {
			j := &job{a: gen.Article(i), done: make(chan struct{})}
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; close(j.done) }()
				j.res, j.err = p.Process(j.a, pipeline.ProcessOptions{})
			}()
		}
	}()
	var r Result
	var ms runtime.MemStats
	sample := func() {
		runtime.ReadMemStats(&ms)
		r.PeakHeapInuse = max(r.PeakHeapInuse, ms.HeapInuse)
	}
	for j := range queue {
		<-j.done
		if j.err != nil {
			r.Failed++
			continue
		}
		t0 := time.Now()
		res, err := st.SaveArticle(ctx, &store.Bundle{Article: j.a, Sentences: j.res.Sentences(), Mentions: j.res.Events})
		r.Store += time.Since(t0)
		if err != nil {
			return r, fmt.Errorf("ingest %s: %w", j.a.ID, err)
		}
		r.Articles++
		if res.Duplicate {
			r.Duplicates++
		}
		r.Mentions += res.Mentions
		r.NewEvents += res.NewEvents
		if r.Articles%SampleEvery == 0 {
			sample()
		}
	}
	r.Elapsed = time.Since(start)
	sample()
	return r, ctx.Err()
}
