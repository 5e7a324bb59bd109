package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeStopsGracefully(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	inFlight := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(inFlight)
			time.Sleep(300 * time.Millisecond) // Ctrl-C arrives meanwhile: the answer must still go out
		}
		io.WriteString(w, "ok")
	})
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, "127.0.0.1:0", h, nil, func(a net.Addr) { addrc <- a }) }()
	addr := <-addrc
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/slow")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-inFlight
	cancel()
	if s := <-got; s != "ok" {
		t.Errorf("request in flight at shutdown: %q", s)
	}
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if _, err := http.Get("http://" + addr.String() + "/"); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestServeTaskFailureStops(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	boom := errors.New("feed watcher: state file unwritable")
	task := func(ctx context.Context) error { return boom }
	err := serve(context.Background(), e, "127.0.0.1:0", http.NotFoundHandler(), []func(context.Context) error{task}, nil)
	if !errors.Is(err, boom) {
		t.Errorf("serve = %v; want the task's error", err)
	}
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	t.Setenv("DYAD_TOKEN", "")
	var stderr bytes.Buffer
	code := Run([]string{"serve", "--db", t.TempDir() + "/x.db", "--addr", "0.0.0.0:0"}, strings.NewReader(""), io.Discard, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "reachable from other machines") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
