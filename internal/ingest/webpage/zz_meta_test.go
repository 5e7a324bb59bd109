package webpage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestDebugMeta(t *testing.T) {
	dir := benchDir()
	for _, c := range loadCases(t, dir) {
		b, _ := readGz(filepath.Join(dir, c.File))
		p, err := Extract(strings.NewReader(string(b)), c.URL)
		if p == nil {
			fmt.Println(c.ID, "ERR", err)
			continue
		}
		fmt.Printf("%-40.40s %-3s|%-2s|%-25s|%-12.12s|%-20.20s|%-50.50s|%.60s\n", c.ID, c.Lang, p.Lang, p.Published.Format("2006-01-02T15:04Z07:00"), p.Charset, p.Author, p.Title, p.Canonical)
	}
}
