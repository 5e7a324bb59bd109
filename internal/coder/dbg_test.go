package coder

import (
	"os"
	"testing"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/text/langs"
)

// TestDebugFile is a developer's tool, not a check: it runs only with
// DYAD_DEBUG_FILE set and logs the mentions, phrases (DYAD_DEBUG_NP=1) and
// events of that file, unsure ones included:
//
//	DYAD_DEBUG_FILE=story.txt DYAD_DEBUG_LANG=fr DYAD_DEBUG_NP=1 go test ./internal/coder -run TestDebugFile -v
func TestDebugFile(t *testing.T) {
	f := os.Getenv("DYAD_DEBUG_FILE")
	if f == "" {
		t.Skip()
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	ls := langs.All()
	set, err := lexicon.Load(ls, lexicon.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := text.NewAnalyzer(ls...)
	doc, err := a.Analyze(&model.Article{ID: "x", Text: string(b)}, text.Options{Lang: os.Getenv("DYAD_DEBUG_LANG")})
	if err != nil {
		t.Fatal(err)
	}
	c := New(set)
	if os.Getenv("DYAD_DEBUG_NP") != "" {
		sc := new(scratch)
		ctx := newArticleContext(doc, set.For(doc.Lang.Code), doc.Article.Published)
		for i := range doc.Sentences {
			sc.reset(doc, i, set.For(doc.Lang.Code), ctx)
			sc.findMentions()
			sc.buildPhrases()
			t.Logf("[%d] %s\n%s", i, doc.Sentences[i].Text, sc.dump())
		}
	}
	for _, e := range c.Code(doc, Options{KeepUnsure: true}) {
		tg := "-"
		if e.Target != nil {
			tg = e.Target.Code + "(" + e.Target.Text + ")"
		}
		t.Logf("[%d] %s %s(%s) -> %s  trig=%q mode=%s date=%s loc=%v %s", e.Sentence.Index, e.Code, e.Source.Code, e.Source.Text, tg, e.Trigger.Text, e.Mode, e.Date, e.Location != nil, e.Pattern)
	}
}
