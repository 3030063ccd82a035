// Command azure-standin runs the ARM and Graph stand-in on loopback for a
// manual run of the real binary (scripts/azure-standin.sh). It writes its
// certificate and cloud file into -dir, prints the environment to set,
// and serves until interrupted. It refuses no address but 127.0.0.1.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/reachmap/reachmap/providers/azure/standin"
)

func main() {
	dir := flag.String("dir", os.TempDir(), "directory for the certificate and the cloud file")
	flag.Parse()
	s, err := standin.Start(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "azure-standin:", err)
		os.Exit(1)
	}
	defer s.Close()
	fmt.Printf("REACHMAP_AZURE_CLOUD=%s\nSSL_CERT_FILE=%s\nAZURE_TENANT_ID=%s\nAZURE_CLIENT_ID=%s\nAZURE_CLIENT_SECRET=%s\n",
		s.CloudFile, s.CertFile, standin.Tenant, standin.ClientID, standin.ClientSecret)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	if w := s.Writes(); len(w) > 0 {
		fmt.Fprintln(os.Stderr, "azure-standin: requests other than GET received:", w)
		os.Exit(1)
	}
}
