package webpage

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The main-text benchmark: pages and snippets from trafilatura's evaluation
// data (see /work/shared/ref/html-extraction/README.md), scored by its rule.
var htmlbenchOut = flag.String("htmlbench.out", "", "write per-case results of TestExtractionBenchmark (JSONL: id, lang, text, counts, missed and leaked snippets) to this file")

// benchFloor is the overall F1 under which TestExtractionBenchmark fails. It
// sits just under the score reached, so that a regression shows.
const benchFloor = 0.94

type benchCase struct {
	ID      string   `json:"id"`
	File    string   `json:"file"`
	Lang    string   `json:"lang"`
	URL     string   `json:"url"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// counts are the confusion counts of the benchmark's scoring rule.
type counts struct {
	Pages, TP, FP, FN, TN int
}

func (c *counts) add(o counts) {
	c.Pages += o.Pages
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.TN += o.TN
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c counts) precision() float64 { return ratio(c.TP, c.TP+c.FP) }
func (c counts) recall() float64    { return ratio(c.TP, c.TP+c.FN) }
func (c counts) f1() float64        { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }
func (c counts) accuracy() float64  { return ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN) }

func (c counts) String() string {
	return fmt.Sprintf("pages %3d  tp %3d fp %3d fn %3d tn %3d  P %.3f R %.3f A %.3f F1 %.3f",
		c.Pages, c.TP, c.FP, c.FN, c.TN, c.precision(), c.recall(), c.accuracy(), c.f1())
}

// normalizeWS is Python's re.sub(r"\s+", " ", s).strip() with str patterns:
// every run of Unicode whitespace (U+001C..U+001F included) becomes one space.
func normalizeWS(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// scoreCase applies the rule to one page: case-sensitive substring tests of
// the normalized snippets in the normalized text.
func scoreCase(c benchCase, text string) (counts, []string, []string) {
	text = normalizeWS(text)
	k := counts{Pages: 1}
	var missed, leaked []string
	for _, s := range c.With {
		if strings.Contains(text, normalizeWS(s)) {
			k.TP++
		} else {
			k.FN++
			missed = append(missed, s)
		}
	}
	for _, s := range c.Without {
		if strings.Contains(text, normalizeWS(s)) {
			k.FP++
			leaked = append(leaked, s)
		} else {
			k.TN++
		}
	}
	return k, missed, leaked
}

// benchDir finds the benchmark: $DYAD_SHARED/ref/html-extraction, or
// ../shared/ref/html-extraction beside the module root.
func benchDir() string {
	if d := os.Getenv("DYAD_SHARED"); d != "" {
		return filepath.Join(d, "ref", "html-extraction")
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "ref", "html-extraction")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func loadCases(t testing.TB, dir string) []benchCase {
	f, err := os.Open(filepath.Join(dir, "cases.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []benchCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c benchCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("cases.jsonl: %v", err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

type caseResult struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Method   string   `json:"method"`
	Best     bool     `json:"best_effort,omitempty"`
	Err      string   `json:"error,omitempty"`
	Millis   int64    `json:"ms"`
	TP       int      `json:"tp"`
	FP       int      `json:"fp"`
	FN       int      `json:"fn"`
	TN       int      `json:"tn"`
	Missed   []string `json:"missed,omitempty"`
	Leaked   []string `json:"leaked,omitempty"`
	Text     string   `json:"text"`
	k        counts
	duration time.Duration
}

func TestExtractionBenchmark(t *testing.T) {
	dir := benchDir()
	if dir == "" {
		t.Skip("benchmark directory not found")
	}
	if _, err := os.Stat(filepath.Join(dir, "cases.jsonl")); err != nil {
		t.Skipf("benchmark not available: %v", err)
	}
	if testing.Short() {
		t.Skip("benchmark skipped in -short mode")
	}
	cases := loadCases(t, dir)
	results := make([]caseResult, len(cases))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = runCase(dir, cases[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()

	byLang := map[string]*counts{}
	var all counts
	var slowest caseResult
	for _, r := range results {
		if byLang[r.Lang] == nil {
			byLang[r.Lang] = &counts{}
		}
		byLang[r.Lang].add(r.k)
		all.add(r.k)
		if r.duration > slowest.duration {
			slowest = r
		}
	}
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t.Logf("%-3s %v", l, *byLang[l])
	}
	t.Logf("all %v", all)
	t.Logf("slowest page: %s (%v)", slowest.ID, slowest.duration.Round(time.Millisecond))

	if *htmlbenchOut != "" {
		f, err := os.Create(*htmlbenchOut)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if all.f1() < benchFloor {
		t.Errorf("overall F1 %.3f is below the floor %.3f", all.f1(), benchFloor)
	}
}

func runCase(dir string, c benchCase) caseResult {
	r := caseResult{ID: c.ID, Lang: c.Lang}
	var text string
	b, err := readGz(filepath.Join(dir, c.File))
	if err == nil {
		start := time.Now()
		var p *Page
		p, err = Extract(strings.NewReader(string(b)), c.URL)
		r.duration = time.Since(start)
		if err == nil {
			text, r.Method, r.Best = p.Text, p.Method, p.BestEffort
		}
	}
	if err != nil {
		r.Err = err.Error()
	}
	r.k, r.Missed, r.Leaked = scoreCase(c, text)
	r.TP, r.FP, r.FN, r.TN = r.k.TP, r.k.FP, r.k.FN, r.k.TN
	r.Millis = r.duration.Milliseconds()
	r.Text = text
	return r
}

// TestScoringRule checks the Go port of the scoring rule against the
// reference extractions shipped with the benchmark, whose scores its README
// publishes.
func TestScoringRule(t *testing.T) {
	dir := benchDir()
	if dir == "" {
		t.Skip("benchmark directory not found")
	}
	if _, err := os.Stat(filepath.Join(dir, "cases.jsonl")); err != nil {
		t.Skipf("benchmark not available: %v", err)
	}
	cases := loadCases(t, dir)
	for _, tc := range []struct {
		file   string
		tp, fp int
		fn, tn int
	}{
		{"visible_text.jsonl.gz", 623, 542, 7, 94},
		{"readability_lxml.jsonl.gz", 463, 47, 167, 589},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := readGz(filepath.Join(dir, "baselines", tc.file))
			if err != nil {
				t.Skipf("baseline not available: %v", err)
			}
			texts := map[string]string{}
			for _, line := range strings.Split(string(b), "\n") {
				if line == "" {
					continue
				}
				var r struct{ ID, Text string }
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatal(err)
				}
				texts[r.ID] = r.Text
			}
			var all counts
			for _, c := range cases {
				k, _, _ := scoreCase(c, texts[c.ID])
				all.add(k)
			}
			if all.TP != tc.tp || all.FP != tc.fp || all.FN != tc.fn || all.TN != tc.tn {
				t.Errorf("got %v, want tp %d fp %d fn %d tn %d", all, tc.tp, tc.fp, tc.fn, tc.tn)
			}
		})
	}
}
