// Package eval scores the coder against gold sets as ../shared/gold/README.md
// defines: events reduced to (sentence anchor, source country, target
// country, root), duplicates dropped, greedy matching in gold order,
// micro-averaged precision, recall and F1 per file.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/text"
)

// Record is one line of a gold file.
type Record struct {
	ID        string      `json:"id"`
	Set       string      `json:"set"`
	Lang      string      `json:"lang"`
	Date      *string     `json:"date"`
	Text      string      `json:"text"`
	Annotated []string    `json:"annotated,omitempty"`
	Events    []GoldEvent `json:"events"`
}

// GoldEvent is one annotated event.
type GoldEvent struct {
	Source   string   `json:"source"`
	Target   string   `json:"target"`
	Code     string   `json:"code"`
	Roots    []string `json:"roots"`
	Sentence string   `json:"sentence,omitempty"`
}

// ReadRecords reads a gold file; a bad line is an error naming the line.
func ReadRecords(r io.Reader, name string) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec Record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: not a gold record: %v", name, n, err)
		}
		if rec.Text == "" {
			return nil, fmt.Errorf("%s:%d: record %q has no text", name, n, rec.ID)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// CodeRecord codes a gold record as one article, in its language and with
// its date, as `dyad eval` does; a record the pipeline refuses gives no
// events.
func CodeRecord(p *pipeline.Pipeline, r *Record) []model.Event {
	a := &model.Article{ID: r.ID, Text: r.Text, Lang: r.Lang}
	if r.Date != nil {
		if t, err := time.Parse("2006-01-02", *r.Date); err == nil {
			a.Published = t
		}
	}
	res, err := p.Process(a, pipeline.ProcessOptions{Lang: r.Lang})
	if err != nil {
		return nil
	}
	return res.Events
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Add adds c2 to c.
func (c *Counts) Add(c2 Counts) { c.TP += c2.TP; c.FP += c2.FP; c.FN += c2.FN }

// Precision is TP/(TP+FP), 0 when undefined.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when undefined.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is 2TP/(2TP+FP+FN), 0 when undefined.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// reduced is an event as scoring sees it.
type reduced struct {
	anchor, src, tgt, root string
}

// anchorKey is the comparison form of a sentence anchor or text.
func anchorKey(s string) string {
	return strings.ToLower(text.NormalizeQuotes(s))
}

func country(code string) string {
	if code == "" {
		return ""
	}
	if len(code) <= 3 {
		return code
	}
	return code[:3]
}

// Reduce turns predicted events into what scoring compares, dropping, for
// annotated records, events whose sentence holds none of the anchors.
func Reduce(rec *Record, events []model.Event) []reducedEvent {
	var anchors []string
	for _, a := range rec.Annotated {
		k := anchorKey(a)
		if utf8.RuneCountInString(k) > 40 {
			k = string([]rune(k)[:40])
		}
		anchors = append(anchors, k)
	}
	var out []reducedEvent
	seen := map[reduced]bool{}
	for i := range events {
		e := &events[i]
		r := reduced{src: country(e.Source.Code), root: e.Root}
		if e.Target != nil {
			r.tgt = country(e.Target.Code)
		}
		if len(anchors) > 0 {
			sent := anchorKey(e.Sentence.Text)
			for k, a := range anchors {
				if strings.Contains(sent, a) {
					r.anchor = rec.Annotated[k]
					break
				}
			}
			if r.anchor == "" {
				continue
			}
		}
		if seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, reducedEvent{r: r, event: e})
	}
	return out
}

type reducedEvent struct {
	r     reduced
	event *model.Event
}

// Match is the outcome of scoring one record.
type Match struct {
	Counts
	// Missed are the gold events no prediction matched; Extra the
	// predictions no gold event matched.
	Missed []GoldEvent
	Extra  []*model.Event
}

// ScoreRecord scores the predicted events of one record.
func ScoreRecord(rec *Record, events []model.Event) Match {
	pred := Reduce(rec, events)
	var m Match
	// gold: drop duplicates
	type gkey struct{ anchor, src, tgt, roots string }
	seen := map[gkey]bool{}
	var gold []GoldEvent
	for _, g := range rec.Events {
		k := gkey{g.Sentence, g.Source, g.Target, strings.Join(g.Roots, ",")}
		if seen[k] {
			continue
		}
		seen[k] = true
		gold = append(gold, g)
	}
	used := make([]bool, len(pred))
	annotated := len(rec.Annotated) > 0
	for _, g := range gold {
		found := false
		for i, p := range pred {
			if used[i] {
				continue
			}
			if annotated && !sameAnchor(g.Sentence, p.r.anchor) {
				continue
			}
			if g.Source != "---" && country(g.Source) != p.r.src {
				continue
			}
			if g.Target != "---" && country(g.Target) != p.r.tgt {
				continue
			}
			if !contains(g.Roots, p.r.root) {
				continue
			}
			used[i] = true
			found = true
			break
		}
		if found {
			m.TP++
		} else {
			m.FN++
			m.Missed = append(m.Missed, g)
		}
	}
	for i, p := range pred {
		if !used[i] {
			m.FP++
			m.Extra = append(m.Extra, p.event)
		}
	}
	return m
}

func sameAnchor(a, b string) bool {
	ka, kb := anchorKey(a), anchorKey(b)
	if utf8.RuneCountInString(ka) > 40 {
		ka = string([]rune(ka)[:40])
	}
	if utf8.RuneCountInString(kb) > 40 {
		kb = string([]rune(kb)[:40])
	}
	return ka == kb
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
