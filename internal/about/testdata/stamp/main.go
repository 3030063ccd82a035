// Command stamp prints the stamped build of internal/about, one field a
// line; about's tests build it with the Makefile's LDFLAGS.
package main

import (
	"fmt"

	"github.com/reachmap/reachmap/internal/about"
)

func main() {
	b := about.Current()
	fmt.Println(b.Version)
	fmt.Println(b.Commit)
	fmt.Println(b.Date)
}
