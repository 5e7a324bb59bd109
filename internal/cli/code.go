package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func codeCmd(e *env) *cobra.Command {
	var lang, date, format string
	var explain, unsure bool
	cmd := &cobra.Command{
		Use:   "code [FILE...]",
		Short: "code articles from files or standard input and print their events as JSON lines",
		Long: `Code articles without any database: text, HTML, feed or JSONL files (or standard
input when no file is given) in, one event per line as JSON out. --explain shows, for each
event, the words that made its trigger, source and target and the pattern that fired.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			opt := pipeline.ProcessOptions{Lang: lang, KeepUnsure: unsure}
			if date != "" {
				t, err := time.Parse("2006-01-02", date)
				if err != nil {
					return fmt.Errorf("--date %q: want YYYY-MM-DD", date)
				}
				opt.Date = t
			}
			if len(args) == 0 {
				args = []string{"-"}
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			iopt := ingest.Options{Format: ingest.Format(format), Stdin: e.stdin, Lang: lang}
			return ingest.Read(cmd.Context(), args, iopt, func(a *model.Article, err error) error {
				if err != nil {
					e.fail(err)
					return nil
				}
				res, err := p.Process(a, opt)
				if err != nil {
					e.fail(fmt.Errorf("%s: %w", a.Origin, err))
					return nil
				}
				if explain {
					writeExplain(e, p, a, res)
					return nil
				}
				for i := range res.Events {
					if err := enc.Encode(&res.Events[i]); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&lang, "lang", "", "the language of the input: en, fr or es (default: detect)")
	f.StringVar(&date, "date", "", "publication date YYYY-MM-DD for articles that do not give one")
	f.StringVar(&format, "format", "", "input format: text, html, feed or jsonl (default: from the file name and content)")
	f.BoolVar(&explain, "explain", false, "explain each event: trigger, source, target and the pattern that fired")
	f.BoolVar(&unsure, "unsure", false, "also print future and hypothetical events, marked by their mode")
	return cmd
}

// writeExplain prints a human account of why each event was coded.
func writeExplain(e *env, p *pipeline.Pipeline, a *model.Article, res *pipeline.Result) {
	w := e.stdout
	fmt.Fprintf(w, "# %s (%s, %s detected by %s)\n", a.Origin, a.ID, res.Doc.Lang.Name, res.Doc.Detection.Source)
	last := -1
	for i := range res.Events {
		ev := &res.Events[i]
		if ev.Sentence.Index != last {
			fmt.Fprintf(w, "\n[%d] %s\n", ev.Sentence.Index, ev.Sentence.Text)
			last = ev.Sentence.Index
		}
		name := ""
		if et, ok := p.Coder.Ontology().Lookup(ev.Code); ok {
			name = et.Name
		}
		tgt := "(none)"
		if ev.Target != nil {
			tgt = ev.Target.Code
		}
		fmt.Fprintf(w, "  %s %s: %s -> %s", ev.Code, name, ev.Source.Code, tgt)
		if ev.Mode != "" {
			fmt.Fprintf(w, "  [%s]", ev.Mode)
		}
		fmt.Fprintln(w)
		pat := ""
		if pt := p.Lexicons.For(ev.Lang).PatternAt(ev.Pattern); pt != nil {
			pat = pt.Line
		}
		fmt.Fprintf(w, "      trigger %q  by %s  %s\n", ev.Trigger.Text, ev.Pattern, pat)
		fmt.Fprintf(w, "      source  %q  %s%s\n", ev.Source.Text, ev.Source.Code, nameOf(ev.Source.Name))
		if ev.Target != nil {
			fmt.Fprintf(w, "      target  %q  %s%s\n", ev.Target.Text, ev.Target.Code, nameOf(ev.Target.Name))
		}
		when := ev.Date
		if when == "" {
			when = "unknown"
		}
		fmt.Fprintf(w, "      date    %s (%s)", when, ev.DatePrecision)
		if ev.Location != nil {
			fmt.Fprintf(w, "  place %s, %s", ev.Location.Name, ev.Location.Country)
		}
		fmt.Fprintln(w)
	}
	if len(res.Events) == 0 {
		fmt.Fprintln(w, "  no events")
	}
	fmt.Fprintln(w, strings.Repeat("-", 40))
}

func nameOf(n string) string {
	if n == "" {
		return ""
	}
	return " (" + n + ")"
}
