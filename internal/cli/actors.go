package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/coder"
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

func actorsCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actors",
		Short: "what dyad knows of actors: resolve a phrase, list the lexicon",
	}
	var lang, date, kind, code string
	resolve := &cobra.Command{
		Use:   "resolve [--lang L] [--date YYYY-MM-DD] TEXT...",
		Short: "show the actors dyad finds in a phrase or sentence",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			a := &model.Article{ID: "resolve", Text: strings.Join(args, " ")}
			if date != "" {
				t, err := time.Parse("2006-01-02", date)
				if err != nil {
					return fmt.Errorf("--date %q: want YYYY-MM-DD", date)
				}
				a.Published = t
			}
			if lang == "" {
				lang = "en"
				if d := p.Analyzer.Detect(a.Text, ""); d.Lang != nil && len(strings.Fields(a.Text)) > 3 {
					lang = d.Lang.Code
				}
			}
			doc, err := p.Analyzer.Analyze(a, text.Options{Lang: lang})
			if err != nil {
				return err
			}
			found := p.Coder.Actors(doc, coder.Options{})
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "PHRASE\tCODE\tCOUNTRY\tAGENT\tNAME\tNOTE")
			for _, f := range found {
				note := ""
				switch {
				case f.Pronoun:
					note = "pronoun: the last subject"
				case f.Adjectival:
					note = "adjective: qualifies a noun"
				case f.Place != "" || (len(f.Actors) == 0 && f.Country != ""):
					note = "place " + f.Place + " " + f.Country
				}
				if len(f.Actors) == 0 {
					fmt.Fprintf(tw, "%s\t-\t%s\t\t\t%s\n", f.Text, f.Country, note)
				}
				for _, a := range f.Actors {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", f.Text, a.Code, a.Country, a.Agent, a.Name, note)
				}
			}
			if len(found) == 0 {
				fmt.Fprintln(tw, "(no actor found)")
			}
			return tw.Flush()
		},
	}
	resolve.Flags().StringVar(&lang, "lang", "", "language of the text: en, fr, es (default: detect, else en)")
	resolve.Flags().StringVar(&date, "date", "", "date of the text YYYY-MM-DD (picks officials in office then)")
	list := &cobra.Command{
		Use:   "list [--lang L] [--kind K] [--code PREFIX]",
		Short: "list the lexicon's actor entries, with counts per kind",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			langs := []string{"en", "fr", "es"}
			if lang != "" {
				langs = []string{lang}
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			for _, l := range langs {
				lex := p.Lexicons.For(l)
				if lex == nil {
					return fmt.Errorf("--lang %q: want en, fr or es", l)
				}
				if kind == "" && code == "" {
					counts := map[string][2]int{}
					codes := map[string]map[string]bool{}
					for _, en := range lex.Entries {
						k := en.Kind.String()
						c := counts[k]
						c[0]++
						counts[k] = c
						if codes[k] == nil {
							codes[k] = map[string]bool{}
						}
						key := en.Code
						if en.Kind == lexicon.KindPerson {
							key = en.Source + en.Note
						}
						codes[k][key] = true
					}
					var ks []string
					for k := range counts {
						ks = append(ks, k)
					}
					sort.Strings(ks)
					fmt.Fprintf(tw, "%s\tKIND\tPHRASES\tDISTINCT\n", l)
					for _, k := range ks {
						fmt.Fprintf(tw, "\t%s\t%d\t%d\n", k, counts[k][0], len(codes[k]))
					}
					fmt.Fprintf(tw, "\tplaces\t%d\t\n\tpatterns\t%d\t\n", len(p.Lexicons.Places), len(lex.Patterns))
					continue
				}
				for _, en := range lex.Entries {
					if kind != "" && en.Kind.String() != kind {
						continue
					}
					if code != "" && !strings.HasPrefix(en.Code, strings.ToUpper(code)) {
						continue
					}
					dates := ""
					if en.From != 0 || en.Until != 0 {
						dates = fmt.Sprintf("%s..%s", dateStr(en.From), dateStr(en.Until))
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l, en.Code, en.Kind, dates, en.Phrase, en.Source)
				}
			}
			return tw.Flush()
		},
	}
	list.Flags().StringVar(&lang, "lang", "", "one language: en, fr, es (default: all)")
	list.Flags().StringVar(&kind, "kind", "", "entries of one kind: country, demonym, capital, seat, org, group, agent, title, portfolio, person")
	list.Flags().StringVar(&code, "code", "", "entries whose code starts with this")
	cmd.AddCommand(resolve, list)
	return cmd
}

func dateStr(d int32) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}
