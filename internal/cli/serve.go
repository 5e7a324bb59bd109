package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/httpapi"
	"github.com/dyad-events/dyad/internal/web"
)

func serveCmd(e *env) *cobra.Command {
	var addr, token string
	var wf watchFlags
	cmd := &cobra.Command{
		Use:   "serve [--db PATH|postgres://...] [--addr 127.0.0.1:8080] [--token TOKEN]",
		Short: "serve the stored events over HTTP: the JSON API (docs/API.md)",
		Long: `Serve the database's events, articles, series and country network as a JSON API under
/api/v1/ (docs/API.md), with /healthz. By default dyad listens on 127.0.0.1 only; to listen
on another address, give a token (--token or, better, $DYAD_TOKEN, at least 16 characters)
that every API request must send as "Authorization: Bearer TOKEN". Ctrl-C stops it after
the requests in flight are answered.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if token == "" {
				token = os.Getenv("DYAD_TOKEN")
			}
			if err := httpapi.CheckBind(addr, token); err != nil {
				return err
			}
			st, path, err := e.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			p, err := e.pipeline()
			if err != nil {
				return err
			}
			api := httpapi.New(st, httpapi.Options{Token: token, Lexicons: p.Lexicons, Names: p.Lexicons, Log: e.log})
			mux := http.NewServeMux()
			mux.Handle("/api/", api)
			mux.Handle("/healthz", api)
			// tasks run beside the server until it stops (following feeds, say);
			// one that fails stops the server
			var tasks []func(context.Context) error
			uiOpt := web.Options{Log: e.log, Token: token}
			if wf.feeds != "" {
				w, err := e.newWatcher(&wf, p, st, path)
				if err != nil {
					return err
				}
				tasks = append(tasks, w.Run)
				uiOpt.Feeds = feedStatus(w)
			}
			ui, err := web.New(st, uiOpt)
			if err != nil {
				return err
			}
			mux.Handle("/", ui)
			return serve(ctx, e, addr, mux, tasks, func(a net.Addr) {
				fmt.Fprintf(e.stdout, "dyad: serving %s on http://%s/ (web UI) and http://%s/api/v1/ (Ctrl-C to stop)\n", redact(path), a, a)
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; other than loopback needs a token")
	cmd.Flags().StringVar(&token, "token", "", "bearer token API clients must send (default $DYAD_TOKEN)")
	wf.add(cmd)
	return cmd
}

// serve answers h on addr and runs tasks until ctx ends (Ctrl-C) or a task
// fails, then lets requests in flight finish (for up to shutdownWait).
// ready is told the address once it listens.
func serve(ctx context.Context, e *env, addr string, h http.Handler, tasks []func(context.Context) error, ready func(net.Addr)) error {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * httpapi.DefaultTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(e.log.Handler(), slog.LevelWarn),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(tasks)+1)
	var wg sync.WaitGroup
	for _, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := task(ctx); err != nil && ctx.Err() == nil {
				errs <- err
				cancel()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errs <- err
			cancel()
		}
	}()
	if ready != nil {
		ready(ln.Addr())
	}
	<-ctx.Done()
	sctx, scancel := context.WithTimeout(context.Background(), shutdownWait)
	defer scancel()
	serr := srv.Shutdown(sctx)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	if serr != nil {
		return fmt.Errorf("shutdown: %w", serr)
	}
	e.log.Info("server stopped")
	return nil
}

const shutdownWait = 10 * time.Second
