package gcp

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/reachmap/reachmap/providers"
)

// service is one Google API the scan reads, with what a person must do
// when it refuses: the API to enable, the minimal predefined role.
type service struct {
	Title string // "Cloud SQL Admin API"
	Host  string // "sqladmin.googleapis.com"
	Role  string // "roles/cloudsql.viewer"
}

var (
	svcStorage   = service{"Cloud Storage JSON API", "storage.googleapis.com", "roles/storage.bucketViewer"}
	svcSQL       = service{"Cloud SQL Admin API", "sqladmin.googleapis.com", "roles/cloudsql.viewer"}
	svcBigQuery  = service{"BigQuery API", "bigquery.googleapis.com", "roles/bigquery.metadataViewer"}
	svcFirestore = service{"Cloud Firestore API", "firestore.googleapis.com", "roles/datastore.viewer"}
	svcCompute   = service{"Compute Engine API", "compute.googleapis.com", "roles/compute.viewer"}
	svcProjects  = service{"Cloud Resource Manager API", "cloudresourcemanager.googleapis.com", "roles/browser"}
)

// Services are the APIs a scan reads, for the README and the window's
// list of roles.
func Services() []service {
	return []service{svcProjects, svcStorage, svcSQL, svcBigQuery, svcFirestore, svcCompute}
}

// gapFor turns a failed call into a gap that says what to do. It returns
// false for a cancelled scan, which is no gap.
func gapFor(ctx context.Context, account string, svc service, what string, err error) (providers.Gap, bool) {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return providers.Gap{}, false
	}
	g := providers.Gap{Provider: "gcp", Account: account, Error: what + ": " + err.Error()}
	var ae *apiError
	if !errors.As(err, &ae) {
		if isTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
			g.Hint = fmt.Sprintf("The %s did not answer in time: check the network, then scan again.", svc.Title)
		} else {
			g.Hint = fmt.Sprintf("Check the network and the credentials, then scan again (%s).", svc.Host)
		}
		return g, true
	}
	host := svc.Host
	if ae.Service != "" {
		host = ae.Service
	}
	switch {
	case ae.Timeout:
		g.Hint = fmt.Sprintf("The %s did not answer in time: check the network, then scan again.", svc.Title)
	case ae.Code == http.StatusUnauthorized:
		g.Hint = "The credentials were refused or have expired: run gcloud auth application-default login, or choose a current service-account key."
	case ae.disabled():
		g.Hint = fmt.Sprintf("Enable the %s for this project: gcloud services enable %s --project %s", svc.Title, host, account)
	case ae.Code == http.StatusForbidden:
		g.Hint = fmt.Sprintf("Grant the identity the role %s on project %s (read-only), then scan again.", svc.Role, account)
	case ae.Code == http.StatusTooManyRequests:
		g.Hint = fmt.Sprintf("The %s quota is exhausted even after waiting: scan again later, or raise the quota in the console.", svc.Title)
	case ae.Code == http.StatusNotFound:
		g.Hint = "No such project, or the identity cannot see it: check the project id."
	default:
		g.Hint = fmt.Sprintf("The %s failed; scan again, and if it persists check Google Cloud's status page.", svc.Title)
	}
	return g, true
}
