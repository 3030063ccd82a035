// The endpoint tests are an external test package so that they can ask the
// legal knowledge base (package reach imports geo) about the provider ids.
package geo_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/reach"
)

const r2Account = "0123456789abcdef0123456789abcdef"

var s3EndpointCases = []struct {
	host             string
	provider, region string
	ok               bool
}{
	// AWS, aws partition.
	{"s3.amazonaws.com", "aws", "us-east-1", true},
	{"S3.AmazonAWS.com.", "aws", "us-east-1", true},
	{"my-bucket.s3.amazonaws.com", "aws", "", true}, // DNS picks the bucket's region
	{"s3-external-1.amazonaws.com", "aws", "us-east-1", true},
	{"s3.eu-central-1.amazonaws.com", "aws", "eu-central-1", true},
	{"my.dotted.bucket.s3.eu-west-3.amazonaws.com", "aws", "eu-west-3", true},
	{"s3-eu-west-1.amazonaws.com", "aws", "eu-west-1", true},
	{"logs.s3-ap-southeast-2.amazonaws.com", "aws", "ap-southeast-2", true},
	{"s3.dualstack.ap-northeast-1.amazonaws.com", "aws", "ap-northeast-1", true},
	{"bucket.s3.dualstack.sa-east-1.amazonaws.com", "aws", "sa-east-1", true},
	{"s3-fips.us-east-2.amazonaws.com", "aws", "us-east-2", true},
	{"s3-fips.dualstack.ca-central-1.amazonaws.com", "aws", "ca-central-1", true},
	{"finance-123456789012.s3-accesspoint.eu-north-1.amazonaws.com", "aws", "eu-north-1", true},
	{"ap-123456789012.s3-accesspoint-fips.dualstack.us-west-2.amazonaws.com", "aws", "us-west-2", true},
	{"s3-object-lambda.eu-south-1.amazonaws.com", "aws", "eu-south-1", true},
	{"s3express-control.us-west-2.amazonaws.com", "aws", "us-west-2", true},
	{"fast--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com", "aws", "us-west-2", true},
	{"bucket.s3-accelerate.amazonaws.com", "aws", "", true},
	{"bucket.s3-accelerate.dualstack.amazonaws.com", "aws", "", true},
	{"mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", "aws", "", true},
	// GovCloud shares the amazonaws.com domain.
	{"s3.us-gov-west-1.amazonaws.com", "aws", "us-gov-west-1", true},
	{"s3-fips.us-gov-east-1.amazonaws.com", "aws", "us-gov-east-1", true},
	// China and the European Sovereign Cloud.
	{"s3.cn-north-1.amazonaws.com.cn", "aws", "cn-north-1", true},
	{"data.s3.dualstack.cn-northwest-1.amazonaws.com.cn", "aws", "cn-northwest-1", true},
	{"s3.eusc-de-east-1.amazonaws.eu", "aws", "eusc-de-east-1", true},
	{"bucket.s3.eusc-de-east-1.amazonaws.eu", "aws", "eusc-de-east-1", true},
	// Not S3 API hosts, or not a region.
	{"s3-website-eu-west-1.amazonaws.com", "", "", false},
	{"bucket.s3-website.eu-central-1.amazonaws.com", "", "", false},
	{"ec2.eu-west-1.amazonaws.com", "", "", false},
	{"s3.eu-west-1.amazonaws.com.cn", "", "", false},
	{"amazonaws.com", "", "", false},

	{"fsn1.your-objectstorage.com", "hetzner", "fsn1", true},
	{"NBG1.Your-ObjectStorage.com.", "hetzner", "nbg1", true},
	{"backups.hel1.your-objectstorage.com", "hetzner", "hel1", true},

	{"s3.gra.io.cloud.ovh.net", "ovh", "gra", true},
	{"bucket.s3.eu-west-par.io.cloud.ovh.net", "ovh", "eu-west-par", true},
	{"s3.rbx-archive.io.cloud.ovh.net", "ovh", "rbx-archive", true},
	{"s3.sbg.perf.cloud.ovh.net", "ovh", "sbg", true},
	{"s3.de.cloud.ovh.net", "ovh", "de", true},
	{"s3.us-east-va.io.cloud.ovh.us", "ovh", "us-east-va", true},

	{"s3.fr-par.scw.cloud", "scaleway", "fr-par", true},
	{"media.s3.nl-ams.scw.cloud", "scaleway", "nl-ams", true},

	{"s3-eu-central-1.ionoscloud.com", "ionos", "eu-central-1", true},
	{"s3.eu-central-3.ionoscloud.com", "ionos", "eu-central-3", true},
	{"app.s3-eu-south-2.ionoscloud.com", "ionos", "eu-south-2", true},
	{"s3-de-central.profitbricks.com", "ionos", "de", true},

	{"sos-ch-gva-2.exo.io", "exoscale", "ch-gva-2", true},
	{"bucket.sos-de-fra-1.exo.io", "exoscale", "de-fra-1", true},

	{"s3.pub1.infomaniak.cloud", "infomaniak", "dc3-a", true},
	{"s3.pub2.infomaniak.cloud", "infomaniak", "dc4-a", true},
	{"s3.swiss-backup02.infomaniak.com", "infomaniak", "us-east-1", true},

	{"s3.wasabisys.com", "wasabi", "us-east-1", true},
	{"s3.eu-central-2.wasabisys.com", "wasabi", "eu-central-2", true},
	{"bucket.s3.ap-northeast-1.wasabisys.com", "wasabi", "ap-northeast-1", true},

	{"s3.eu-central-003.backblazeb2.com", "backblaze", "eu-central-003", true},
	{"photos.s3.us-west-004.backblazeb2.com", "backblaze", "us-west-004", true},

	{r2Account + ".r2.cloudflarestorage.com", "cloudflare", "auto", true},
	{"bucket." + r2Account + ".r2.cloudflarestorage.com", "cloudflare", "auto", true},
	{r2Account + ".eu.r2.cloudflarestorage.com", "cloudflare", "eu", true},
	{"bucket." + r2Account + ".eu.r2.cloudflarestorage.com", "cloudflare", "eu", true},
	{strings.ToUpper(r2Account) + ".FEDRAMP.r2.cloudflarestorage.com.", "cloudflare", "fedramp", true},
	{"eu.r2.cloudflarestorage.com", "", "", false},                    // no account
	{r2Account + ".xx.r2.cloudflarestorage.com", "", "", false},       // no such jurisdiction
	{"bucket.not-an-account.r2.cloudflarestorage.com", "", "", false}, // not an account id
	{"pub-" + r2Account + ".r2.dev", "", "", false},                   // public bucket URL, not the S3 API

	{"fra1.digitaloceanspaces.com", "digitalocean", "fra1", true},
	{"assets.ams3.digitaloceanspaces.com", "digitalocean", "ams3", true},
	{"assets.ams3.cdn.digitaloceanspaces.com", "", "", false},

	{"eu-central-1.linodeobjects.com", "linode", "eu-central-1", true},
	{"bucket.se-sto-1.linodeobjects.com", "linode", "se-sto-1", true},

	{"ewr1.vultrobjects.com", "vultr", "ewr1", true},
	{"bucket.ams1.vultrobjects.com", "vultr", "ams1", true},

	{"storage.googleapis.com", "gcp", "", true},
	{"my-bucket.storage.googleapis.com", "gcp", "", true},
	{"googleapis.com", "", "", false},

	{"axh2eqadoldy.compat.objectstorage.eu-frankfurt-1.oraclecloud.com", "oracle", "eu-frankfurt-1", true},
	{"ns.compat.objectstorage.us-ashburn-1.oci.customer-oci.com", "oracle", "us-ashburn-1", true},
	{"compat.objectstorage.eu-frankfurt-1.oraclecloud.com", "", "", false},           // no namespace
	{"bucket.ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com", "", "", false}, // path style only

	{"s3.us-south.cloud-object-storage.appdomain.cloud", "ibm", "us-south", true},
	{"s3.private.eu-de.cloud-object-storage.appdomain.cloud", "ibm", "eu-de", true},
	{"s3.direct.jp-tok.cloud-object-storage.appdomain.cloud", "ibm", "jp-tok", true},
	{"s3.eu.cloud-object-storage.appdomain.cloud", "ibm", "eu", true},
	{"s3.fra.eu.cloud-object-storage.appdomain.cloud", "ibm", "eu", true},
	{"s3.private.sjc.us.cloud-object-storage.appdomain.cloud", "ibm", "us", true},
	{"s3.ams03.cloud-object-storage.appdomain.cloud", "ibm", "ams03", true},
	{"bucket.s3.eu-gb.cloud-object-storage.appdomain.cloud", "ibm", "eu-gb", true},

	{"oss-cn-hangzhou.aliyuncs.com", "alibaba", "cn-hangzhou", true},
	{"bucket.oss-eu-central-1.aliyuncs.com", "alibaba", "eu-central-1", true},
	{"oss-ap-southeast-1-internal.aliyuncs.com", "alibaba", "ap-southeast-1", true},
	{"oss-accelerate.aliyuncs.com", "alibaba", "", true},
	{"ecs.aliyuncs.com", "", "", false},

	{"cos.ap-guangzhou.myqcloud.com", "tencent", "ap-guangzhou", true},
	{"examplebucket-1250000000.cos.eu-frankfurt.myqcloud.com", "tencent", "eu-frankfurt", true},

	{"obs.cn-north-4.myhuaweicloud.com", "huawei", "cn-north-4", true},
	{"bucket.obs.eu-west-101.myhuaweicloud.com", "huawei", "eu-west-101", true},

	// Hosts no pattern knows.
	{"127.0.0.1", "", "", false},
	{"localhost", "", "", false},
	{"::1", "", "", false},
	{"192.168.1.20", "", "", false},
	{"minio.internal.example", "", "", false},
	{"s3.amazonaws.com.evil.example", "", "", false},
	{"s3.eu-west-1.amazonaws.com.evil.example", "", "", false},
	{"your-objectstorage.com", "", "", false},
	{"fsn1.your-objectstorage.com.attacker.net", "", "", false},
	{"www.your-objectstorage.com", "", "", false},
	{"evil-s3.amazonaws.com.example", "", "", false},
	{"notamazonaws.com", "", "", false},
	{"s3.fr-par.scw.cloud:443", "", "", false},
	{"https://s3.fr-par.scw.cloud", "", "", false},
	{"s3..amazonaws.com", "", "", false},
	{".", "", "", false},
	{"", "", "", false},
}

func TestS3Endpoint(t *testing.T) {
	for _, tt := range s3EndpointCases {
		p, r, ok := geo.S3Endpoint(tt.host)
		if p != tt.provider || r != tt.region || ok != tt.ok {
			t.Errorf("S3Endpoint(%q) = %q, %q, %v; want %q, %q, %v", tt.host, p, r, ok, tt.provider, tt.region, tt.ok)
		}
	}
}

// TestS3EndpointRegionsInCatalog: every region the table's hosts name is a
// code of the provider's catalog, spelled as the catalog spells it (not a
// zone that only resolves to one).
func TestS3EndpointRegionsInCatalog(t *testing.T) {
	for _, tt := range s3EndpointCases {
		if !tt.ok {
			continue
		}
		if geo.Regions(tt.provider) == nil {
			t.Errorf("%s: provider %q has no catalog", tt.host, tt.provider)
			continue
		}
		if tt.region == "" {
			continue
		}
		r, ok := geo.RegionOf(tt.provider, tt.region)
		if !ok || r.Code != tt.region {
			t.Errorf("%s: %s region %q is not a catalog code", tt.host, tt.provider, tt.region)
		}
	}
}

// TestS3EndpointProvidersInKnowledgeBase: every provider id the endpoint
// catalog returns has an operator in the legal knowledge base.
func TestS3EndpointProvidersInKnowledgeBase(t *testing.T) {
	known := reach.Providers()
	for _, tt := range s3EndpointCases {
		if tt.ok && !slices.Contains(known, tt.provider) {
			t.Errorf("%s: provider %q is not in the knowledge base", tt.host, tt.provider)
		}
	}
}

// s3HostOf builds, for each provider whose S3 host names carry its catalog
// codes one to one, the host of one catalog region; "" skips a catalog
// entry that is not an object-storage region or has no host of that form.
var s3HostOf = map[string]func(geo.Region) string{
	"aws": func(r geo.Region) string {
		domain := map[string]string{"aws": "amazonaws.com", "aws-us-gov": "amazonaws.com", "aws-cn": "amazonaws.com.cn", "aws-eusc": "amazonaws.eu"}[r.Partition]
		return "s3." + r.Code + "." + domain
	},
	"hetzner": func(r geo.Region) string {
		// Object Storage runs in fsn1, nbg1 and hel1 only; ash, hil and sin
		// are Cloud server locations.
		if !slices.Contains([]string{"fsn1", "nbg1", "hel1"}, r.Code) {
			return ""
		}
		return r.Code + ".your-objectstorage.com"
	},
	"ovh": func(r geo.Region) string {
		switch r.Code {
		case "hil", "vin", "lim", "syd":
			// Data-centre and older Public Cloud codes; their object storage
			// is under us-west-or, us-east-va, de and ap-southeast-syd.
			return ""
		case "us-east-va", "us-west-or":
			return "s3." + r.Code + ".io.cloud.ovh.us"
		}
		return "s3." + r.Code + ".io.cloud.ovh.net"
	},
	"scaleway": func(r geo.Region) string { return "s3." + r.Code + ".scw.cloud" },
	"ionos": func(r geo.Region) string {
		// Cloud API data-centre locations ("de/fra") and "de", the API name
		// of the region whose host says eu-central-1, have no host of
		// their own.
		if strings.Contains(r.Code, "/") || r.Code == "de" {
			return ""
		}
		if strings.Contains(r.Note, "contract-owned") {
			return "s3." + r.Code + ".ionoscloud.com"
		}
		return "s3-" + r.Code + ".ionoscloud.com"
	},
	"exoscale":  func(r geo.Region) string { return "sos-" + r.Code + ".exo.io" },
	"wasabi":    func(r geo.Region) string { return "s3." + r.Code + ".wasabisys.com" },
	"backblaze": func(r geo.Region) string { return "s3." + r.Code + ".backblazeb2.com" },
	"cloudflare": func(r geo.Region) string {
		switch r.Code {
		case "auto":
			return r2Account + ".r2.cloudflarestorage.com"
		case "eu", "fedramp":
			return r2Account + "." + r.Code + ".r2.cloudflarestorage.com"
		}
		// Location hints are not in host names, and no host form of the
		// "us" jurisdiction is documented.
		return ""
	},
	"digitalocean": func(r geo.Region) string {
		// ams2, nyc1, nyc2 and sfo1 are Droplet-only data centres without
		// Spaces; atl1 is new and not yet confirmed as a Spaces region.
		if slices.Contains([]string{"ams2", "nyc1", "nyc2", "sfo1", "atl1"}, r.Code) {
			return ""
		}
		return r.Code + ".digitaloceanspaces.com"
	},
	"linode": func(r geo.Region) string {
		// Compute regions ("eu-central") are not Object Storage clusters.
		if r.Note != "Object Storage cluster" {
			return ""
		}
		return r.Code + ".linodeobjects.com"
	},
	"vultr": func(r geo.Region) string {
		if r.Note != "Object Storage cluster" {
			return ""
		}
		return r.Code + ".vultrobjects.com"
	},
	"oracle": func(r geo.Region) string {
		// Government, sovereign and Serbian realms use other domains.
		if strings.Contains(r.Note, "realm") {
			return ""
		}
		return "ns.compat.objectstorage." + r.Code + ".oraclecloud.com"
	},
	"ibm": func(r geo.Region) string {
		// in-che and kr-seo are older compute regions (COS there is the
		// single sites che01 and seo01); whether COS has regional
		// endpoints in eu-fr2 and ca-mon is not confirmed.
		if slices.Contains([]string{"in-che", "kr-seo", "eu-fr2", "ca-mon"}, r.Code) {
			return ""
		}
		return "s3." + r.Code + ".cloud-object-storage.appdomain.cloud"
	},
	"alibaba": func(r geo.Region) string { return "oss-" + r.Code + ".aliyuncs.com" },
	"tencent": func(r geo.Region) string { return "cos." + r.Code + ".myqcloud.com" },
	"huawei":  func(r geo.Region) string { return "obs." + r.Code + ".myhuaweicloud.com" },
	// Not here: infomaniak (pub1/pub2 are not its region codes), gcp (the
	// host names no region), azure (no S3 API).
}

// TestS3EndpointCatalogRoundTrip walks each provider's catalog: the host
// built from a region's code maps back to that provider and region, also
// with a bucket label, in upper case and with a trailing dot.
func TestS3EndpointCatalogRoundTrip(t *testing.T) {
	for provider, hostOf := range s3HostOf {
		regions := geo.Regions(provider)
		if regions == nil {
			t.Errorf("%s: no catalog", provider)
		}
		walked := 0
		for _, r := range regions {
			host := hostOf(r)
			if host == "" {
				continue
			}
			walked++
			variants := []string{host, strings.ToUpper(host) + "."}
			if provider != "oracle" { // path style only
				variants = append(variants, "my-bucket."+host)
			}
			for _, h := range variants {
				p, reg, ok := geo.S3Endpoint(h)
				if p != provider || reg != r.Code || !ok {
					t.Errorf("S3Endpoint(%q) = %q, %q, %v; want %q, %q, true", h, p, reg, ok, provider, r.Code)
				}
			}
		}
		if walked == 0 {
			t.Errorf("%s: no catalog region walked", provider)
		}
	}
}

func ExampleS3Endpoint() {
	for _, host := range []string{"s3.eu-central-003.backblazeb2.com", "Media.FSN1.your-objectstorage.com.", "storage.googleapis.com", "minio.lan"} {
		provider, region, ok := geo.S3Endpoint(host)
		fmt.Printf("%s: %q %q %v\n", host, provider, region, ok)
	}
	// Output:
	// s3.eu-central-003.backblazeb2.com: "backblaze" "eu-central-003" true
	// Media.FSN1.your-objectstorage.com.: "hetzner" "fsn1" true
	// storage.googleapis.com: "gcp" "" true
	// minio.lan: "" "" false
}
