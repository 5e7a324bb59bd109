package cli

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/store"
)

//go:embed samples/*.txt
var samples embed.FS

func demoCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "code the bundled sample articles, store them and show the events and strongest dyads",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			dir, err := os.MkdirTemp("", "dyad-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			ents, _ := fs.ReadDir(samples, "samples")
			var paths []string
			for _, ent := range ents {
				b, err := samples.ReadFile("samples/" + ent.Name())
				if err != nil {
					return err
				}
				p := filepath.Join(dir, ent.Name())
				if err := os.WriteFile(p, b, 0o644); err != nil {
					return err
				}
				paths = append(paths, p)
			}
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			st, path, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			fmt.Fprintf(e.stdout, "dyad demo: coding %d sample articles into %s\n\n", len(paths), redact(path))
			stats, err := runIngest(ctx, e, p, st, paths, ingest.Options{}, false)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%d articles (%d already stored), %d sentences, %d event mentions\n\n", stats.Articles, stats.Duplicates, stats.Sentences, stats.Mentions)
			evs, err := st.Events(ctx, store.Query{Lang: "fr", Limit: 50})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "Events:")
			if err := writeEvents(e, "table", evs); err != nil {
				return err
			}
			ds, err := st.Dyads(ctx, store.Query{Limit: 10})
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "\nStrongest dyads:")
			writeDyads(e, ds)
			fmt.Fprintf(e.stdout, "\nNext: dyad events --db %s --dyad RUS:CUB --format jsonl\n", redact(path))
			return nil
		},
	}
}
