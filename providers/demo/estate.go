package demo

import (
	"github.com/reachmap/reachmap/geo"
	"github.com/reachmap/reachmap/providers"
)

// The estate of "Atelier Lumen", a 12-person architecture practice in Lyon:
// plans and client files on AWS, a few things on Azure and Google Cloud,
// photos and backups with European hosts, mail on Microsoft 365, a
// subsidiary on Google Workspace and the founder's own domain on Proton.
// It is built so that every category and every colour appears.

const (
	bucket = providers.KindBucket
	api    = geo.EvidenceAPI
	dns    = geo.EvidenceDNS
	cat    = geo.EvidenceCatalog
)

var estate = []entry{
	// AWS, the main production account: mostly EU, a few forgotten places.
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-plans-paris", Region: "eu-west-3", Evidence: api, Tags: map[string]string{"data": "client"}},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-invoices", Region: "eu-west-3", Evidence: api, Tags: map[string]string{"data": "finance"},
		Copies: []providers.Copy{{Region: "eu-north-1", Item: "lumen-backup-stockholm", Why: `S3 replication rule "dr" to bucket lumen-backup-stockholm`}}},
	// Client files in Frankfurt, replicated to Virginia for the Montreal
	// office years ago: the copy is what makes them foreign.
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-client-files", Region: "eu-central-1", Evidence: api, Tags: map[string]string{"data": "client"},
		Copies: []providers.Copy{{Region: "us-east-1", Item: "lumen-old-exports", Why: `S3 replication rule "us-office" to bucket lumen-old-exports`}}},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-renders-dublin", Region: "eu-west-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-backup-stockholm", Region: "eu-north-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-milan-site-survey", Region: "eu-south-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-old-exports", Region: "us-east-1", Evidence: api, Tags: map[string]string{"data": "client"}},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-website-public", Region: "us-east-1", Evidence: api, Tags: map[string]string{"data": "public"}},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-oregon-logs", Region: "us-west-2", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-london-pitch", Region: "eu-west-2", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-montreal-office", Region: "ca-central-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-tokyo-competition", Region: "ap-northeast-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-singapore-partner", Region: "ap-southeast-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-sydney-bid", Region: "ap-southeast-2", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-saopaulo-bid", Region: "sa-east-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-mumbai-tender", Region: "ap-south-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: bucket, Name: "lumen-scratch", Evidence: geo.EvidenceUnknown,
		Gap:  "AccessDenied: HeadBucket on lumen-scratch was refused (403), so its region could not be read",
		Hint: "allow s3:ListBucket on arn:aws:s3:::lumen-scratch for the scanning role; the minimal policy leaves it out because it also lists object names"},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindDatabase, Name: "lumen-timesheets (DynamoDB)", Region: "eu-west-3", Evidence: api,
		Copies: []providers.Copy{{Region: "eu-central-1", Why: "DynamoDB global table replica in eu-central-1"}}},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindDatabase, Name: "lumen-erp (RDS PostgreSQL)", Region: "eu-central-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindFileSystem, Name: "lumen-cad-share (EFS)", Region: "eu-west-3", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindSnapshot, Name: "snap-0a1b2c3d4e5f (EBS)", Region: "eu-west-3", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindBackup, Name: "lumen-nightly (AWS Backup)", Region: "eu-west-1", Evidence: api,
		Copies: []providers.Copy{{Region: "eu-central-1", AccountID: "222233334444", Why: "AWS Backup plan daily, rule nightly: copies to vault lumen-offsite in eu-central-1"}}},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindArchive, Name: "lumen-archive-2019 (Glacier)", Region: "eu-central-1", Evidence: api},
	{Provider: "aws", Account: "lumen-prod", Kind: providers.KindMailInbound, Name: "inbound.lumen-archi.fr (SES)", Region: "eu-west-1",
		Host: "inbound-smtp.eu-west-1.amazonaws.com", Evidence: dns},

	// AWS European Sovereign Cloud: German entity, US parent (contested).
	{Provider: "aws", Account: "lumen-sovereign", Kind: bucket, Name: "lumen-public-tenders", Region: "eusc-de-east-1", Evidence: api},
	// AWS China, operated by local partners for a Shanghai competition.
	{Provider: "aws", Account: "lumen-china", Kind: bucket, Name: "lumen-shanghai-competition", Region: "cn-north-1", Evidence: api},
	{Provider: "aws", Account: "lumen-china", Kind: bucket, Name: "lumen-ningxia-mirror", Region: "cn-northwest-1", Evidence: api},

	// Azure and Google Cloud.
	{Provider: "azure", Account: "lumen-azure", Kind: providers.KindStorageAccount, Name: "lumenbimstore", Region: "germanywestcentral", Evidence: api,
		Copies: []providers.Copy{{Region: "germanynorth", Why: "geo-redundant storage (GRS): the paired region"}}},
	{Provider: "azure", Account: "lumen-azure", Kind: providers.KindStorageAccount, Name: "lumenbackupfr", Region: "francecentral", Evidence: api},
	{Provider: "gcp", Account: "lumen-gcp", Kind: bucket, Name: "lumen-ml-renders", Region: "europe-west9", Evidence: api},
	{Provider: "gcp", Account: "lumen-gcp", Kind: bucket, Name: "lumen-analytics-export", Region: "us-central1", Evidence: api},

	// European hosts: European soil, European operators.
	{Provider: "hetzner", Account: "lumen-hetzner", Kind: bucket, Name: "lumen-photos", Region: "fsn1", Evidence: cat},
	{Provider: "hetzner", Account: "lumen-hetzner", Kind: bucket, Name: "lumen-nas-sync", Region: "nbg1", Evidence: cat},
	{Provider: "hetzner", Account: "lumen-hetzner", Kind: bucket, Name: "lumen-helsinki-replica", Region: "hel1", Evidence: cat},
	{Provider: "hetzner", Account: "lumen-hetzner", Kind: bucket, Name: "lumen-us-mirror", Region: "ash", Evidence: cat},
	{Provider: "ovh", Account: "lumen-ovh", Kind: bucket, Name: "lumen-website", Region: "gra", Evidence: cat},
	{Provider: "ovh", Account: "lumen-ovh", Kind: bucket, Name: "lumen-archive-sbg", Region: "sbg", Evidence: cat},
	{Provider: "ovh", Account: "lumen-ovh", Kind: bucket, Name: "lumen-quebec-office", Region: "bhs", Evidence: cat},
	{Provider: "scaleway", Account: "lumen-scaleway", Kind: bucket, Name: "lumen-cold-storage", Region: "fr-par", Evidence: cat},
	{Provider: "scaleway", Account: "lumen-scaleway", Kind: bucket, Name: "lumen-cdn-origin", Region: "nl-ams", Evidence: cat},
	{Provider: "exoscale", Account: "lumen-exoscale", Kind: bucket, Name: "lumen-geneva-vault", Region: "ch-gva-2", Evidence: cat},
	{Provider: "backblaze", Account: "lumen-b2", Kind: bucket, Name: "lumen-b2-offsite", Region: "eu-central-003", Evidence: cat},

	// Mail.
	{Provider: "microsoft-365", Account: "lumen-archi.fr", Kind: providers.KindMailbox, Name: "lumen-archi.fr", Region: "EU",
		Host: "lumen-archi-fr.mail.protection.outlook.com", Evidence: dns,
		Location: &geo.Location{Area: "EU", Lat: 52.37, Lon: 4.90, Evidence: geo.EvidenceAPI, Confidence: geo.ConfidenceLow,
			Note: "tenant region scope EU (Microsoft's EU geography), not a data centre"}},
	{Provider: "google-workspace", Account: "lumen-studio.com", Kind: providers.KindMailbox, Name: "lumen-studio.com",
		Host: "aspmx.l.google.com", Evidence: dns},
	{Provider: "proton", Account: "claire-martin.fr", Kind: providers.KindMailbox, Name: "claire-martin.fr",
		Host: "mail.protonmail.ch", Evidence: dns},
	{Provider: "self-hosted", Account: "lumen-archives.fr", Kind: providers.KindMailbox, Name: "lumen-archives.fr",
		Host: "mail.lumen-archives.fr", Evidence: geo.EvidenceGeoIP,
		Location: &geo.Location{Country: "FR", Lat: 48.86, Lon: 2.35, Evidence: geo.EvidenceGeoIP, Confidence: geo.ConfidenceLow,
			Note: "registration country of 203.0.113.25, not the data centre"}},
}

var scanGaps = []providers.Gap{
	{Provider: "aws", Account: "lumen-prod", Region: "ap-east-1",
		Error: "OptInRequired: the region ap-east-1 is not enabled for this account",
		Hint:  "nothing can be stored there until the region is enabled; no action needed unless you use it"},
	{Provider: "aws", Account: "lumen-prod", Region: "me-central-1",
		Error: "AccessDenied: dynamodb:ListTables was denied by a service control policy",
		Hint:  "ask the administrator of the organization to allow read-only calls in me-central-1 (reachmap aws-policy)"},
	{Provider: "aws", Account: "lumen-legacy",
		Error: "the SSO session of profile lumen-legacy has expired",
		Hint:  "run: aws sso login --profile lumen-legacy"},
}
