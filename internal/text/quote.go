package text

// Quote is a direct quotation and, when the text names one, its speaker.
type Quote struct {
	Start, End int // byte offsets of the quoted words (without the marks)
	Tok0, Tok1 int // token range of the quoted words in Document.Tokens
	// Speaker is the token range [SpeakerTok0, SpeakerTok1) of the words that
	// name the speaker, or -1, -1.
	SpeakerTok0, SpeakerTok1 int
}

// HasSpeaker reports whether the quote's speaker was found.
func (q *Quote) HasSpeaker() bool { return q.SpeakerTok0 >= 0 }

// Speaker returns the words naming the speaker, "" if none.
func (d *Document) Speaker(q *Quote) string {
	if !q.HasSpeaker() {
		return ""
	}
	return d.Article.Text[d.Tokens[q.SpeakerTok0].Start:d.Tokens[q.SpeakerTok1-1].End]
}

// QuoteAt returns the quote that contains token i, or nil.
func (d *Document) QuoteAt(i int) *Quote {
	for k := range d.Quotes {
		q := &d.Quotes[k]
		if q.Tok0 <= i && i < q.Tok1 {
			return q
		}
	}
	return nil
}

// findQuotes pairs quotation marks: « », “ ”, „ “ and straight double
// quotes, within a paragraph, and looks for the speaker next to a speech verb
// just after or just before the quotation.
func findQuotes(d *Document) []Quote {
	var out []Quote
	toks := d.Tokens
	open := -1
	var closer string
	for i := range toks {
		t := &toks[i]
		if t.Flags&FlagPara != 0 {
			open = -1
		}
		if t.Kind != Punct {
			continue
		}
		switch {
		case open < 0 && (t.Text == "«" || t.Text == "“" || t.Text == "„" || t.Text == "\""):
			open = i
			switch t.Text {
			case "«":
				closer = "»"
			case "“":
				closer = "”"
			case "„":
				closer = "“"
			default:
				closer = "\""
			}
		case open >= 0 && (t.Text == closer || (closer == "”" && t.Text == "\"")):
			if i-open > 1 {
				q := Quote{Start: toks[open+1].Start, End: toks[i-1].End, Tok0: open + 1, Tok1: i, SpeakerTok0: -1, SpeakerTok1: -1}
				findSpeaker(d, &q, open, i)
				out = append(out, q)
			}
			open = -1
		}
	}
	return out
}

// findSpeaker looks after the closing mark for ", a déclaré X" / ", said X" /
// ", X said" and before the opening mark for "X a déclaré :" / "X said:".
func findSpeaker(d *Document, q *Quote, open, close int) {
	toks := d.Tokens
	verbs := d.Lang.SpeechVerbs
	if verbs == nil {
		return
	}
	// after: « ... », a déclaré le ministre X.
	end := close + 8
	if end > len(toks) {
		end = len(toks)
	}
	for j := close + 1; j < end; j++ {
		if toks[j].Flags&FlagPara != 0 || toks[j].Fold == "." || toks[j].Fold == "«" {
			break
		}
		if verbs[toks[j].Fold] {
			// speaker before the verb: « ... », the minister said.
			s := j - 1
			for s > close && toks[s].Kind == Word && !isAux(toks[s].Fold) {
				s--
			}
			e := j
			for e > s+1 && isAux(toks[e-1].Fold) {
				e--
			}
			if s+1 < e {
				q.SpeakerTok0, q.SpeakerTok1 = s+1, e
				return
			}
			// speaker after the verb, up to the end of the clause: « ... », a déclaré le ministre.
			k := j + 1
			for k < len(toks) && toks[k].Kind == Word && !verbs[toks[k].Fold] && k-j < 10 {
				k++
			}
			if k > j+1 {
				q.SpeakerTok0, q.SpeakerTok1 = j+1, k
				return
			}
		}
	}
	// before: le ministre a déclaré : « ... »
	for j := open - 1; j >= 0 && j >= open-4; j-- {
		if toks[j].Fold == ":" || toks[j].Fold == "," || toks[j].Fold == "que" || toks[j].Fold == "that" {
			continue
		}
		if verbs[toks[j].Fold] {
			k := j - 1
			for k >= 0 && (verbs[toks[k].Fold] || isAux(toks[k].Fold)) {
				k--
			}
			s := k
			for s >= 0 && toks[s].Kind == Word && k-s < 10 && toks[s].Flags&FlagPara == 0 {
				s--
			}
			if s < k {
				q.SpeakerTok0, q.SpeakerTok1 = s+1, k+1
			}
			return
		}
		break
	}
}

func isAux(f string) bool {
	switch f {
	case "a", "ont", "avait", "has", "had", "have", "ha", "han", "habia", "was", "is", "est", "fue":
		return true
	}
	return false
}
