package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/watch"
	"github.com/dyad-events/dyad/internal/web"
)

// watchFlags are the options of following feeds, shared by watch and serve.
type watchFlags struct {
	feeds, state string
	workers      int
	noPages      bool
}

func (wf *watchFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&wf.feeds, "feeds", "", "a feeds file: one feed a line, `URL [interval] [lang] [page]` (docs/DESIGN.md)")
	f.StringVar(&wf.state, "state", "", "the watch state file (default: beside the database, NAME.watch.json)")
	f.IntVar(&wf.workers, "fetchers", watch.DefaultWorkers, "feeds fetched at once")
	f.BoolVar(&wf.noPages, "no-pages", false, "code items with only a summary from it, without reading the page they link to")
}

func watchCmd(e *env) *cobra.Command {
	var wf watchFlags
	var once bool
	cmd := &cobra.Command{
		Use:   "watch --feeds FILE [--state FILE] [--once]",
		Short: "follow RSS/Atom feeds and pages: code and store new articles as they come",
		Long: `Follow the feeds and pages of a feeds file, one a line:

    # address                                      interval  language  kind
    https://www.example.org/international/rss.xml  15m       fr
    https://news.example.com/world/atom.xml                  # every 15 minutes
    https://example.net/live/ukraine.html          1h        en        page

Each source is polled on its own interval with conditional requests (ETag,
Last-Modified), a timeout and a size limit; one that fails is retried later
and later (exponential back-off with jitter) while the others go on. New
items are coded and stored as they come; an item with only a summary is coded
from the main text of the page it links to. What the watcher knows of each
feed (validators, items already seen, failures, next poll) is kept in a state
file, so a restart neither refetches nor recodes. --once polls every source
once and exits (for cron). Ctrl-C stops and saves the state.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if wf.feeds == "" {
				return fmt.Errorf("--feeds FILE is required (one feed address a line)")
			}
			st, dbPath, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			w, err := e.newWatcher(&wf, p, st, dbPath)
			if err != nil {
				return err
			}
			if once {
				if err := w.PollAll(ctx); err != nil {
					return err
				}
				ss := w.Status()
				failed, total := 0, 0
				for _, s := range ss {
					if s.Failures > 0 {
						failed++
						fmt.Fprintf(e.stderr, "dyad: %s: %s\n", s.URL, s.LastError)
					}
					total += s.Articles
				}
				fmt.Fprintf(e.stdout, "polled %d sources (%d failed); %d articles stored from them so far\n", len(ss), failed, total)
				if failed > 0 {
					e.failed = true
				}
				return nil
			}
			fmt.Fprintf(e.stderr, "dyad watch: following %d sources into %s (state %s); Ctrl-C to stop\n", len(w.Status()), redact(dbPath), e.watchStatePath(&wf, dbPath))
			return w.Run(ctx)
		},
	}
	wf.add(cmd)
	cmd.Flags().BoolVar(&once, "once", false, "poll every source once and exit")
	return cmd
}

// newWatcher reads the feeds file and builds a watcher that codes with p
// and stores into st.
func (e *env) newWatcher(wf *watchFlags, p *pipeline.Pipeline, st store.Store, dbPath string) (*watch.Watcher, error) {
	srcs, err := watch.LoadConfig(wf.feeds)
	if err != nil {
		return nil, err
	}
	return watch.New(srcs, watch.PipelineCoder(p), st, watch.Options{
		StatePath: e.watchStatePath(wf, dbPath),
		Workers:   wf.workers,
		NoPages:   wf.noPages,
		UserAgent: "dyad-watch/" + Version + " (political event coder; +https://github.com/dyad-events/dyad)",
		Log:       e.log,
	})
}

// watchStatePath is --state, else NAME.watch.json beside a SQLite database,
// else watch.json in the user's data directory.
func (e *env) watchStatePath(wf *watchFlags, dbPath string) string {
	if wf.state != "" {
		return wf.state
	}
	if dbPath != "" && !strings.Contains(dbPath, "://") {
		return strings.TrimSuffix(dbPath, filepath.Ext(dbPath)) + ".watch.json"
	}
	dir, err := dataDir()
	if err != nil {
		return "watch.json"
	}
	return filepath.Join(dir, "watch.json")
}

// feedStatus adapts a watcher's status for the web UI's feeds page.
func feedStatus(w *watch.Watcher) func() []web.FeedStatus {
	return func() []web.FeedStatus {
		ss := w.Status()
		out := make([]web.FeedStatus, len(ss))
		for i, s := range ss {
			out[i] = web.FeedStatus{URL: s.URL, Kind: s.Kind, Lang: s.Lang, Interval: s.Interval, LastPoll: s.LastPoll,
				LastSuccess: s.LastSuccess, NextPoll: s.NextPoll, Failures: s.Failures, LastError: s.LastError, Articles: s.Articles}
		}
		return out
	}
}
