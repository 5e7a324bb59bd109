package coder

import (
	"fmt"
	"strings"
)

// dump describes the mentions and phrases of the scratch's sentence.
func (s *scratch) dump() string {
	var b strings.Builder
	for i := range s.toks {
		if mi := s.mentAt[i]; mi >= 0 && s.ments[mi].start == i {
			m := &s.ments[mi]
			txt, _, _ := s.span(m.start, m.end)
			fmt.Fprintf(&b, "  M[%s kind=%v name=%v]", txt, m.kind, m.name)
		}
	}
	b.WriteString("\n")
	for k := range s.nps {
		np := &s.nps[k]
		txt, _, _ := s.span(np.start, np.end)
		prep := ""
		if np.prepTok >= 0 {
			prep = s.toks[np.prepTok].Text
		}
		codes := []string{}
		for _, a := range np.actors {
			codes = append(codes, a.Code)
		}
		fmt.Fprintf(&b, "  NP[%s] prep=%q actors=%v pron=%v place=%v country=%s\n", txt, prep, codes, np.pronoun, np.placeOnly, np.country)
	}
	return b.String()
}
