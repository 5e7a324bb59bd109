package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

func TestZZTime(t *testing.T) {
	st, err := sqlite.Open(context.Background(), os.Getenv("ZZ_DB"), store.DefaultMergeOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := newServer(t, st, "")
	for _, p := range []string{
		"/api/v1/events?limit=50",
		"/api/v1/events?actor=USA&limit=50",
		"/api/v1/events?dyad=RUS:UKR&limit=50",
		"/api/v1/events?root=19&since=2023-06-01&until=2023-06-30&limit=50",
		"/api/v1/events?country=SYR&quad=4&limit=50",
		"/api/v1/events?q=sanctioned+border&limit=50",
		"/api/v1/dyads/USA/CHN/series?interval=week&since=2023-01-01&until=2023-12-31&both=true",
		"/api/v1/dyads/RUS/UKR/series?interval=month&since=2021-01-01&until=2023-12-31",
		"/api/v1/actors/ISR/series?interval=day&since=2023-01-01&until=2023-03-31",
		"/api/v1/network?period=2023-06&top=50",
		"/api/v1/network?since=2023-01-01&until=2023-03-31&top=100&quad=4",
		"/api/v1/network?period=2022-11-15",
	} {
		for i := 0; i < 3; i++ {
			t0 := time.Now()
			resp, err := http.Get(srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Logf("%6.1fms %d %6d %s", float64(time.Since(t0).Microseconds())/1000, resp.StatusCode, len(b), p)
		}
	}
}
