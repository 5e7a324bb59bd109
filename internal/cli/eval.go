package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func evalCmd(e *env) *cobra.Command {
	var predictions string
	var errorsOut bool
	cmd := &cobra.Command{
		Use:   "eval [--predictions FILE] GOLD.jsonl...",
		Short: "score the coder against gold sets: precision, recall and F1 per file",
		Long: `Code every record of each gold file and score the events as ../shared/gold/README.md
defines: events reduced to (sentence anchor, source country, target country, root), duplicates
dropped, greedy matching in gold order, micro-averaged precision, recall and F1 per file.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			var pred *os.File
			var penc *json.Encoder
			if predictions != "" {
				pred, err = os.Create(predictions)
				if err != nil {
					return err
				}
				defer pred.Close()
				penc = json.NewEncoder(pred)
				penc.SetEscapeHTML(false)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "file\trecords\tgold\tpredicted\tTP\tFP\tFN\tprecision\trecall\tF1\t")
			var total eval.Counts
			for _, path := range args {
				f, err := os.Open(path)
				if err != nil {
					e.fail(err)
					continue
				}
				recs, err := eval.ReadRecords(f, path)
				f.Close()
				if err != nil {
					e.fail(err)
					continue
				}
				results := codeRecords(p, recs)
				var c eval.Counts
				gold, predicted := 0, 0
				for i := range recs {
					m := eval.ScoreRecord(&recs[i], results[i])
					c.Add(m.Counts)
					gold += m.TP + m.FN
					predicted += m.TP + m.FP
					if penc != nil {
						writePrediction(penc, &recs[i], results[i])
					}
					if errorsOut {
						printErrors(e, &recs[i], m)
					}
				}
				total.Add(c)
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", filepath.Base(path), len(recs), gold, predicted, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
			}
			if len(args) > 1 {
				fmt.Fprintf(tw, "all\t\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", total.TP+total.FN, total.TP+total.FP, total.TP, total.FP, total.FN, total.Precision(), total.Recall(), total.F1())
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&predictions, "predictions", "", "write each record's predicted events to FILE (JSON lines)")
	cmd.Flags().BoolVar(&errorsOut, "errors", false, "print the missed and extra events of every record to standard error")
	return cmd
}

// codeRecords codes each record as one article, in parallel, keeping order.
func codeRecords(p *pipeline.Pipeline, recs []eval.Record) [][]model.Event {
	out := make([][]model.Event, len(recs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = eval.CodeRecord(p, &recs[i])
			}
		}()
	}
	for i := range recs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

type predEvent struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	Code     string `json:"code"`
	Sentence string `json:"sentence"`
}

func writePrediction(enc *json.Encoder, r *eval.Record, evs []model.Event) {
	line := struct {
		ID     string      `json:"id"`
		Events []predEvent `json:"events"`
	}{ID: r.ID, Events: []predEvent{}}
	for _, ev := range evs {
		t := ""
		if ev.Target != nil {
			t = ev.Target.Code
		}
		line.Events = append(line.Events, predEvent{Source: ev.Source.Code, Target: t, Code: ev.Code, Sentence: ev.Sentence.Text})
	}
	_ = enc.Encode(&line)
}

func printErrors(e *env, r *eval.Record, m eval.Match) {
	if len(m.Missed) == 0 && len(m.Extra) == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "== %s: %s\n", r.ID, strings.ReplaceAll(firstN(r.Text, 160), "\n", " "))
	for _, g := range m.Missed {
		fmt.Fprintf(e.stderr, "   missed %s -> %s roots %v (%s) %s\n", g.Source, g.Target, g.Roots, g.Code, g.Sentence)
	}
	for _, x := range m.Extra {
		t := "-"
		if x.Target != nil {
			t = x.Target.Code
		}
		fmt.Fprintf(e.stderr, "   extra  %s -> %s %s trig=%q [%s] %s\n", x.Source.Code, t, x.Code, x.Trigger.Text, x.Pattern, firstN(x.Sentence.Text, 60))
	}
}

// firstN shortens s to at most n runes, marking the cut.
func firstN(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "..."
		}
		i++
	}
	return s
}
