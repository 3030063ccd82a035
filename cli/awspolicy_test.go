package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/providers/aws"
)

func TestAWSPolicyCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdoutJSON bool
		stderrHas  string
	}{
		{"prints the policy", []string{"aws-policy"}, ExitOK, true, ""},
		{"help", []string{"aws-policy", "-h"}, ExitOK, false, "Usage: reachmap aws-policy"},
		{"stray argument", []string{"aws-policy", "extra"}, ExitUsage, false, `unexpected argument "extra"`},
		{"unknown flag", []string{"aws-policy", "--bogus"}, ExitUsage, false, "bogus"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(tc.args, &stdout, &stderr); code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderrHas) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tc.stderrHas)
			}
			if !tc.stdoutJSON {
				if stdout.Len() != 0 {
					t.Errorf("stdout = %q, want nothing", stdout.String())
				}
				return
			}
			if stdout.String() != aws.Policy() {
				t.Error("stdout is not exactly aws.Policy()")
			}
			var doc map[string]any
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatalf("stdout is not JSON: %v", err)
			}
			if !strings.Contains(stdout.String(), "s3:ListAllMyBuckets") {
				t.Error("policy lacks s3:ListAllMyBuckets")
			}
		})
	}
}
