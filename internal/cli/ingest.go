package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// ingestStats counts what an ingest run did.
type ingestStats struct {
	Articles, Duplicates, Failed, Sentences, Mentions, NewEvents int
	Elapsed                                                      time.Duration
}

func ingestCmd(e *env) *cobra.Command {
	var lang, format string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "ingest [--db PATH] PATH...",
		Short: "code articles and store them: files, directories, - for standard input",
		Long: `Read articles (text .txt, HTML .html/.htm, RSS/Atom feeds, JSONL with one article a
line: "text" required, "id", "url", "title", "lang", "published", "source" optional),
code them and store articles, sentences and events. An article already stored (same id,
same text or a near-copy) adds only its source. Each article is stored in one transaction.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			st, path, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			e.log.Debug("ingest", "db", redact(path))
			stats, err := runIngest(ctx, e, p, st, args, ingest.Options{Lang: lang, Format: ingest.Format(format), Stdin: e.stdin}, !quiet)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "ingested %d articles (%d already stored), %d sentences, %d events (%d new) in %s; %d inputs failed\n",
				stats.Articles, stats.Duplicates, stats.Sentences, stats.Mentions, stats.NewEvents, stats.Elapsed.Round(time.Millisecond), stats.Failed)
			if stats.Articles > 0 && stats.Elapsed > 0 {
				fmt.Fprintf(e.stdout, "%.1f articles/s into %s\n", float64(stats.Articles)/stats.Elapsed.Seconds(), redact(path))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&lang, "lang", "", "language of articles that do not say theirs (default: detect)")
	f.StringVar(&format, "format", "", "input format: text, html, feed or jsonl (default: from the file name and content)")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

type coded struct {
	a   *model.Article
	res *pipeline.Result
	err error
}

// runIngest reads, codes (on every core) and stores (in order, one
// transaction per article) the articles under paths.
func runIngest(ctx context.Context, e *env, p *pipeline.Pipeline, st store.Store, paths []string, opt ingest.Options, progress bool) (ingestStats, error) {
	start := time.Now()
	var stats ingestStats
	var bar *mpb.Bar
	var prog *mpb.Progress
	if n, _ := ingest.Files(paths); progress && n >= 20 && isTerminal(e.stderr) {
		prog = mpb.NewWithContext(ctx, mpb.WithOutput(e.stderr), mpb.WithWidth(40))
		bar = prog.AddBar(int64(n), mpb.PrependDecorators(decor.Name("ingest "), decor.CountersNoUnit("%d/%d files")),
			mpb.AppendDecorators(decor.Percentage(), decor.Name(" "), decor.EwmaETA(decor.ET_STYLE_GO, 30)))
	}
	// reading feeds articles to a bounded set of coding goroutines whose
	// results are stored in reading order, one transaction per article
	results := make(chan chan *coded, 64)
	workers := runtime.GOMAXPROCS(0)
	sem := make(chan struct{}, workers)
	done := make(chan error, 1)
	go func() {
		var firstErr error
		for ch := range results {
			c := <-ch
			if firstErr != nil {
				continue
			}
			if c.err != nil {
				stats.Failed++
				e.fail(c.err)
				continue
			}
			res, err := st.SaveArticle(ctx, &store.Bundle{Article: c.a, Sentences: c.res.Sentences(), Mentions: c.res.Events})
			if err != nil {
				if errors.Is(err, context.Canceled) {
					firstErr = err
					continue
				}
				stats.Failed++
				e.fail(fmt.Errorf("%s: %w", c.a.Origin, err))
				continue
			}
			stats.Articles++
			if res.Duplicate {
				stats.Duplicates++
				continue
			}
			stats.Sentences += res.Sentences
			stats.Mentions += res.Mentions
			stats.NewEvents += res.NewEvents
		}
		done <- firstErr
	}()
	lastOrigin := ""
	err := ingest.Read(ctx, paths, opt, func(a *model.Article, err error) error {
		if bar != nil {
			o := ""
			if a != nil {
				o = fileOf(a.Origin)
			} else {
				var ie *ingest.InputError
				if errors.As(err, &ie) {
					o = fileOf(ie.Origin)
				}
			}
			if o != lastOrigin {
				if lastOrigin != "" {
					bar.Increment()
				}
				lastOrigin = o
			}
		}
		ch := make(chan *coded, 1)
		results <- ch
		if err != nil {
			ch <- &coded{err: err}
			return nil
		}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			res, perr := p.Process(a, pipeline.ProcessOptions{})
			if perr != nil {
				ch <- &coded{a: a, err: fmt.Errorf("%s: %w", a.Origin, perr)}
				return
			}
			ch <- &coded{a: a, res: res}
		}()
		return nil
	})
	close(results)
	serr := <-done
	if bar != nil {
		bar.SetTotal(-1, true)
		prog.Wait()
	}
	stats.Elapsed = time.Since(start)
	if err != nil {
		return stats, err
	}
	return stats, serr
}

func fileOf(origin string) string {
	for i := len(origin) - 1; i >= 0; i-- {
		if origin[i] == ':' || origin[i] == '#' {
			return origin[:i]
		}
	}
	return origin
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
