package eval_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/refdata"
)

// floors are the scores the coder must keep on the gold sets in
// ../shared/gold (docs/ACCURACY.md has the current figures): a change that
// drops below them is a regression. They sit a little under what the coder
// scores, so that noise in one record does not fail the build.
var floors = map[string]struct{ p, f1 float64 }{
	"seeds.fr.jsonl":                {0.90, 0.82},
	"petr2_gsr.jsonl":               {0.65, 0.63},
	"plover_gsr.jsonl":              {0.57, 0.58},
	"es_validation_1018.jsonl":      {0.60, 0.54},
	"conflibert_cameo_class.jsonl":  {0.72, 0.74},
	"cameo_codebook_examples.jsonl": {0.69, 0.70},
}

func TestGoldFloors(t *testing.T) {
	dir := refdata.Path(t, "gold")
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, floor := range floors {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		recs, err := eval.ReadRecords(f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var c eval.Counts
		for i := range recs {
			c.Add(eval.ScoreRecord(&recs[i], eval.CodeRecord(p, &recs[i])).Counts)
		}
		msg := fmt.Sprintf("%s: P %.3f R %.3f F1 %.3f (TP %d FP %d FN %d)", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		t.Log(msg)
		if c.Precision() < floor.p || c.F1() < floor.f1 {
			t.Errorf("%s below the floor P %.2f F1 %.2f", msg, floor.p, floor.f1)
		}
	}
}
