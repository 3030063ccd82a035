package gcp

import (
	"context"
	"encoding/json"
)

// project is one project the identity can see.
type project struct {
	ID, Name, State string
}

// searchProjects lists every active project the identity can see:
// GET cloudresourcemanager/v3/projects:search
// (https://cloud.google.com/resource-manager/reference/rest/v3/projects/search).
func searchProjects(ctx context.Context, a *api) ([]project, error) {
	var out []project
	err := a.pages(ctx, a.url("cloudresourcemanager", "/v3/projects:search"), func(raw json.RawMessage) (string, error) {
		var page struct {
			Projects []struct {
				ProjectID   string `json:"projectId"`
				DisplayName string `json:"displayName"`
				State       string `json:"state"`
			} `json:"projects"`
			NextPageToken string `json:"nextPageToken"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return "", err
		}
		for _, p := range page.Projects {
			if p.State != "" && p.State != "ACTIVE" {
				continue
			}
			out = append(out, project{ID: p.ProjectID, Name: p.DisplayName, State: p.State})
		}
		return page.NextPageToken, nil
	})
	return out, err
}
