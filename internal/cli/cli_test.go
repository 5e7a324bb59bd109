package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/store"
)

// run runs dyad with args and returns its exit status, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func sampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := samples.ReadDir("samples")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		b, _ := samples.ReadFile("samples/" + e.Name())
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "dyad ") {
		t.Errorf("version: %d %q", code, out)
	}
	code, _, errs := run(t, "", "no-such-command")
	if code != exitUsage || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
}

func TestIngestQueryReingest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	dir := sampleDir(t)
	code, out, errs := run(t, "", "ingest", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "ingested 2 articles (0 already stored)") {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "", "ingest", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "ingested 2 articles (2 already stored), 0 sentences, 0 events") {
		t.Fatalf("re-ingest must add nothing: %d\n%s", code, out)
	}
	code, out, errs = run(t, "", "events", "--db", db, "--dyad", "RUS:CUB", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("events: %d %s", code, errs)
	}
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev store.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("events jsonl line %q: %v", line, err)
		}
		if !strings.HasPrefix(ev.Source.Code, "RUS") || ev.Target == nil || !strings.HasPrefix(ev.Target.Code, "CUB") {
			t.Errorf("--dyad RUS:CUB returned %s -> %v", ev.Source.Code, ev.Target)
		}
		if ev.Code == "042" && strings.HasPrefix(ev.Sentence.Text, "Le ministre russe de l’Intérieur a atterri à La Havane") {
			found = true
			if ev.NumMentions < 1 || ev.NumArticles < 1 || ev.Root != "04" || ev.QuadClass != 1 || ev.Goldstein != 1.9 || ev.Plover.Type != "CONSULT" {
				t.Errorf("event record incomplete: %+v", ev)
			}
		}
	}
	if !found {
		t.Errorf("no RUS -> CUB 042 with the landing sentence in:\n%s", out)
	}
	code, out, _ = run(t, "", "events", "--db", db, "--format", "csv", "--root", "4")
	if code != 0 || !strings.HasPrefix(out, strings.Join(eventCSVHeader, ",")) {
		t.Errorf("csv: %d %q", code, firstN(out, 200))
	}
	code, out, _ = run(t, "", "dyads", "--db", db)
	if code != 0 || !strings.Contains(out, "RUSGOV") {
		t.Errorf("dyads: %d %s", code, out)
	}
	code, _, errs = run(t, "", "events", "--db", db, "--since", "yesterday")
	if code == 0 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad --since accepted: %d %s", code, errs)
	}
}

func TestIngestBadInputsGoOn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Le ministre russe de l'Intérieur a atterri à La Havane, accueilli par son homologue cubain."), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("\x00\x01binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte("{\"text\": \"Der Minister ist in Havanna gelandet und wurde von seinem Kollegen empfangen, hieß es am Freitag.\"}\n{broken\n"), 0o644)
	code, out, errs := run(t, "", "ingest", "--db", db, dir)
	if code != exitFailed {
		t.Errorf("exit %d, want %d when an input failed", code, exitFailed)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one error line per bad input (binary, German, broken JSON), got:\n%s", errs)
	}
	for i, want := range []string{"b.txt: binary", "c.jsonl:1: unsupported language", "c.jsonl:2: bad format"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("error line %q: want %q", lines[i], want)
		}
	}
	if !strings.Contains(out, "ingested 1 articles") || !strings.Contains(out, "3 inputs failed") {
		t.Errorf("summary: %s", out)
	}
}

func TestCode(t *testing.T) {
	code, out, errs := run(t, "Le ministre russe de l’Intérieur a atterri à La Havane, accueilli par son homologue cubain.", "code", "--lang", "fr", "--date", "2025-06-01")
	if code != 0 {
		t.Fatalf("code: %d %s", code, errs)
	}
	var evs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		evs = append(evs, ev)
	}
	want := map[string]bool{"RUSGOV CUB 042": false, "CUBGOV RUSGOV 043": false}
	for _, ev := range evs {
		for _, k := range []string{"id", "article_id", "date", "date_precision", "source", "target", "code", "root", "quad_class", "goldstein", "plover", "sentence"} {
			if _, ok := ev[k]; !ok {
				t.Errorf("event lacks %q: %v", k, ev)
			}
		}
		src := ev["source"].(map[string]any)["code"].(string)
		tgt := ev["target"].(map[string]any)["code"].(string)
		want[src+" "+tgt+" "+ev["code"].(string)] = true
		if ev["date"] != "2025-06-01" {
			t.Errorf("date %v, want the --date given", ev["date"])
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("missing %s in\n%s", k, out)
		}
	}
	code, out, _ = run(t, "Le ministre russe de l’Intérieur a atterri à La Havane.", "code", "--explain", "--lang", "fr")
	if code != 0 || !strings.Contains(out, "trigger \"a atterri\"") || !strings.Contains(out, "patterns.txt:") {
		t.Errorf("explain: %s", out)
	}
}

func TestEval(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "g.jsonl")
	os.WriteFile(gold, []byte(`{"id": "r1", "lang": "fr", "date": null, "text": "Le ministre russe de l’Intérieur a atterri à La Havane, accueilli par son homologue cubain.", "events": [{"source": "RUSGOV", "target": "CUB", "code": "042", "roots": ["04"]}, {"source": "CUBGOV", "target": "RUSGOV", "code": "043", "roots": ["04"]}, {"source": "CUB", "target": "---", "code": "190", "roots": ["19"]}]}
`), 0o644)
	pred := filepath.Join(dir, "p.jsonl")
	code, out, errs := run(t, "", "eval", "--predictions", pred, gold)
	if code != 0 {
		t.Fatalf("eval: %d %s", code, errs)
	}
	// three gold events, two found: recall 0.667
	if !strings.Contains(out, "g.jsonl") || !strings.Contains(out, "0.667") {
		t.Errorf("eval output:\n%s", out)
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	var line struct {
		ID     string `json:"id"`
		Events []struct {
			Source, Target, Code, Sentence string
		} `json:"events"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(b), &line); err != nil || line.ID != "r1" || len(line.Events) == 0 || line.Events[0].Sentence == "" {
		t.Errorf("predictions line %s: %v", b, err)
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := run(t, "", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	for _, want := range []string{"2 articles", "Events:", "042", "Strongest dyads:", "RUSGOV"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

func TestActors(t *testing.T) {
	code, out, errs := run(t, "", "actors", "resolve", "--lang", "fr", "le ministre chinois de la Sécurité publique, Wang Xiaohong")
	if code != 0 || !strings.Contains(out, "CHNGOV") || !strings.Contains(out, "Wang Xiaohong") {
		t.Errorf("resolve: %d %s %s", code, out, errs)
	}
	code, out, _ = run(t, "", "actors", "resolve", "--lang", "fr", "--date", "2015-01-01", "Kolokoltsev")
	if code != 0 || !strings.Contains(out, "RUSGOV") {
		t.Errorf("resolve dated official: %d %s", code, out)
	}
	code, out, _ = run(t, "", "actors", "list", "--lang", "es")
	if code != 0 || !strings.Contains(out, "country") || !strings.Contains(out, "person") {
		t.Errorf("list: %d %s", code, out)
	}
}
