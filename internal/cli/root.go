// Package cli is dyad's command line: one file per subcommand.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// Version is dyad's version, set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // something failed: a bad input, an error
	exitUsage  = 2
)

// env is what every command shares: its streams and global options.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	db             string
	lexicon        string
	verbose        bool
	cpuProfile     string // a file for a CPU profile of the run (for developers)
	log            *slog.Logger
	failed         bool // set when an input failed but the batch went on
}

// errReported is returned by a command that already told the user what went wrong.
var errReported = errors.New("reported")

// Run runs dyad with args and returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	var profiling *os.File
	root := &cobra.Command{
		Use:   "dyad",
		Short: "dyad turns news into political event data: who did what to whom, when and where",
		Long: `dyad reads news articles in English, French and Spanish (text, HTML, RSS/Atom, JSONL),
finds the actors, codes each event in CAMEO (with Goldstein value, quad class and PLOVER
type), ties it to its sentence, resolves its date and place, merges the same event reported
by many articles, and stores it for querying and export.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelWarn
			if e.verbose {
				level = slog.LevelDebug
			}
			e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
			if e.cpuProfile != "" {
				f, err := os.Create(e.cpuProfile)
				if err != nil {
					e.log.Warn("no CPU profile", "err", err)
					return
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					e.log.Warn("no CPU profile", "err", err)
					f.Close()
					return
				}
				profiling = f
			}
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&e.db, "db", "", "database: a SQLite file or a postgres:// address (default $DYAD_DB, else a SQLite file in the user data directory)")
	pf.StringVar(&e.lexicon, "lexicon", os.Getenv("DYAD_LEXICON"), "a lexicon overlay directory (docs/LEXICON.md)")
	pf.BoolVarP(&e.verbose, "verbose", "v", false, "log what dyad does")
	pf.StringVar(&e.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	_ = pf.MarkHidden("cpuprofile")
	root.AddCommand(versionCmd(e), codeCmd(e), evalCmd(e), ingestCmd(e), eventsCmd(e), demoCmd(e), actorsCmd(e), dyadsCmd(e), watchCmd(e), exportCmd(e), serveCmd(e))
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if profiling != nil {
		pprof.StopCPUProfile()
		profiling.Close()
	}
	switch {
	case err == nil && e.failed:
		return exitFailed
	case err == nil:
		return exitOK
	case errors.Is(err, errReported):
		return exitFailed
	case strings.Contains(err.Error(), "unknown command") || strings.Contains(err.Error(), "unknown flag") ||
		strings.Contains(err.Error(), "flag needs") || strings.Contains(err.Error(), "invalid argument") || strings.Contains(err.Error(), "accepts"):
		fmt.Fprintf(stderr, "dyad: %v\nRun 'dyad --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "dyad: %v\n", err)
	return exitFailed
}

// dbPath is where the database lives: --db, $DYAD_DB, or the user's data directory.
func (e *env) dbPath() (string, error) {
	if e.db != "" {
		return e.db, nil
	}
	if p := os.Getenv("DYAD_DB"); p != "" {
		return p, nil
	}
	dir, err := dataDir()
	if err != nil {
		return "", fmt.Errorf("no --db given and no home directory: %w", err)
	}
	return filepath.Join(dir, "dyad.db"), nil
}

// dataDir is dyad's directory in the user's data directory (XDG).
func dataDir() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "dyad"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "dyad"), nil
}

// openStore opens the database the options name.
func (e *env) openStore(ctx context.Context) (store.Store, string, error) {
	p, err := e.dbPath()
	if err != nil {
		return nil, "", err
	}
	if strings.HasPrefix(p, "postgres://") || strings.HasPrefix(p, "postgresql://") {
		st, err := openPostgres(ctx, p)
		return st, p, err
	}
	st, err := sqlite.Open(ctx, p, store.DefaultMergeOptions())
	return st, p, err
}

// pipeline loads the lexicon and builds the coding pipeline.
func (e *env) pipeline() (*pipeline.Pipeline, error) {
	p, err := pipeline.New(pipeline.Options{Lexicon: e.lexicon})
	if err != nil {
		return nil, err
	}
	for _, w := range p.Lexicons.Warnings {
		fmt.Fprintf(e.stderr, "dyad: lexicon overlay: %s (file skipped)\n", w)
	}
	return p, nil
}

// fail reports one bad input and marks the run as failed.
func (e *env) fail(err error) {
	e.failed = true
	fmt.Fprintf(e.stderr, "dyad: %v\n", err)
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print dyad's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(e.stdout, "dyad %s\n", Version)
			return nil
		},
	}
}
