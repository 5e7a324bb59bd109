package webpage

import (
	"strings"
	"testing"
	"time"
)

func TestDebugSlow(t *testing.T) {
	for _, n := range []int{250, 500, 1000, 2000} {
		page := "<p>" + strings.Repeat("<div>", n) + "deep" + strings.Repeat("</div>", 10)
		start := time.Now()
		Extract(strings.NewReader(page), "")
		t.Log(n, time.Since(start))
		start = time.Now()
		Extractor{NoReadability: true}.Extract(strings.NewReader(page), "")
		t.Log(n, "noread", time.Since(start))
	}
}
