package geo

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
)

// awsCatalogPartitions are the partitions the AWS catalog must cover. The
// isolated partitions (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f) are
// classified; their locations are not public and they are not catalogued.
var awsCatalogPartitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-eusc"}

// sdkPartitionsFile is where aws-sdk-go-v2 keeps its partitions data. The
// package is internal to the SDK, so the test reads the JSON itself.
const sdkPartitionsFile = "internal/endpoints/awsrulesfn/partitions.json"

type sdkPartitions struct {
	Partitions []sdkPartition `json:"partitions"`
}

type sdkPartition struct {
	ID          string `json:"id"`
	RegionRegex string `json:"regionRegex"`
	Regions     map[string]struct {
		Description string `json:"description"`
	} `json:"regions"`
}

// TestAWSCatalogCoversSDK fails when the aws-sdk-go-v2 version this module
// builds with knows a region of a covered partition that the catalog lacks,
// or when the catalog files a region under the wrong partition.
//
// It reads the partitions data straight from the module cache, found with
// `go list -m -json github.com/aws/aws-sdk-go-v2`, rather than from a copy
// embedded in testdata: so the check always runs against exactly the SDK
// version go.mod pins, and bumping the SDK fails this test at once when AWS
// has opened a region, with nothing to regenerate first. The SDK is a
// dependency of the module anyway, so its source is in the module cache
// wherever the module builds.
func TestAWSCatalogCoversSDK(t *testing.T) {
	data := readSDKPartitions(t)
	var doc sdkPartitions
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("parse %s: %v", sdkPartitionsFile, err)
	}

	sdkKnows := map[string]string{} // region code -> partition id
	checked := 0
	for _, part := range doc.Partitions {
		covered := slices.Contains(awsCatalogPartitions, part.ID)
		var re *regexp.Regexp
		if part.RegionRegex != "" {
			var err error
			if re, err = regexp.Compile(part.RegionRegex); err != nil {
				t.Errorf("partition %s: region regex %q: %v", part.ID, part.RegionRegex, err)
			}
		}
		codes := make([]string, 0, len(part.Regions))
		for code := range part.Regions {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			desc := part.Regions[code].Description
			sdkKnows[code] = part.ID
			if !covered {
				continue
			}
			// "aws-global", "aws-cn-global", ...: the pseudo-region of the
			// partition's global endpoints, not a place.
			if code == part.ID+"-global" {
				continue
			}
			checked++
			r, ok := RegionOf("aws", code)
			switch {
			case !ok:
				t.Errorf("the SDK knows AWS region %s (%s, partition %s) but the catalog lacks it: add it to geo/regions_aws.go", code, desc, part.ID)
			case r.Partition != part.ID:
				t.Errorf("catalog files %s under partition %q; the SDK under %q", code, r.Partition, part.ID)
			}
		}
		if covered {
			for _, r := range Regions("aws") {
				if r.Partition == part.ID && re != nil && !re.MatchString(r.Code) {
					t.Errorf("catalog region %s is filed under %s but does not match that partition's regex %q", r.Code, part.ID, part.RegionRegex)
				}
			}
		} else {
			t.Logf("partition %s (%d regions) is not catalogued", part.ID, len(part.Regions))
		}
	}
	for _, p := range awsCatalogPartitions {
		if !slices.ContainsFunc(doc.Partitions, func(sp sdkPartition) bool { return sp.ID == p }) {
			t.Errorf("the SDK has no partition %q any more; update awsCatalogPartitions", p)
		}
	}
	if checked == 0 {
		t.Fatal("no SDK regions checked; is the partitions file empty?")
	}
	// Regions the catalog has and the SDK does not yet know are fine (the
	// catalog may be ahead of the SDK), but worth a line in -v output.
	for _, r := range Regions("aws") {
		if _, ok := sdkKnows[r.Code]; !ok {
			t.Logf("catalog region %s is not in this SDK version yet", r.Code)
		}
	}
	t.Logf("checked %d SDK regions of partitions %v", checked, awsCatalogPartitions)
}

// readSDKPartitions finds aws-sdk-go-v2 in the module cache and reads its
// partitions data.
func readSDKPartitions(t *testing.T) []byte {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goCmd, "list", "-m", "-json", "github.com/aws/aws-sdk-go-v2")
	cmd.Stderr = new(strings.Builder)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m -json github.com/aws/aws-sdk-go-v2: %v\n%s", err, cmd.Stderr)
	}
	var mod struct {
		Path, Version, Dir string
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatalf("parse go list output: %v", err)
	}
	if mod.Dir == "" {
		t.Fatalf("aws-sdk-go-v2 %s is not in the module cache; run: go mod download github.com/aws/aws-sdk-go-v2", mod.Version)
	}
	data, err := os.ReadFile(filepath.Join(mod.Dir, filepath.FromSlash(sdkPartitionsFile)))
	if err != nil {
		t.Fatalf("aws-sdk-go-v2 %s: %v (has the SDK moved its partitions data?)", mod.Version, err)
	}
	t.Logf("aws-sdk-go-v2 %s", mod.Version)
	return data
}
