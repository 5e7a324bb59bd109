package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/store"
)

// queryFlags are the filters every query command shares.
type queryFlags struct {
	actor, dyad, root, code, since, until, country, place, text, lang string
	quad, limit, offset                                               int
}

func (q *queryFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&q.actor, "actor", "", "events with this actor code (or prefix) on either side: RUS, RUSGOV, IGO")
	f.StringVar(&q.dyad, "dyad", "", "events from A to B, as A:B (codes or prefixes; A: or :B for one side)")
	f.StringVar(&q.root, "root", "", "CAMEO root code, two digits (04 consult, 19 fight...)")
	f.StringVar(&q.code, "code", "", "CAMEO event code or prefix")
	f.IntVar(&q.quad, "quad", 0, "GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	f.StringVar(&q.since, "since", "", "events on or after YYYY-MM-DD")
	f.StringVar(&q.until, "until", "", "events on or before YYYY-MM-DD")
	f.StringVar(&q.country, "country", "", "events with this country on either side")
	f.StringVar(&q.place, "place", "", "events at this place (name or country code)")
	f.StringVar(&q.text, "text", "", "events whose evidence sentence contains these words")
	f.StringVar(&q.lang, "lang", "", "events coded from articles in this language")
	f.IntVar(&q.limit, "limit", 100, "at most this many rows")
	f.IntVar(&q.offset, "offset", 0, "skip this many rows")
}

func (q *queryFlags) query() (store.Query, error) {
	sq := store.Query{Actor: q.actor, Root: q.root, Code: q.code, Quad: q.quad, Since: q.since, Until: q.until,
		Country: q.country, Place: q.place, Text: q.text, Lang: q.lang, Limit: q.limit, Offset: q.offset}
	if q.dyad != "" {
		a, b, ok := strings.Cut(q.dyad, ":")
		if !ok {
			return sq, fmt.Errorf("--dyad %q: want SOURCE:TARGET, e.g. RUS:CUB", q.dyad)
		}
		sq.Source, sq.Target = a, b
	}
	if q.root != "" {
		if n, err := strconv.Atoi(q.root); err != nil || n < 1 || n > 20 {
			return sq, fmt.Errorf("--root %q: want a CAMEO root from 01 to 20", q.root)
		}
		if len(q.root) == 1 {
			sq.Root = "0" + q.root
		}
	}
	for _, d := range []string{q.since, q.until} {
		if d != "" && !validDate(d) {
			return sq, fmt.Errorf("date %q: want YYYY-MM-DD", d)
		}
	}
	if q.quad < 0 || q.quad > 4 {
		return sq, fmt.Errorf("--quad %d: want 1 to 4", q.quad)
	}
	if q.limit > store.MaxLimit {
		return sq, fmt.Errorf("--limit %d: at most %d", q.limit, store.MaxLimit)
	}
	return sq, nil
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := strconv.Atoi(s[:4] + s[5:7] + s[8:])
	return err == nil
}

func eventsCmd(e *env) *cobra.Command {
	var qf queryFlags
	var format string
	cmd := &cobra.Command{
		Use:   "events [--format table|jsonl|csv] [filters]",
		Short: "query the stored events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := qf.query()
			if err != nil {
				return err
			}
			st, _, err := e.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			evs, err := st.Events(cmd.Context(), q)
			if err != nil {
				return err
			}
			return writeEvents(e, format, evs)
		},
	}
	qf.add(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, jsonl or csv")
	return cmd
}

// eventCSVHeader is the column order of CSV output.
var eventCSVHeader = []string{"id", "date", "date_precision", "source", "source_name", "target", "target_name", "code", "root",
	"quad_class", "goldstein", "plover_type", "plover_mode", "num_mentions", "num_sources", "num_articles", "place", "place_country", "lat", "lon", "article_id", "sentence"}

func writeEvents(e *env, format string, evs []store.Event) error {
	switch format {
	case "jsonl", "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for i := range evs {
			if err := enc.Encode(&evs[i]); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		w := csv.NewWriter(e.stdout)
		_ = w.Write(eventCSVHeader)
		for _, ev := range evs {
			tc, tn := "", ""
			if ev.Target != nil {
				tc, tn = ev.Target.Code, ev.Target.Name
			}
			place, pc, lat, lon := "", "", "", ""
			if ev.Location != nil {
				place, pc = ev.Location.Name, ev.Location.Country
				if ev.Location.Lat != 0 || ev.Location.Lon != 0 {
					lat, lon = strconv.FormatFloat(ev.Location.Lat, 'f', 5, 64), strconv.FormatFloat(ev.Location.Lon, 'f', 5, 64)
				}
			}
			_ = w.Write([]string{ev.ID, ev.Date, ev.DatePrecision, ev.Source.Code, ev.Source.Name, tc, tn, ev.Code, ev.Root,
				strconv.Itoa(ev.QuadClass), strconv.FormatFloat(ev.Goldstein, 'f', -1, 64), ev.Plover.Type, ev.Plover.Mode,
				strconv.Itoa(ev.NumMentions), strconv.Itoa(ev.NumSources), strconv.Itoa(ev.NumArticles), place, pc, lat, lon, ev.ArticleID, ev.Sentence.Text})
		}
		w.Flush()
		return w.Error()
	case "table", "":
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCODE\tQUAD\tGOLDSTEIN\tMENTIONS\tPLACE\tEVIDENCE")
		for _, ev := range evs {
			tc := "-"
			if ev.Target != nil {
				tc = ev.Target.Code
			}
			place := ""
			if ev.Location != nil {
				place = ev.Location.Name
			}
			d := ev.Date
			if d == "" {
				d = "?"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%+.1f\t%d\t%s\t%s\n", d, ev.Source.Code, tc, ev.Code, ev.QuadClass, ev.Goldstein, ev.NumMentions, place, firstN(ev.Sentence.Text, 70))
		}
		return tw.Flush()
	}
	return fmt.Errorf("--format %q: want table, jsonl or csv", format)
}

func dyadsCmd(e *env) *cobra.Command {
	var qf queryFlags
	cmd := &cobra.Command{
		Use:   "dyads [filters]",
		Short: "the pairs of actors with most events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := qf.query()
			if err != nil {
				return err
			}
			st, _, err := e.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			ds, err := st.Dyads(cmd.Context(), q)
			if err != nil {
				return err
			}
			writeDyads(e, ds)
			return nil
		},
	}
	qf.add(cmd)
	return cmd
}

func writeDyads(e *env, ds []store.DyadCount) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tTARGET\tEVENTS\tMENTIONS\tCOOPERATION\tCONFLICT\tGOLDSTEIN")
	for _, d := range ds {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%+.1f\n", d.Source, d.Target, d.Events, d.Mentions, d.Coop, d.Conflict, d.Goldstein)
	}
	tw.Flush()
}
