package web

import (
	"strings"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/store"
)

// paragraphs lays out sentences lo..hi of an article (sorted by offset) in
// paragraphs: a line break between two sentences starts a new paragraph.
// Each sentence carries the mentions coded from it and its actors and
// triggers highlighted. Text between sentences that is not blank (a
// dateline, a caption) is kept as plain text. With no sentences, the text
// is shown by paragraphs.
func paragraphs(text string, sents []model.Sentence, lo, hi int, ms []store.Mention) [][]sentView {
	bySentence := map[int][]*store.Mention{}
	for i := range ms {
		bySentence[ms[i].Sentence.Index] = append(bySentence[ms[i].Sentence.Index], &ms[i])
	}
	var paras [][]sentView
	var cur []sentView
	brk := func() {
		if len(cur) > 0 {
			paras = append(paras, cur)
			cur = nil
		}
	}
	plain := func(s string) {
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				brk()
			}
			if t := strings.TrimSpace(line); t != "" {
				cur = append(cur, sentView{Index: -1, Segs: []segment{{Text: t}}})
			}
		}
	}
	if len(sents) == 0 {
		plain(clip(1<<20, text))
		brk()
		return paras
	}
	prev := 0
	if lo > 0 {
		prev = sents[lo-1].End
	}
	for i := lo; i < hi; i++ {
		st := sents[i]
		body := st.Text
		valid := st.Start >= prev && st.End <= len(text) && st.Start <= st.End
		if valid {
			plain(text[prev:st.Start])
			body = text[st.Start:st.End]
			prev = st.End
		}
		// a span given twice (an actor both source and target, one
		// trigger for two events) is drawn once: segments drops the
		// second as overlapping the first
		var spans []span
		mentions := bySentence[st.Index]
		for _, m := range mentions {
			spans = append(spans, mentionSpans(&m.Event, body, st.Start)...)
		}
		cur = append(cur, sentView{Index: st.Index, Segs: segments(body, spans), Mentions: dedupeEvents(mentions)})
	}
	if hi == len(sents) && prev < len(text) {
		plain(text[prev:])
	}
	brk()
	return paras
}

// dedupeEvents keeps one mention per event.
func dedupeEvents(ms []*store.Mention) []*store.Mention {
	var out []*store.Mention
	seen := map[string]bool{}
	for _, m := range ms {
		if !seen[m.EventID] {
			seen[m.EventID] = true
			out = append(out, m)
		}
	}
	return out
}
