package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// exportDB makes a database of n one-event articles, hand-built (no coder).
func exportDB(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dyad.db")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range n {
		text := fmt.Sprintf("Russia and Cuba held talks number %d in Havana.", i)
		a := &model.Article{ID: fmt.Sprintf("a%d", i), URL: fmt.Sprintf("https://news.example/%d", i), Lang: "en",
			Published: time.Date(2024, 3, 1+i%28, 0, 0, 0, 0, time.UTC), Text: text}
		sent := model.Sentence{Index: 0, Text: text, Start: 0, End: len(text)}
		ev := model.Event{Date: a.Published.Format("2006-01-02"), DatePrecision: model.PrecisionDay,
			Source: model.Actor{Code: "RUS", Country: "RUS", Text: "Russia", Start: 0, End: 6},
			Target: &model.Actor{Code: "CUB", Country: "CUB", Text: "Cuba", Start: 11, End: 15},
			Code:   "046", Root: "04", QuadClass: 1, Goldstein: 7, Plover: model.Plover{Type: "CONSULT"},
			Sentence: sent, Trigger: model.Span{Text: "held talks", Start: 16, End: 26}, Lang: "en"}
		if _, err := st.SaveArticle(ctx, &store.Bundle{Article: a, Sentences: []model.Sentence{sent}, Mentions: []model.Event{ev}}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestExportCommand(t *testing.T) {
	db := exportDB(t, 30)
	dir := t.TempDir()
	out := filepath.Join(dir, "events.tsv")
	code, stdout, stderr := run(t, "", "export", "--db", db, "--format", "gdelt", "--out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 28 { // 30 articles on 28 days: two days have two articles, merged
		t.Errorf("%d events, want 28", len(lines))
	}
	for _, l := range lines {
		if n := len(strings.Split(l, "\t")); n != 61 {
			t.Fatalf("%d columns, want 61: %q", n, l)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the output directory, want the export alone", len(ents))
	}

	// the store's page limit does not cap an export's --limit; filters apply
	code, stdout, _ = run(t, "", "export", "--db", db, "--format", "gdelt-mentions", "--limit", "20000", "--since", "2024-03-20")
	if n := strings.Count(stdout, "\n"); code != 0 || n != 9 {
		t.Errorf("mentions since 2024-03-20: exit %d, %d lines, want 9", code, n)
	}
	code, stdout, _ = run(t, "", "export", "--db", db, "--format", "csv", "--limit", "5", "--offset", "2")
	if n := strings.Count(stdout, "\n"); code != 0 || n != 6 {
		t.Errorf("csv limit 5: exit %d, %d lines, want a header and 5", code, n)
	}
	// parquet to a pipe or file is fine (a terminal is refused)
	code, stdout, stderr = run(t, "", "export", "--db", db, "--format", "parquet")
	if code != 0 || !strings.HasPrefix(stdout, "PAR1") {
		t.Errorf("parquet to stdout: exit %d, stderr %q", code, stderr)
	}
}

func TestExportCommandErrors(t *testing.T) {
	db := exportDB(t, 2)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xml"}, `unknown export format "xml"`},
		{[]string{}, "--format is required"},
		{[]string{"--format", "gdelt", "--limit", "-1"}, "--limit -1"},
		{[]string{"--format", "gdelt", "--since", "March"}, `date "March"`},
		{[]string{"--format", "gdelt", "--out", filepath.Join(dir, "no", "such", "dir", "x.tsv")}, "write "},
	} {
		args := append([]string{"export", "--db", db}, c.args...)
		code, stdout, stderr := run(t, "", args...)
		if code != exitFailed || stdout != "" || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and one line with %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("failed exports left %d files", len(ents))
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.tsv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// a write that fails half way leaves the old file as it was, and no temporary file
	boom := errors.New("boom")
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a line")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files after a failed write, want 1", len(ents))
	}
	// a write that succeeds replaces it
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.Copy(w, bytes.NewBufferString("new\n")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new\n" {
		t.Errorf("after a write the file holds %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}
