package geo

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// S3Endpoint says whose S3 API a host name belongs to, and in which of
// that provider's regions the data behind it lives. host is a bare host
// name (no scheme, no port), any case; a trailing dot is allowed.
// ok is false for a host no pattern knows (self-hosted MinIO, a LAN IP,
// loopback). region is "" when the provider is known but the host does
// not say the region (e.g. storage.googleapis.com).
//
// A region is what the host names, in the catalog's spelling. It may be a
// code the catalog does not list yet (a region opened after this build);
// Lookup then reports false and the caller shows the region as unknown.
// Bucket labels in front of an endpoint (virtual-hosted style) are allowed
// only for providers that document that style.
func S3Endpoint(host string) (provider, region string, ok bool) {
	labels, valid := hostLabels(host)
	if !valid {
		return "", "", false
	}
	for i := range s3Rules {
		if region, ok := s3Rules[i].match(labels); ok {
			return s3Rules[i].provider, region, true
		}
	}
	return "", "", false
}

// S3Providers returns, sorted, the id of every provider whose S3 host
// names S3Endpoint recognises: the companies an S3-compatible endpoint
// can be said to belong to (AWS included).
func S3Providers() []string {
	var ids []string
	for i := range s3Rules {
		if !slices.Contains(ids, s3Rules[i].provider) {
			ids = append(ids, s3Rules[i].provider)
		}
	}
	slices.Sort(ids)
	return ids
}

// hostLabels lower-cases a host name and splits it into DNS labels. It
// refuses anything that is not a plain name (a port, a path, an IPv6
// literal, an empty label), so no such text can fall into a rule's bucket
// labels.
func hostLabels(host string) ([]string, bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return nil, false
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if l == "" {
			return nil, false
		}
		for _, c := range l {
			// Legacy us-east-1 bucket names may hold underscores.
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' && c != '_' {
				return nil, false
			}
		}
	}
	return labels, true
}

// An s3Rule is one documented host form of a provider's S3 API.
type s3Rule struct {
	provider string
	// pattern is the host name, label by label. "{region}" stands for the
	// region code and "{account}" for a Cloudflare account id; "*" stands
	// for any one label (a tenancy namespace, an access point name). Each
	// may follow a fixed prefix and precede a fixed suffix within its label
	// ("oss-{region}-internal").
	pattern string
	// region is the answer when the pattern has no {region}.
	region string
	// shape is what a region code of this host form looks like; it keeps a
	// word such as "accelerate" or "website" from passing for a region.
	shape *regexp.Regexp
	// buckets allows bucket labels in front of the pattern (virtual-hosted
	// style: BUCKET.s3.fr-par.scw.cloud).
	buckets bool

	labels []ruleLabel // the compiled pattern
}

type labelKind int

const (
	labelFixed labelKind = iota
	labelRegion
	labelAccount
	labelAny
)

var placeholders = []struct {
	kind labelKind
	mark string
}{{labelRegion, "{region}"}, {labelAccount, "{account}"}, {labelAny, "*"}}

type ruleLabel struct {
	kind           labelKind
	prefix, suffix string // the whole label when kind is labelFixed
}

// cloudflareAccount is a Cloudflare account id: 32 hex digits. Checking it
// keeps a bucket label from passing for the account in front of an unknown
// jurisdiction ("acct.xx.r2.cloudflarestorage.com").
var cloudflareAccount = regexp.MustCompile(`^[0-9a-f]{32}$`)

// match reports whether the host's labels fit the rule and which region
// they name. Labels are compared from the right, so a host under another
// domain ("s3.amazonaws.com.evil.example") fails on its last label.
func (r *s3Rule) match(labels []string) (string, bool) {
	n, m := len(labels), len(r.labels)
	if n < m || (n > m && !r.buckets) {
		return "", false
	}
	region := r.region
	for i := m - 1; i >= 0; i-- {
		pl, l := r.labels[i], labels[n-m+i]
		if pl.kind == labelFixed {
			if l != pl.prefix {
				return "", false
			}
			continue
		}
		if len(l) <= len(pl.prefix)+len(pl.suffix) || !strings.HasPrefix(l, pl.prefix) || !strings.HasSuffix(l, pl.suffix) {
			return "", false
		}
		v := l[len(pl.prefix) : len(l)-len(pl.suffix)]
		switch pl.kind {
		case labelRegion:
			if !r.shape.MatchString(v) {
				return "", false
			}
			region = v
		case labelAccount:
			if !cloudflareAccount.MatchString(v) {
				return "", false
			}
		}
	}
	return region, true
}

// compile parses the pattern. A malformed rule is a programming error and
// panics at start-up, as register does for a malformed catalog.
func (r *s3Rule) compile() {
	r.labels = nil
	hasRegion := false
	for _, l := range strings.Split(r.pattern, ".") {
		kind, mark := labelFixed, ""
		for _, p := range placeholders {
			if strings.Contains(l, p.mark) {
				kind, mark = p.kind, p.mark
				break
			}
		}
		if kind == labelFixed {
			r.labels = append(r.labels, ruleLabel{kind: labelFixed, prefix: l})
			continue
		}
		prefix, suffix, _ := strings.Cut(l, mark)
		r.labels = append(r.labels, ruleLabel{kind: kind, prefix: prefix, suffix: suffix})
		hasRegion = hasRegion || kind == labelRegion
	}
	if hasRegion == (r.shape == nil) || (hasRegion && r.region != "") {
		panic(fmt.Sprintf("geo: S3 endpoint rule %s %q: a {region} needs a shape and no fixed region", r.provider, r.pattern))
	}
}

// Region code shapes, after each provider's naming.
var (
	// eu-west-1, us-gov-west-1, eu-frankfurt-1, ch-gva-2, eu-central-003
	dashedNumberShape   = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)
	awsChinaShape       = regexp.MustCompile(`^cn-[a-z]+-\d+$`)
	awsEUSCShape        = regexp.MustCompile(`^eusc-[a-z]+-[a-z]+-\d+$`)
	hetznerShape        = regexp.MustCompile(`^[a-z]{3}\d+$`)                           // fsn1
	ovhShape            = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)                      // gra, eu-west-par, rbx-archive
	scalewayShape       = regexp.MustCompile(`^[a-z]{2}-[a-z]{3}$`)                     // fr-par
	cityNumberShape     = regexp.MustCompile(`^[a-z]{3}\d$`)                            // fra1, ewr1
	ibmShape            = regexp.MustCompile(`^([a-z]{2}(-[a-z]+\d*)?|[a-z]{3}\d{2})$`) // us, eu-de, eu-fr2, ams03
	ibmCrossRegionShape = regexp.MustCompile(`^(us|eu|ap)$`)
	alibabaShape        = regexp.MustCompile(`^[a-z]{2}-[a-z]+(-[a-z0-9]+)?$`) // cn-hangzhou, ap-southeast-1, cn-wuhan-lr
	tencentShape        = regexp.MustCompile(`^[a-z]{2}-[a-z]+(-[a-z]+)?$`)    // ap-guangzhou, ap-beijing-fsi
)

// s3Rules are tried in order; the first match wins. Where two forms could
// both fit a host, the more specific one comes first.
var s3Rules = buildS3Rules()

func buildS3Rules() []s3Rule {
	var rules []s3Rule
	add := func(provider, pattern, region string, shape *regexp.Regexp, buckets bool) {
		r := s3Rule{provider: provider, pattern: pattern, region: region, shape: shape, buckets: buckets}
		r.compile()
		rules = append(rules, r)
	}

	// AWS: https://docs.aws.amazon.com/general/latest/gr/s3.html (S3
	// endpoints), https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
	// (virtual hosting, legacy s3-REGION and global endpoints). The three
	// domains are the dnsSuffix of the SDK's partitions (aws-sdk-go-v2
	// internal/endpoints/awsrulesfn/partitions.json): amazonaws.com for aws
	// and aws-us-gov, amazonaws.com.cn for aws-cn, amazonaws.eu for
	// aws-eusc; service/s3 builds its S3 hosts on them (s3.dualstack. and
	// s3-fips. included).
	add("aws", "s3.amazonaws.com", "us-east-1", nil, false)
	// The global virtual-hosted endpoint: DNS sends each bucket to its own
	// region, so the host does not say which.
	add("aws", "*.s3.amazonaws.com", "", nil, true)
	add("aws", "s3-external-1.amazonaws.com", "us-east-1", nil, true)
	// Transfer Acceleration and Multi-Region Access Points reach buckets
	// through the edge; the host names no region.
	add("aws", "*.s3-accelerate.amazonaws.com", "", nil, true)
	add("aws", "*.s3-accelerate.dualstack.amazonaws.com", "", nil, true)
	add("aws", "*.accesspoint.s3-global.amazonaws.com", "", nil, true)   // ALIAS.mrap.accesspoint…
	add("aws", "s3-{region}.amazonaws.com", "", dashedNumberShape, true) // legacy dash form
	for _, p := range []struct {
		domain string
		shape  *regexp.Regexp
	}{{"amazonaws.com", dashedNumberShape}, {"amazonaws.com.cn", awsChinaShape}, {"amazonaws.eu", awsEUSCShape}} {
		for _, form := range []string{
			"s3.{region}", "s3.dualstack.{region}", "s3-fips.{region}", "s3-fips.dualstack.{region}",
			"*.s3-accesspoint.{region}", "*.s3-accesspoint.dualstack.{region}",
			"*.s3-accesspoint-fips.{region}", "*.s3-accesspoint-fips.dualstack.{region}",
			"s3-object-lambda.{region}", "s3-object-lambda-fips.{region}",
			// S3 Express One Zone: s3express-control.REGION and the zonal
			// BUCKET.s3express-AZID.REGION.
			"s3express-*.{region}",
		} {
			add("aws", form+"."+p.domain, "", p.shape, true)
		}
	}

	// Hetzner: https://docs.hetzner.com/storage/object-storage/overview
	// (LOCATION.your-objectstorage.com; virtual-hosted style documented).
	add("hetzner", "{region}.your-objectstorage.com", "", hetznerShape, true)

	// OVHcloud: https://help.ovhcloud.com/csm/en-public-cloud-storage-s3-location
	// (unverified URL). s3.REGION.io.cloud.ovh.net is the current form,
	// .perf. the legacy High Performance one, s3.REGION.cloud.ovh.net the
	// S3 API of the older Swift storage; OVHcloud US regions are under
	// ovh.us. The io and perf forms come first: "io" and "perf" fit the
	// region shape of the Swift form.
	add("ovh", "s3.{region}.io.cloud.ovh.net", "", ovhShape, true)
	add("ovh", "s3.{region}.perf.cloud.ovh.net", "", ovhShape, true)
	add("ovh", "s3.{region}.io.cloud.ovh.us", "", ovhShape, true)
	add("ovh", "s3.{region}.cloud.ovh.net", "", ovhShape, false)

	// Scaleway: https://www.scaleway.com/en/docs/object-storage/concepts/#endpoint
	// (unverified anchor).
	add("scaleway", "s3.{region}.scw.cloud", "", scalewayShape, true)

	// IONOS: https://docs.ionos.com/cloud/storage-and-backup/ionos-object-storage/endpoints
	// (unverified URL). s3-REGION for user-owned buckets, s3.REGION for
	// contract-owned ones; s3-de-central.profitbricks.com is the old name
	// of region de (Frankfurt).
	add("ionos", "s3-{region}.ionoscloud.com", "", dashedNumberShape, true)
	add("ionos", "s3.{region}.ionoscloud.com", "", dashedNumberShape, true)
	add("ionos", "s3-de-central.profitbricks.com", "de", nil, true)

	// Exoscale: https://community.exoscale.com/api/sos/ (sos-ZONE.exo.io).
	add("exoscale", "sos-{region}.exo.io", "", dashedNumberShape, true)

	// Infomaniak Public Cloud: https://docs.infomaniak.cloud/object_storage/
	// (s3.pub1 is region dc3-a, s3.pub2 is dc4-a, as the Cyberduck/Mountain
	// Duck profiles pair them: https://docs.mountainduck.io/protocols/openstack/infomaniak).
	// Swiss Backup's S3 hosts (s3.swiss-backup01.infomaniak.com, 02, 03, 04)
	// all take the compatibility region us-east-1; the data is in
	// Switzerland (https://www.infomaniak.com/en/swiss-backup, unverified
	// for the host list). Path style only in both.
	add("infomaniak", "s3.pub1.infomaniak.cloud", "dc3-a", nil, false)
	add("infomaniak", "s3.pub2.infomaniak.cloud", "dc4-a", nil, false)
	add("infomaniak", "s3.swiss-backup*.infomaniak.com", "us-east-1", nil, false)

	// Wasabi: https://docs.wasabi.com/docs/what-are-the-service-urls-for-wasabi-s-different-storage-regions
	// (unverified URL); s3.wasabisys.com is us-east-1.
	add("wasabi", "s3.wasabisys.com", "us-east-1", nil, true)
	add("wasabi", "s3.{region}.wasabisys.com", "", dashedNumberShape, true)

	// Backblaze B2: https://www.backblaze.com/docs/cloud-storage-s3-compatible-api
	// (unverified URL).
	add("backblaze", "s3.{region}.backblazeb2.com", "", dashedNumberShape, true)

	// Cloudflare R2: https://developers.cloudflare.com/r2/reference/data-location/
	// (jurisdictional endpoints). Without a jurisdiction the bucket's place
	// is "auto"; a location hint is not in the host.
	add("cloudflare", "{account}.eu.r2.cloudflarestorage.com", "eu", nil, true)
	add("cloudflare", "{account}.fedramp.r2.cloudflarestorage.com", "fedramp", nil, true)
	// The us jurisdiction (Cloudflare changelog, 2026-08-17).
	add("cloudflare", "{account}.us.r2.cloudflarestorage.com", "us", nil, true)
	add("cloudflare", "{account}.r2.cloudflarestorage.com", "auto", nil, true)

	// DigitalOcean Spaces: https://docs.digitalocean.com/products/spaces/details/availability/
	// (unverified URL). The CDN form BUCKET.REGION.cdn.digitaloceanspaces.com
	// is not the S3 API and does not match.
	add("digitalocean", "{region}.digitaloceanspaces.com", "", cityNumberShape, true)

	// Akamai/Linode Object Storage: https://techdocs.akamai.com/cloud-computing/docs/object-storage
	// (unverified URL); CLUSTER.linodeobjects.com.
	add("linode", "{region}.linodeobjects.com", "", dashedNumberShape, true)

	// Vultr: https://docs.vultr.com/vultr-object-storage (LOCATION.vultrobjects.com;
	// virtual-hosted style per docs.vultr.com/platform/security-best-practices/vultr-object-storage).
	add("vultr", "{region}.vultrobjects.com", "", cityNumberShape, true)

	// Google Cloud Storage XML API: https://cloud.google.com/storage/docs/request-endpoints
	// (unverified URL). One global host; the bucket's location is not in it.
	add("gcp", "storage.googleapis.com", "", nil, true)

	// Oracle: https://docs.oracle.com/en-us/iaas/Content/Object/Tasks/s3compatibleapi.htm
	// (NAMESPACE.compat.objectstorage.REGION.oraclecloud.com; path style
	// only). oci.customer-oci.com is Oracle's newer domain for the same
	// endpoint (seen in OCI Terraform configurations; unverified in Oracle's
	// docs). Only the commercial realm (oc1): other realms use other domains.
	add("oracle", "*.compat.objectstorage.{region}.oraclecloud.com", "", dashedNumberShape, false)
	add("oracle", "*.compat.objectstorage.{region}.oci.customer-oci.com", "", dashedNumberShape, false)

	// IBM Cloud Object Storage: https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-endpoints
	// (unverified URL). Regional (us-south), cross-region (us, eu, ap) and
	// single-site (ams03) endpoints, each also as s3.private. and s3.direct.;
	// a cross-region endpoint tethered to one city (s3.fra.eu) still keeps
	// the data across the whole cross-region.
	const ibmDomain = ".cloud-object-storage.appdomain.cloud"
	for _, access := range []string{"s3.", "s3.private.", "s3.direct."} {
		add("ibm", access+"{region}"+ibmDomain, "", ibmShape, true)
		add("ibm", access+"*.{region}"+ibmDomain, "", ibmCrossRegionShape, true)
	}

	// Alibaba Cloud OSS: https://www.alibabacloud.com/help/en/oss/user-guide/regions-and-endpoints
	// (unverified URL). The -internal (VPC) form comes first: its region
	// part would fit the public form's shape.
	add("alibaba", "oss-accelerate.aliyuncs.com", "", nil, true)
	add("alibaba", "oss-accelerate-overseas.aliyuncs.com", "", nil, true)
	add("alibaba", "oss-{region}-internal.aliyuncs.com", "", alibabaShape, true)
	add("alibaba", "oss-{region}.aliyuncs.com", "", alibabaShape, true)
	// The region-first form REGION.oss.aliyuncs.com (cn-hangzhou.oss.aliyuncs.com),
	// which the OSS SDKs also accept; read as self-hosted before.
	add("alibaba", "{region}.oss.aliyuncs.com", "", alibabaShape, true)

	// Tencent COS: https://www.tencentcloud.com/document/product/436/6224
	// (unverified URL); BUCKET-APPID.cos.REGION.myqcloud.com.
	// The global acceleration endpoint (cos.accelerate.myqcloud.com, in
	// rclone's list of Tencent COS endpoints) does not name the bucket's
	// region.
	add("tencent", "cos.accelerate.myqcloud.com", "", nil, true)
	add("tencent", "cos.{region}.myqcloud.com", "", tencentShape, true)

	// Huawei OBS: https://developer.huaweicloud.com/intl/en-us/endpoint?OBS
	// (unverified URL).
	add("huawei", "obs.{region}.myhuaweicloud.com", "", dashedNumberShape, true)

	return rules
}
