// Command dyad turns news into political event data. See README.md.
package main

import (
	"os"

	"github.com/dyad-events/dyad/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
