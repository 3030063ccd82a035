package aws

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestPolicy(t *testing.T) {
	var doc struct {
		Version   string
		Statement []struct {
			Sid      string
			Effect   string
			Action   []string
			Resource string
		}
	}
	if err := json.Unmarshal([]byte(Policy()), &doc); err != nil {
		t.Fatalf("Policy() is not JSON: %v", err)
	}
	if doc.Version != "2012-10-17" || len(doc.Statement) != 2 || doc.Statement[0].Effect != "Allow" {
		t.Fatalf("unexpected policy shape: %+v", doc)
	}
	// The second statement lets a management account take the role of an
	// organization scan in its members: roles only, nothing else.
	if st := doc.Statement[1]; st.Sid != assumeRoleStatement || st.Effect != "Allow" ||
		!reflect.DeepEqual(st.Action, []string{"sts:AssumeRole"}) || st.Resource != "arn:aws:iam::*:role/*" {
		t.Errorf("second statement = %+v, want sts:AssumeRole on roles only", st)
	}
	got := doc.Statement[0].Action
	var want []string
	for _, a := range operationActions {
		if !notInPolicy[a] {
			want = append(want, a)
		}
	}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("policy actions =\n%v\nwant exactly the actions the scan calls:\n%v", got, want)
	}
	for _, a := range got {
		if strings.Contains(a, "*") {
			t.Errorf("wildcard action %q in a minimal policy", a)
		}
		_, verb, _ := strings.Cut(a, ":")
		if !isReadOnlyOperation(verb) && verb != "ListAllMyBuckets" {
			t.Errorf("action %q is not read-only", a)
		}
	}
	onDisk, err := os.ReadFile(filepath.Join("..", "..", "docs", "aws-policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(onDisk) != Policy() {
		t.Error("docs/aws-policy.json differs from the policy Policy() returns; copy providers/aws/policy.json over it")
	}
}
