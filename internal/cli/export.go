package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/export"
)

func exportCmd(e *env) *cobra.Command {
	var qf queryFlags
	var format, out string
	names := export.FormatNames()
	cmd := &cobra.Command{
		Use:   "export --format " + strings.Join(names, "|") + " [--out FILE] [filters]",
		Short: "write the stored events in formats other tools load (GDELT, PLOVER, CSV, JSONL, Parquet)",
		Long: `Write the stored events that the filters select (all of them by default), newest first:

  gdelt           GDELT 2.0 event table: 61 tab-separated columns, no header
  gdelt-mentions  GDELT 2.0 mentions table: 16 tab-separated columns, one line per mention
  plover          PLOVER JSONL, one event a line (events with no PLOVER type are left out)
  csv             a flat table with a header, for spreadsheets and pandas
  jsonl           dyad's event record, one a line, with the URL of its first article
  parquet         the csv table as typed Parquet (needs --out or a redirected standard output)

With --out the file appears only once the export is complete: a failed or interrupted export
leaves nothing behind. docs/EXPORT.md describes every column.`,
		Example: `  dyad export --format gdelt --since 2024-01-01 --out events.tsv
  dyad export --format gdelt-mentions --dyad RUS:CUB > mentions.tsv
  dyad export --format parquet --root 19 --out fights.parquet`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" {
				return fmt.Errorf("--format is required: %s", strings.Join(names, ", "))
			}
			f, err := export.ParseFormat(format)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			// an export pages through the store itself, so its --limit is
			// not capped at the store's largest page
			limit := qf.limit
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			qf.limit = 0
			q, err := qf.query()
			qf.limit = limit
			if err != nil {
				return err
			}
			q.Limit = limit
			toStdout := out == "" || out == "-"
			if f.Binary() && toStdout && isTerminal(e.stdout) {
				return fmt.Errorf("--format %s writes binary data: give --out FILE or redirect standard output to a file", f)
			}
			ctx := cmd.Context()
			st, _, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			opt := export.Options{Format: f, Query: q, Coder: "dyad " + Version}
			var stats export.Stats
			if toStdout {
				stats, err = export.Export(ctx, st, e.stdout, opt)
			} else {
				err = writeFileAtomic(out, func(w io.Writer) error {
					var werr error
					stats, werr = export.Export(ctx, st, w, opt)
					return werr
				})
			}
			if err != nil {
				return err
			}
			if stats.Skipped > 0 {
				fmt.Fprintf(e.stderr, "dyad: export: %d events left out: their CAMEO code (01, statements) has no PLOVER type\n", stats.Skipped)
			}
			e.log.Info("export", "format", string(f), "records", stats.Records, "skipped", stats.Skipped, "out", out)
			return nil
		},
	}
	qf.add(cmd)
	fl := cmd.Flags()
	qf.limit = 0 // an export writes everything unless told otherwise
	if f := fl.Lookup("limit"); f != nil {
		f.DefValue = "0"
		f.Usage = "at most this many records (events; mentions for gdelt-mentions), 0 for all"
	}
	if f := fl.Lookup("offset"); f != nil {
		f.Usage = "skip this many records"
	}
	fl.StringVar(&format, "format", "", "export format: "+strings.Join(names, ", "))
	fl.StringVarP(&out, "out", "o", "", "write to this file (atomically) instead of standard output")
	return cmd
}

// writeFileAtomic writes a file through write into a temporary file beside
// it, and renames that into place only when write succeeded: readers never
// see a partial file, and a failure leaves none.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
