package eval

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/model"
)

func ev(src, tgt, code, sentence string) model.Event {
	e := model.Event{Source: model.Actor{Code: src}, Code: code, Root: code[:2], Sentence: model.Sentence{Text: sentence}}
	if tgt != "" {
		e.Target = &model.Actor{Code: tgt}
	}
	return e
}

// TestScoring follows ../shared/gold/README.md: reduce to (anchor, source
// country, target country, root), drop duplicates, match greedily in gold
// order, --- matches anything.
func TestScoring(t *testing.T) {
	rec := &Record{ID: "r", Events: []GoldEvent{
		{Source: "RUSGOV", Target: "CUB", Roots: []string{"04"}},
		{Source: "CUBGOV", Target: "RUSGOV", Roots: []string{"04"}},
		{Source: "---", Target: "---", Roots: []string{"19"}},
		{Source: "USA", Target: "CUB", Roots: []string{"13", "16", "17"}},
	}}
	pred := []model.Event{
		ev("RUSGOV", "CUBGOV", "042", "s"), // matches gold 1 (countries only)
		ev("RUS", "CUB", "042", "s"),       // duplicate of the first once reduced
		ev("CUBGOV", "RUSGOV", "043", "s"), // gold 2
		ev("REB", "", "190", "s"),          // gold 3: --- matches an agent-only source and no target
		ev("USA", "VEN", "172", "s"),       // wrong target: FP, and gold 4 is FN
	}
	m := ScoreRecord(rec, pred)
	if m.TP != 3 || m.FP != 1 || m.FN != 1 {
		t.Fatalf("TP %d FP %d FN %d, want 3 1 1", m.TP, m.FP, m.FN)
	}
	if m.Precision() != 0.75 || m.Recall() != 0.75 {
		t.Errorf("P %.2f R %.2f", m.Precision(), m.Recall())
	}
}

func TestAnchors(t *testing.T) {
	rec := &Record{ID: "a", Annotated: []string{"Le ministre russe de l’Intérieur a atterri à La Havane, accu"},
		Events: []GoldEvent{{Source: "RUSGOV", Target: "CUB", Roots: []string{"04"}, Sentence: "Le ministre russe de l’Intérieur a atterri à La Havane, accu"}}}
	pred := []model.Event{
		ev("RUSGOV", "CUB", "042", "Le ministre russe de l'Intérieur  a atterri à La Havane, accueilli par son homologue."), // straight apostrophe, double space
		ev("RUSGOV", "USA", "111", "Une phrase qui n'est pas annotée."),                                                     // dropped: no anchor
	}
	m := ScoreRecord(rec, pred)
	if m.TP != 1 || m.FP != 0 || m.FN != 0 {
		t.Errorf("TP %d FP %d FN %d: events in un-annotated sentences are dropped, anchors compared normalised", m.TP, m.FP, m.FN)
	}
}

func TestReadRecordsErrors(t *testing.T) {
	_, err := ReadRecords(strings.NewReader(`{"id": "x", "text": "ok", "events": []}`+"\n"+`{"id": "y"`), "g.jsonl")
	if err == nil || !strings.Contains(err.Error(), "g.jsonl:2") {
		t.Errorf("error %v: want it to name g.jsonl:2", err)
	}
	_, err = ReadRecords(strings.NewReader(`{"id": "z", "events": []}`), "g.jsonl")
	if err == nil || !strings.Contains(err.Error(), "no text") {
		t.Errorf("error %v: want 'no text'", err)
	}
}
